import type { StoredEvent } from '../../records/storedEvent.ts';
import { canonicalJson } from '../canonicalJson.ts';

/**
 * The files of an audit bundle and the encoding of one event per line. FORMAT.md, beside this
 * file, is the specification; this module is its executable form.
 */

export const BUNDLE_FILES = {
  events: 'events.jsonl',
  checkpoints: 'checkpoints.json',
  publicKey: 'public-key.pem',
  manifest: 'manifest.json',
} as const;

export const BUNDLE_FORMAT = 'transition-ledger-bundle';
export const BUNDLE_FORMAT_VERSION = 1;

/** manifest.json. Describes the bundle; it is not signed, so the verifier trusts none of it. */
export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  formatVersion: typeof BUNDLE_FORMAT_VERSION;
  /** ISO 8601 instant at which the bundle was written. */
  createdAt: string;
  eventCount: number;
  checkpointCount: number;
  /** Positions of the first and last event, decimal strings; null in an empty bundle. */
  firstPosition: string | null;
  lastPosition: string | null;
  /** `hash` of the last event (the head of the global order); null in an empty bundle. */
  headEventHash: string | null;
  /** Lowercase hex Merkle root over every event in the bundle (may be past the last checkpoint). */
  merkleRoot: string;
  /** Fingerprint of public-key.pem: hex SHA-256 of the raw 32-byte Ed25519 key. */
  keyFingerprint: string;
  notes: string[];
}

/** The fields of one line of events.jsonl, all required, no others allowed. */
const EVENT_FIELDS = [
  'actor', 'data', 'hash', 'id', 'metadata', 'position', 'prevHash', 'recordedAt', 'revision', 'schemaVersion', 'stream', 'type',
] as const;

const DECIMAL = /^(0|[1-9]\d*)$/;

/** One line of events.jsonl: canonical JSON of the event, position and revision as decimal strings. */
export function encodeEventLine(event: StoredEvent): string {
  return canonicalJson({
    actor: event.actor,
    data: event.data,
    hash: event.hash,
    id: event.id,
    metadata: event.metadata,
    position: event.position.toString(),
    prevHash: event.prevHash,
    recordedAt: event.recordedAt,
    revision: event.revision.toString(),
    schemaVersion: event.schemaVersion,
    stream: event.stream,
    type: event.type,
  });
}

export type DecodedLine =
  | { ok: true; event: StoredEvent }
  /** What could be read of a bad line, so the report can still name the event. */
  | { ok: false; message: string; id?: string; position?: string; hash?: string };

/** Parses one line of events.jsonl, refusing missing, mistyped and unknown fields. */
export function decodeEventLine(line: string): DecodedLine {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { ok: false, message: 'line is not JSON' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, message: 'line is not a JSON object' };
  const o = raw as Record<string, unknown>;
  const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  const partial = { id: str('id'), position: str('position'), hash: str('hash') };
  const fail = (message: string): DecodedLine => ({ ok: false, message, ...definedOnly(partial) });

  const unknown = Object.keys(o).filter((k) => !(EVENT_FIELDS as readonly string[]).includes(k));
  if (unknown.length > 0) return fail(`unknown field(s): ${unknown.join(', ')}`);
  const missing = EVENT_FIELDS.filter((k) => !Object.hasOwn(o, k));
  if (missing.length > 0) return fail(`missing field(s): ${missing.join(', ')}`);
  for (const k of ['actor', 'hash', 'id', 'prevHash', 'recordedAt', 'stream', 'type', 'position', 'revision'] as const) {
    if (typeof o[k] !== 'string') return fail(`${k} must be a string`);
  }
  if (!DECIMAL.test(o.position as string)) return fail('position must be a decimal string');
  if (!DECIMAL.test(o.revision as string)) return fail('revision must be a decimal string');
  if (!Number.isSafeInteger(o.schemaVersion)) return fail('schemaVersion must be an integer');
  const metadata = o.metadata;
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata) || !Object.values(metadata).every((v) => typeof v === 'string')) {
    return fail('metadata must be an object of strings');
  }
  return {
    ok: true,
    event: {
      id: o.id as string,
      stream: o.stream as string,
      revision: BigInt(o.revision as string),
      position: BigInt(o.position as string),
      type: o.type as string,
      schemaVersion: o.schemaVersion as number,
      data: o.data,
      recordedAt: o.recordedAt as string,
      actor: o.actor as string,
      metadata: metadata as Record<string, string>,
      prevHash: o.prevHash as string,
      hash: o.hash as string,
    },
  };
}

function definedOnly<T extends Record<string, string | undefined>>(o: T): Partial<Record<keyof T, string>> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<Record<keyof T, string>>;
}
