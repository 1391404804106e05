import type { EventData } from '../events/catalogue.ts';
import type { LedgerState } from '../ledgerState.ts';
import { violate } from './violate.ts';

/** What the handler knows of the event a retraction names, when that event is recorded. */
export interface RetractionTarget {
  id: string;
  type: string;
  stream: string;
}

/**
 * Rules of a retraction. Whether the target exists is known only to the handler (it looked the id
 * up in the store), so it arrives as `target`; whether it was already retracted is in the state,
 * folded from the target's stream, where earlier retractions of it were appended.
 */
export function checkRetraction(data: EventData<'EntryRetracted'>, state: LedgerState, target: RetractionTarget | undefined): void {
  const { eventId } = data;
  if (target === undefined || target.id !== eventId) {
    violate('RETRACTION_TARGET_UNKNOWN', `no event ${eventId} is recorded`, { eventId });
  }
  if (target.type === 'EntryRetracted') {
    violate('RETRACTION_NOT_RETRACTABLE', `event ${eventId} is itself a retraction: record the retracted fact again instead`, {
      eventId,
    });
  }
  if (state.retractedIds.has(eventId)) {
    violate('ENTRY_ALREADY_RETRACTED', `event ${eventId} (${target.type}, stream ${target.stream}) is already retracted`, {
      eventId,
      type: target.type,
      stream: target.stream,
    });
  }
}
