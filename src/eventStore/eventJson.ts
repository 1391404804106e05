import { z } from 'zod';
import type { StoredEvent } from '../records/storedEvent.ts';

/** A ledger position on the wire: a decimal string, since EventStoreDB's exceed 2^53. */
export const PositionString = z.string().regex(/^\d+$/).describe('Ledger position (decimal string)');

export const StoredEventJson = z.object({
  position: PositionString,
  stream: z.string(),
  revision: z.number().int().describe('Zero-based revision within the stream'),
  id: z.string().describe('Event id (UUID)'),
  type: z.string(),
  schemaVersion: z.number().int(),
  data: z.unknown(),
  recordedAt: z.string().describe('When the server recorded the event (ISO 8601)'),
  actor: z.string().describe('Name of the credential that wrote it'),
  metadata: z.record(z.string(), z.string()),
  prevHash: z.string().describe('Hash of the previous event of the same stream'),
  hash: z.string().describe('SHA-256 of the canonical event, prevHash included'),
});
export type StoredEventJson = z.infer<typeof StoredEventJson>;

export function toEventJson(e: StoredEvent): StoredEventJson {
  return {
    position: e.position.toString(),
    stream: e.stream,
    revision: Number(e.revision),
    id: e.id,
    type: e.type,
    schemaVersion: e.schemaVersion,
    data: e.data,
    recordedAt: e.recordedAt,
    actor: e.actor,
    metadata: e.metadata,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}

/** What a write returns for each recorded event. */
export const RecordedEventJson = z.object({
  id: z.string(),
  type: z.string(),
  stream: z.string(),
  revision: z.number().int(),
  position: PositionString,
  recordedAt: z.string(),
  hash: z.string(),
});

export function toRecordedJson(e: StoredEvent): z.infer<typeof RecordedEventJson> {
  return {
    id: e.id,
    type: e.type,
    stream: e.stream,
    revision: Number(e.revision),
    position: e.position.toString(),
    recordedAt: e.recordedAt,
    hash: e.hash,
  };
}

/** The inverse of toEventJson, for imports and bundles: validates the shape, converts positions back to bigint. */
export function fromEventJson(json: unknown): StoredEvent {
  const e = StoredEventJson.extend({ revision: z.number().int().min(0) }).parse(json);
  return { ...e, position: BigInt(e.position), revision: BigInt(e.revision) };
}
