import type { StoredEvent } from '../../records/storedEvent.ts';
import type { Checkpoint } from '../checkpoint.ts';

/**
 * The stream of signed tree heads; a system stream, outside the domain catalogue. Spelled here, not
 * taken from src/domain/streams.ts, so the offline verifier needs nothing outside src/audit; a spec
 * keeps the two names equal.
 */
export const CHECKPOINT_STREAM = 'audit-checkpoints';
export const CHECKPOINT_EVENT_TYPE = 'CheckpointSigned';

/** A checkpoint with where its event sits in the log. */
export interface RecordedCheckpoint extends Checkpoint {
  /** Id and position of the CheckpointSigned event that recorded it. */
  eventId: string;
  position: bigint;
}

/**
 * The checkpoint a CheckpointSigned event records, or undefined when its data is not one.
 * Schema version 1: {treeSize, rootHash, timestamp, keyFingerprint, signature} (JSON message).
 * Schema version 2: the same plus `origin` and `note`, the C2SP signed note.
 */
export function toCheckpoint(event: StoredEvent): RecordedCheckpoint | undefined {
  if (event.type !== CHECKPOINT_EVENT_TYPE) return undefined;
  const d = event.data as Partial<Checkpoint> | null;
  if (typeof d !== 'object' || d === null) return undefined;
  const hex = (h: unknown) => typeof h === 'string' && /^[0-9a-f]{64}$/.test(h);
  if (!Number.isSafeInteger(d.treeSize) || (d.treeSize as number) < 0 || !hex(d.rootHash) || !hex(d.keyFingerprint)) return undefined;
  if (typeof d.timestamp !== 'string' || typeof d.signature !== 'string') return undefined;
  const v2 = event.schemaVersion >= 2;
  if (v2 && (typeof d.origin !== 'string' || typeof d.note !== 'string')) return undefined;
  return {
    treeSize: d.treeSize!,
    rootHash: d.rootHash!,
    timestamp: d.timestamp,
    keyFingerprint: d.keyFingerprint!,
    signature: d.signature,
    ...(v2 && { origin: d.origin!, note: d.note! }),
    eventId: event.id,
    position: event.position,
  };
}
