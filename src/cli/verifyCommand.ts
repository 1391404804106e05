import { availableParallelism } from 'node:os';
import { PARALLEL_FROM } from '../audit/log/integrityMonitor.ts';
import { leafHash } from '../audit/merkle.ts';
import { verifyLedgerInParallel, type ParallelReport } from '../audit/parallel/verifyLedgerInParallel.ts';
import { StreamingMerkleRoot } from '../audit/streamingMerkleRoot.ts';
import { verifyChain } from '../audit/verifyChain.ts';
import type { EventStore } from '../eventStore/eventStore.ts';
import { SqliteEventStore } from '../eventStore/sqliteEventStore.ts';
import { withLedger } from './withLedger.ts';

export interface VerifyOptions {
  /** Hashing threads for a SQLite ledger; 0 verifies serially. Default: the available cores, for logs reaching PARALLEL_FROM. */
  workers?: number;
}

/**
 * `verify`: recompute the whole chain and the log's Merkle root; exit code 1 and the first bad
 * position when it is broken. A large SQLite ledger is hashed in worker threads (the server's full
 * verification does the same); the report is the same either way.
 */
export async function verifyCommand(options: VerifyOptions = {}): Promise<void> {
  const { report, workers } = await withLedger(({ store }) => verifyStore(store, options));
  const root = report.merkleRoot ?? '- (a stored hash is not a SHA-256)';
  const how = workers > 0 ? `, in ${workers} worker thread(s)` : '';
  if (report.ok) {
    console.log(`OK: ${report.checkedEvents} events verified${how}; head position ${report.headPosition ?? '-'}, head hash ${report.headHash ?? '-'}, Merkle root ${root}`);
    return;
  }
  console.error(`BROKEN: first invalid position ${report.firstInvalidPosition}; ${report.problemCount} problem(s)${report.problemCount > report.problems.length ? `, the first ${report.problems.length} listed` : ""}${how}:`);
  for (const p of report.problems) console.error(`  position ${p.position} (${p.stream}, event ${p.eventId}): ${p.kind}: ${p.message}`);
  process.exitCode = 1;
}

async function verifyStore(store: EventStore, { workers }: VerifyOptions): Promise<{ report: ParallelReport; workers: number }> {
  const file = store instanceof SqliteEventStore ? store.file : undefined;
  const large = workers !== undefined || ((await store.headPosition()) ?? 0n) >= PARALLEL_FROM;
  if (file !== undefined && workers !== 0 && large) {
    const report = await verifyLedgerInParallel(file, { workers });
    return { report, workers: workers ?? availableParallelism() };
  }
  // Serial: the chain rules over readAll, the root streamed beside them (undefined once a hash is not hex).
  let tree: StreamingMerkleRoot | undefined = new StreamingMerkleRoot();
  const report = await verifyChain(tapped(store.readAll(), (hash) => {
    try {
      tree?.push(leafHash(hash));
    } catch {
      tree = undefined;
    }
  }));
  return { report: { ...report, ...(tree && { merkleRoot: (tree as StreamingMerkleRoot).root().toString('hex') }) }, workers: 0 };
}

async function* tapped<T extends { hash: string }>(source: AsyncIterable<T>, each: (hash: string) => void): AsyncGenerator<T> {
  for await (const item of source) {
    each(item.hash);
    yield item;
  }
}
