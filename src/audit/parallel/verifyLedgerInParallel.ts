import { availableParallelism } from 'node:os';
import Database from 'better-sqlite3';
import { assertCurrentSchema } from '../../eventStore/sqliteSchema.ts';
import { EventChecker, type ChainLink } from '../bundle/eventChecks.ts';
import { HASH_SIZE } from '../merkle.ts';
import { StreamingMerkleRoot } from '../streamingMerkleRoot.ts';
import { ChainReportBuilder, type ChainReport } from '../verifyChain.ts';
import type { HashedRange } from './eventHashWorker.ts';
import { HashPool } from './hashPool.ts';

export interface ParallelVerifyOptions {
  /** Hashing worker threads; defaults to the machine's available parallelism. */
  workers?: number;
  /** Positions per job; defaults to 4,096. */
  chunk?: number;
}

export interface ParallelReport extends ChainReport {
  /** RFC 9162 root of the log's Merkle tree (leaf i: the i-th event's stored hash), lowercase hex;
   * absent when some stored hash is not 64 lowercase hex digits, so that no leaf can be made of it. */
  merkleRoot?: string;
}

/**
 * verifyChain over a SQLite ledger file, with the reading and hashing spread over worker threads:
 * the same rules (EventChecker.checkLinks, with each event's hash recomputed exactly as
 * EventChecker.check does) and the same report, event for event; plus the Merkle root of the log.
 * Reading rows and recomputing hashes (JSON.parse, canonical JSON, SHA-256) is most of the cost and
 * needs no order, so workers do it for ranges of positions, each through its own read-only
 * connection. The rules and the tree need order: the main thread applies them to the ranges in
 * position order, from what the workers read and recomputed.
 */
export async function verifyLedgerInParallel(file: string, options: ParallelVerifyOptions = {}): Promise<ParallelReport> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  let pool: HashPool | undefined;
  try {
    db.defaultSafeIntegers(true);
    assertCurrentSchema(db);
    // Like readAll: positions after 0, up to the head as read now (later appends are not checked).
    const head = db.prepare<[], bigint | null>('SELECT max(position) FROM events').pluck().get() ?? 0n;
    // Ranges hold `chunk` rows each, however sparse the positions (an edited file may have any).
    const rowsAfter = db.prepare<[bigint, number], bigint>('SELECT position FROM events WHERE position > ? ORDER BY position LIMIT 1 OFFSET ?').pluck();
    const chunk = Math.max(1, Math.floor(options.chunk ?? 4096));
    pool = new HashPool(file, Math.max(1, options.workers ?? availableParallelism()));
    const queue: ReturnType<HashPool['run']>[] = [];
    let after = 0n;
    let seq = 0;
    const submit = (hashing: HashPool) => {
      if (after >= head) return;
      const end = rowsAfter.get(after, chunk - 1) ?? head;
      const upTo = end < head ? end : head;
      queue.push(hashing.run({ seq: seq++, after, upTo }));
      after = upTo;
    };
    for (let i = 0; i < 2 * pool.size; i++) submit(pool);

    const checker = new EventChecker();
    const report = new ChainReportBuilder();
    let tree: StreamingMerkleRoot | undefined = new StreamingMerkleRoot();
    while (queue.length > 0) {
      const hashed = await queue.shift()!;
      submit(pool);
      if ('error' in hashed) throw new Error(hashed.error);
      checkRange(hashed, checker, report);
      if (!hashed.leaves) tree = undefined;
      for (let i = 0; tree && i < hashed.positions.length; i++) tree.push(hashed.leaves!.subarray(HASH_SIZE * i, HASH_SIZE * (i + 1)));
    }
    return { ...report.build(), ...(tree && { merkleRoot: tree.root().toString('hex') }) };
  } finally {
    db.close();
    await pool?.close();
  }
}

function checkRange(range: HashedRange, checker: EventChecker, report: ChainReportBuilder): void {
  for (let i = 0; i < range.positions.length; i++) {
    const event: ChainLink = {
      position: range.positions[i]!,
      id: range.ids[i]!,
      stream: range.streams[i]!,
      revision: range.revisions[i]!,
      prevHash: range.prevHashes[i]!,
      hash: range.hashes[i]!,
    };
    report.add(event, checker.checkLinks(event, range.recomputed.slice(64 * i, 64 * (i + 1))));
  }
}
