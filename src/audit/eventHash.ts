import { canonicalJson, plainCanonicalJson, quotesAsIs } from './canonicalJson.ts';
import type { StoredEvent } from '../records/storedEvent.ts';
import { sha256Hex } from './sha256.ts';

/** prevHash of the first event of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of a stored event that its hash covers. The global position is not among them:
 * EventStoreDB assigns it only at commit, and global order is covered by the Merkle log instead. */
export type HashedFields = Omit<StoredEvent, 'position' | 'hash'>;

/**
 * Hash of one event: lowercase hex SHA-256 of the UTF-8 bytes of the canonical JSON (RFC 8785) of
 * its hashed fields, with `revision` as a decimal string. Each event names its stream predecessor's
 * hash, so every stream is a hash chain.
 */
export function eventHash(fields: HashedFields): string {
  return sha256Hex(plainCanonicalFields(fields) ?? canonicalJson(hashedObject(fields)));
}

/**
 * eventHash(fields) for an event whose data and metadata are already written as canonical JSON
 * (`data`, `metadata`): the write path serializes each once, for this hash and for storage alike.
 * Falls back to the general path for fields outside the plain shape.
 */
export function eventHashOfCanonical(fields: HashedFields, data: string, metadata: string): string {
  return sha256Hex(plainCanonicalText(fields, data, metadata) ?? canonicalJson(hashedObject(fields)));
}

function hashedObject(fields: HashedFields): Record<string, unknown> {
  return {
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
  };
}

/**
 * The same text as canonicalJson(hashedObject(fields)), written directly, for the events a ledger
 * holds (plain data and metadata, every field present): it is what plainCanonicalJson writes for
 * that object, whose keys are listed here already in UTF-16 order, without building the object or
 * sorting its keys. Anything else returns undefined and takes the general path. Checked against
 * canonicalize on generated events in test/unit/audit/canonicalJson.spec.ts.
 */
function plainCanonicalFields(f: HashedFields): string | undefined {
  const data = plainCanonicalJson(f.data);
  const metadata = plainCanonicalJson(f.metadata);
  return data === undefined || metadata === undefined ? undefined : plainCanonicalText(f, data, metadata);
}

/** The text of plainCanonicalFields around data and metadata already in canonical form. */
function plainCanonicalText(f: HashedFields, data: string, metadata: string): string | undefined {
  const { actor, id, prevHash, recordedAt, stream, type, revision, schemaVersion } = f;
  if (
    typeof actor !== 'string' || typeof id !== 'string' || typeof prevHash !== 'string' || typeof recordedAt !== 'string' ||
    typeof stream !== 'string' || typeof type !== 'string' || typeof revision !== 'bigint' || typeof schemaVersion !== 'number'
  ) return undefined;
  const version = plainCanonicalJson(schemaVersion); // undefined for NaN and ±Infinity
  if (version === undefined) return undefined;
  // A bigint's decimal form (digits, perhaps a minus) needs no escape. The common event, whose
  // strings all need none, is written in one template, without a quoted copy of each.
  if (quotesAsIs(actor) && quotesAsIs(id) && quotesAsIs(prevHash) && quotesAsIs(recordedAt) && quotesAsIs(stream) && quotesAsIs(type)) {
    return `{"actor":"${actor}","data":${data},"id":"${id}","metadata":${metadata},"prevHash":"${prevHash}","recordedAt":"${recordedAt}","revision":"${revision}","schemaVersion":${version},"stream":"${stream}","type":"${type}"}`;
  }
  return `{"actor":${quoted(actor)},"data":${data},"id":${quoted(id)},"metadata":${metadata},"prevHash":${quoted(prevHash)},"recordedAt":${quoted(recordedAt)},"revision":"${revision}","schemaVersion":${version},"stream":${quoted(stream)},"type":${quoted(type)}}`;
}

const quoted = (text: string): string => plainCanonicalJson(text)!;
