import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { erasableFields } from '../domain/events/fieldClassification.ts';
import type { EventType, LedgerEvent } from '../domain/events/catalogue.ts';
import { isPersonalInput, isSealedValue, type SealedValue } from '../domain/personalText.ts';
import { ValidationError, type FieldIssue } from '../errors/validationError.ts';
import { forEachFieldValue, mapFieldPattern } from './fieldPaths.ts';
import { KEY_STORE_FILE_NAME, PersonalDataKeyStore } from './keyStore.ts';
import { open, seal } from './sealing.ts';

/** What a sealed value is to one reader: the plaintext, or why not. */
export type Opened = { kind: 'plaintext'; value: string } | { kind: 'erased' } | { kind: 'no-key' };

/** Seals a fact's erasable fields before it is hashed; the recorder's hook (DecisionDeps.seal). */
export type SealFact = (event: LedgerEvent, place: { eventId: string; stream: string; now: Date }) => LedgerEvent;

/**
 * The ledger's personal data: seals erasable fields on the write path, opens them at the edge for a
 * reader who may see them, and destroys a subject's key on erasure. The log holds ciphertext only.
 */
export class PersonalDataVault {
  private constructor(readonly keys: PersonalDataKeyStore) {}

  /** The key store of a data directory: `<dataDir>/personal-data-keys.sqlite`. */
  static inDataDir(dataDir: string): PersonalDataVault {
    return new PersonalDataVault(PersonalDataKeyStore.open(join(dataDir, KEY_STORE_FILE_NAME)));
  }

  /** The fact with each erasable value sealed, in a copy; ValidationError for a value the write path must not take. */
  readonly seal: SealFact = (event, { eventId, stream, now }) => {
    const fields = erasableFieldsOf(event.type);
    if (fields.length === 0) return event;
    const data = structuredClone(event.data) as unknown;
    const issues: FieldIssue[] = [];
    for (const pattern of fields) {
      mapFieldPattern(data, pattern, (value, field) => {
        if (isSealedValue(value)) {
          issues.push({ path: `data/${field}`, message: 'must be plaintext (a name, or {subjectId, value}): sealed values are made by the ledger' });
          return value;
        }
        // A bare name is its own subject, named after its place so that a retry seals it alike.
        const subjectId = isPersonalInput(value) ? value.subjectId : `ps-${createHash('sha256').update(`${eventId}/${field}`).digest('hex').slice(0, 32)}`;
        const plaintext = isPersonalInput(value) ? value.value : (value as string);
        const key = this.keys.keyFor(subjectId, stream, () => randomBytes(32), now.toISOString());
        if (!key) {
          issues.push({ path: `data/${field}/subjectId`, message: `the personal data of subject ${subjectId} was erased; a new value needs a new subjectId` });
          return value;
        }
        return seal(plaintext, { subjectId, eventId, field }, key);
      });
    }
    if (issues.length > 0) throw new ValidationError(issues);
    return { type: event.type, data } as LedgerEvent;
  };

  /** Opens a sealed value with its subject's key, if the key still exists. */
  open(value: SealedValue): Opened {
    const key = this.keys.get(value.subjectId);
    if (key.kind === 'erased') return { kind: 'erased' };
    if (key.kind === 'unknown') return { kind: 'no-key' };
    const plaintext = open(value, key.key);
    return plaintext === undefined ? { kind: 'no-key' } : { kind: 'plaintext', value: plaintext };
  }

  /** The streams the subject's values were sealed in (a commission reads those of its transitions). */
  streamsOf(subjectId: string): string[] {
    return this.keys.streamsOf(subjectId);
  }

  /** Destroys the subject's key (after its PersonalDataErased is recorded). */
  erase(subjectId: string, erasedAt: string): void {
    this.keys.erase(subjectId, erasedAt);
  }

  close(): void {
    this.keys.close();
  }
}

/** Without a vault (stores opened by tests and tools with no data directory) values stay as given, but a subject-tagged value is refused: it would be kept in plaintext. */
export const refusePersonalInput: SealFact = (event) => {
  const issues: FieldIssue[] = [];
  for (const pattern of erasableFieldsOf(event.type)) {
    forEachFieldValue(event.data, pattern, (value, field) => {
      if (isPersonalInput(value) || isSealedValue(value)) issues.push({ path: `data/${field}`, message: 'this ledger has no personal-data key store: send the plain value' });
    });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return event;
};

/** erasableFields, worked out once per event type: the write path asks for every fact it seals. */
const erasableByType = new Map<EventType, readonly string[]>();
function erasableFieldsOf(type: EventType): readonly string[] {
  let fields = erasableByType.get(type);
  if (!fields) erasableByType.set(type, (fields = Object.freeze(erasableFields(type))));
  return fields;
}
