import { erasableFields } from '../domain/events/fieldClassification.ts';
import { isEventType } from '../domain/events/catalogue.ts';
import { isSealedValue, PERSONAL_DATA_PLACEHOLDERS } from '../domain/personalText.ts';
import type { EventStore } from '../eventStore/eventStore.ts';
import { mapFieldPattern } from './fieldPaths.ts';
import type { PersonalDataVault } from './personalDataVault.ts';

/** One sealed value of the log, as a data-protection officer needs it to answer a request. */
export interface PersonalValue {
  eventId: string;
  stream: string;
  type: string;
  field: string;
  subjectId: string;
  /** The plaintext, or `[dato personal suprimido]` once erased. */
  value: string;
}

/**
 * Every sealed value of the log (optionally of one subject), opened: how the officer finds the
 * subject ids of a person who asks, and checks an erasure. Reads the whole log: a request's answer,
 * not a hot path.
 */
export async function listPersonalValues(store: Pick<EventStore, 'readAll'>, vault: PersonalDataVault | undefined, subjectId?: string): Promise<PersonalValue[]> {
  const found: PersonalValue[] = [];
  for await (const event of store.readAll()) {
    if (!isEventType(event.type)) continue;
    for (const pattern of erasableFields(event.type)) {
      mapFieldPattern(event.data, pattern, (value, field) => {
        if (isSealedValue(value) && (subjectId === undefined || value.subjectId === subjectId)) {
          const opened = vault ? vault.open(value) : ({ kind: 'no-key' } as const);
          const shown = opened.kind === 'plaintext' ? opened.value : opened.kind === 'erased' ? PERSONAL_DATA_PLACEHOLDERS.erased : PERSONAL_DATA_PLACEHOLDERS.withheld;
          found.push({ eventId: event.id, stream: event.stream, type: event.type, field, subjectId: value.subjectId, value: shown });
        }
        return value;
      });
    }
  }
  return found;
}
