import type { RecordEvents } from '../commandHandling/recordEvents.ts';
import type { EventStore } from '../eventStore/eventStore.ts';
import type { StoredEvent } from '../records/storedEvent.ts';
import type { PersonalDataVault } from './personalDataVault.ts';

const erasureOf = (e: StoredEvent) => (e.type === 'PersonalDataErased' ? (e.data as { subjectId: string }).subjectId : undefined);

/**
 * The write path, with erasure made effective: once a PersonalDataErased is durable (whoever wrote
 * it: HTTP, CLI, web), its subject's key is destroyed. The order matters: the fact first, so that
 * no key is ever destroyed without a recorded reason; a crash in between is repaired at start-up
 * by destroyErasedKeys.
 */
export function withKeyDestruction(record: RecordEvents, vault: PersonalDataVault): RecordEvents {
  return async (submission, writer, paths) => {
    const result = await record(submission, writer, paths);
    for (const event of result.events) {
      const subjectId = erasureOf(event);
      if (subjectId !== undefined) vault.erase(subjectId, event.recordedAt);
    }
    return result;
  };
}

/** Destroys the key of every subject the log says was erased (idempotent); returns how many erasures it read. */
export async function destroyErasedKeys(store: EventStore, vault: PersonalDataVault): Promise<number> {
  let erasures = 0;
  for await (const event of store.readAll()) {
    const subjectId = erasureOf(event);
    if (subjectId === undefined) continue;
    vault.erase(subjectId, event.recordedAt);
    erasures++;
  }
  return erasures;
}
