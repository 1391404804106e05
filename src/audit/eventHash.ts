import { canonicalJson } from './canonicalJson.ts';
import { sha256Hex } from './sha256.ts';

/** prevHash of the first event of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of a stored event that its hash covers. The global position is not among them:
 * EventStoreDB assigns it only at commit, and global order is covered by the Merkle log instead. */
export interface HashedFields {
  stream: string;
  revision: bigint;
  id: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  recordedAt: string;
  actor: string;
  metadata: Record<string, string>;
  prevHash: string;
}

/**
 * Hash of one event: lowercase hex SHA-256 of the UTF-8 bytes of the canonical JSON (RFC 8785) of
 * its hashed fields, with `revision` as a decimal string. Each event names its stream predecessor's
 * hash, so every stream is a hash chain.
 */
export function eventHash(fields: HashedFields): string {
  const canonical = canonicalJson({
    actor: fields.actor,
    data: fields.data,
    id: fields.id,
    metadata: fields.metadata,
    prevHash: fields.prevHash,
    recordedAt: fields.recordedAt,
    revision: fields.revision.toString(),
    schemaVersion: fields.schemaVersion,
    stream: fields.stream,
    type: fields.type,
  });
  return sha256Hex(canonical);
}
