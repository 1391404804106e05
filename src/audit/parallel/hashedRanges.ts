import { availableParallelism } from 'node:os';
import Database from 'better-sqlite3';
import { assertCurrentSchema } from '../../eventStore/sqliteSchema.ts';
import type { HashedRange } from './eventHashWorker.ts';
import { HashPool } from './hashPool.ts';

export interface HashedRangesOptions {
  /** Hashing worker threads; defaults to the machine's available parallelism. */
  workers?: number;
  /** Positions per job; defaults to 4,096 (a power of two: each range of a log without gaps is one perfect Merkle subtree). */
  chunk?: number;
}

/** Positions per job by default: large enough to amortize a message, small enough to keep workers busy. */
export const DEFAULT_CHUNK = 4096;

/**
 * The rows of a SQLite ledger file in position order, `chunk` rows per range, each range read and
 * re-hashed by a worker thread (eventHashWorker.ts) through its own read-only connection; at most
 * two ranges per worker are in flight. What it yields judges nothing: the caller applies the rules,
 * in order (verifyLedgerInParallel, and the integrity monitor's full verification). Like readAll,
 * it reads positions after 0 up to the head as read when it starts (later appends are not read).
 * A row the serial path could not read either (data that is not JSON) fails the iteration.
 */
export async function* hashedRanges(file: string, options: HashedRangesOptions = {}): AsyncGenerator<HashedRange> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  let pool: HashPool | undefined;
  try {
    db.defaultSafeIntegers(true);
    assertCurrentSchema(db);
    const head = db.prepare<[], bigint | null>('SELECT max(position) FROM events').pluck().get() ?? 0n;
    // A range spans `chunk` positions, so it holds at most `chunk` rows (positions are the table's
    // integer key), exactly `chunk` where none is missing; a gap (an edited file may have any) is
    // skipped with one index seek, not walked. Counting rows instead would read the table here too.
    const nextPosition = db.prepare<[bigint], bigint>('SELECT position FROM events WHERE position > ? ORDER BY position LIMIT 1').pluck();
    const chunk = BigInt(Math.max(1, Math.floor(options.chunk ?? DEFAULT_CHUNK)));
    pool = new HashPool(file, Math.max(1, options.workers ?? availableParallelism()));
    const queue: ReturnType<HashPool['run']>[] = [];
    let after = 0n;
    let seq = 0;
    const submit = (hashing: HashPool) => {
      if (after >= head) return;
      const upTo = after + chunk < head ? after + chunk : head;
      queue.push(hashing.run({ seq: seq++, after, upTo }));
      const next = nextPosition.get(upTo);
      after = next === undefined ? head : next - 1n;
    };
    for (let i = 0; i < 2 * pool.size; i++) submit(pool);
    while (queue.length > 0) {
      const hashed = await queue.shift()!;
      submit(pool);
      if ('error' in hashed) throw new Error(hashed.error);
      yield hashed;
    }
  } finally {
    db.close();
    await pool?.close();
  }
}
