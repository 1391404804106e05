import type { EventStore, ExpectedRevision } from '../../eventStore/eventStore.ts';
import type { Checkpoint } from '../checkpoint.ts';
import { CHECKPOINT_EVENT_TYPE, CHECKPOINT_STREAM, type RecordedCheckpoint } from './checkpointEvent.ts';

/** Schema version of CheckpointSigned events that carry the C2SP note (version 1: JSON message only). */
export const CHECKPOINT_SCHEMA_VERSION = 2;

/**
 * Appends one CheckpointSigned event (stream `audit-checkpoints`) for a signed checkpoint, so it
 * travels with the log and is itself covered by later checkpoints. The note is stored as signed by
 * the ledger alone: cosignatures arrive later and are kept beside the log (cosignatureStore.ts).
 */
export async function recordCheckpoint(
  store: EventStore,
  signed: Checkpoint,
  options: { id: string; actor: string; reason: string; expectedRevision: ExpectedRevision },
): Promise<RecordedCheckpoint> {
  const data = {
    treeSize: signed.treeSize, rootHash: signed.rootHash, timestamp: signed.timestamp, keyFingerprint: signed.keyFingerprint,
    signature: signed.signature, origin: signed.origin, note: signed.note,
  };
  const { events } = await store.appendToStream(
    CHECKPOINT_STREAM,
    [{ id: options.id, type: CHECKPOINT_EVENT_TYPE, schemaVersion: CHECKPOINT_SCHEMA_VERSION, data, recordedAt: signed.timestamp, actor: options.actor, metadata: { reason: options.reason } }],
    { expectedRevision: options.expectedRevision },
  );
  return { ...signed, eventId: events[0]!.id, position: events[0]!.position };
}
