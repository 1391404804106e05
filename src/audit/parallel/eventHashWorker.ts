import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { EVENT_COLUMNS, tupleToEvent, type EventTuple } from '../../eventStore/sqliteSchema.ts';
import { eventHash } from '../eventHash.ts';
import { HASH_SIZE } from '../merkle.ts';
import { sha256HexOfBytes } from '../sha256.ts';
import { StreamingMerkleRoot } from '../streamingMerkleRoot.ts';

/** A range of positions, (after, upTo], to read and re-hash. */
export interface HashJob {
  seq: number;
  after: bigint;
  upTo: bigint;
}

/**
 * The rows of a range, column by column in position order (row i is index i of each), with what
 * the chain rules read: `mismatches` maps the index of each row whose fields do not hash to its
 * stored hash to the hash they do give (every other row's recomputed hash is its stored one);
 * `leaves` holds the Merkle leaf hash of each stored hash, 32 bytes each, and `root` their MTH, or
 * both are absent when a stored hash of the range is not 64 lowercase hex digits.
 */
export interface HashedRange {
  seq: number;
  positions: BigInt64Array;
  revisions: BigInt64Array;
  ids: string[];
  streams: string[];
  prevHashes: string[];
  hashes: string[];
  mismatches: Map<number, string>;
  leaves: Uint8Array | undefined;
  root: Uint8Array | undefined;
}

/** A row the serial path could not read either (e.g. data that is not JSON): the verification fails as it would there. */
export type HashResult = HashedRange | { seq: number; error: string };

/**
 * Worker of hashedRanges: reads whole rows of a range through its own read-only connection,
 * recomputes each event's hash exactly as EventChecker.check does (tupleToEvent, then eventHash)
 * and each Merkle leaf. It judges nothing: the main thread applies every rule.
 */
const db = new Database((workerData as { file: string }).file, { readonly: true, fileMustExist: true });
db.defaultSafeIntegers(true);
const range = db.prepare<[bigint, bigint], EventTuple>(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? AND position <= ? ORDER BY position`).raw();
const HEX_HASH = /^[0-9a-f]{64}$/;

parentPort!.on('message', (job: HashJob) => {
  try {
    const result = hashRange(job);
    const transfer = [result.positions.buffer, result.revisions.buffer] as ArrayBuffer[];
    parentPort!.postMessage(result, result.leaves ? [...transfer, result.leaves.buffer as ArrayBuffer] : transfer);
  } catch (error) {
    const result: HashResult = { seq: job.seq, error: error instanceof Error ? error.message : String(error) };
    parentPort!.postMessage(result);
  }
});

/** 0x00 || the 32 bytes of an event hash: the input of its leaf hash, reused for every row. */
const leafInput = Buffer.alloc(1 + HASH_SIZE);

function hashRange(job: HashJob): HashedRange {
  const rows = range.all(job.after, job.upTo);
  const n = rows.length;
  const leaves = new Uint8Array(HASH_SIZE * n);
  const leafBytes = Buffer.from(leaves.buffer, leaves.byteOffset, leaves.length);
  const out: HashedRange = {
    seq: job.seq,
    positions: new BigInt64Array(n),
    revisions: new BigInt64Array(n),
    ids: new Array<string>(n),
    streams: new Array<string>(n),
    prevHashes: new Array<string>(n),
    hashes: new Array<string>(n),
    mismatches: new Map(),
    leaves,
    root: undefined,
  };
  let hexHashes = true;
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    out.positions[i] = row[0];
    out.ids[i] = row[1];
    out.streams[i] = row[2];
    out.revisions[i] = row[3];
    out.prevHashes[i] = row[10];
    const stored = (out.hashes[i] = row[11]);
    const recomputed = eventHash(tupleToEvent(row));
    if (recomputed !== stored) out.mismatches.set(i, recomputed);
    if (hexHashes && HEX_HASH.test(stored)) {
      leafInput.write(stored, 1, 'hex');
      leafBytes.write(sha256HexOfBytes(leafInput), HASH_SIZE * i, 'hex');
    } else hexHashes = false;
  }
  if (!hexHashes) return { ...out, leaves: undefined };
  const tree = new StreamingMerkleRoot();
  for (let i = 0; i < n; i++) tree.push(leaves.subarray(HASH_SIZE * i, HASH_SIZE * (i + 1)));
  return { ...out, root: new Uint8Array(tree.root()) };
}
