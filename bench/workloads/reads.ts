import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import Database from 'better-sqlite3';
import { verifyChain } from '../../src/audit/verifyChain.ts';
import { leafHash, merkleRoot } from '../../src/audit/merkle.ts';
import { verifyLedgerInParallel } from '../../src/audit/parallel/verifyLedgerInParallel.ts';
import { StreamingMerkleRoot } from '../../src/audit/streamingMerkleRoot.ts';
import type { StoredEvent } from '../../src/records/storedEvent.ts';
import { SqliteEventStore } from '../../src/eventStore/sqliteEventStore.ts';
import { LedgerReader } from '../../src/readModels/ledgerReader.ts';
import { localGovernmentView } from '../../projections/localGovernmentView.ts';
import { msSince, percentile } from '../stats.ts';
import { seededRandom } from '../seededRandom.ts';
import { lgIdOf } from '../synthetic.ts';

/**
 * W5: the whole chain verified (every hash recomputed, per-stream chains, positions, ids), and the
 * RFC 9162 Merkle root of the log computed on the way. Events per second, start-up of the worker
 * threads included. `workers: 0` measures the serial path instead (verifyChain over readAll, the
 * root streamed beside it), for comparison.
 */
export async function w5Verify(file: string, workers = availableParallelism()): Promise<{ rate: number; ok: boolean; root: string; workers: number }> {
  if (workers > 0) {
    const start = process.hrtime.bigint();
    const report = await verifyLedgerInParallel(file, { workers });
    const ms = msSince(start);
    return { rate: report.checkedEvents / (ms / 1000), ok: report.ok && report.merkleRoot !== undefined, root: report.merkleRoot ?? '', workers };
  }
  const store = SqliteEventStore.open(file, { readonly: true });
  const merkle = new StreamingMerkleRoot();
  const start = process.hrtime.bigint();
  const report = await verifyChain(tap(store.readAll(), (e) => merkle.push(leafHash(e.hash))));
  const ms = msSince(start);
  await store.close();
  return { rate: report.checkedEvents / (ms / 1000), ok: report.ok, root: merkle.root().toString('hex'), workers };
}

export interface PointReads {
  p50Ms: number;
  p99Ms: number;
  /** The same rows read by id with a bare statement, no parse, no fold: the floor of a point read. */
  rawP50Ms: number;
  eventsPerRead: number;
  /** Building the lg index from zero (first start on a ledger without one). */
  indexBuildMs: number;
}

/**
 * W6: the state of one local government (localGovernmentView) at a random past position, through
 * the LedgerReader's lg index. Latency percentiles over `reads` reads.
 */
export async function w6PointReads(file: string, indexFile: string, reads: number, lgCount: number): Promise<PointReads> {
  const store = SqliteEventStore.open(file, { readonly: true });
  const reader = new LedgerReader(store, { indexFile });
  const buildStart = process.hrtime.bigint();
  await reader.catchUpIndex();
  const indexBuildMs = msSince(buildStart);
  const head = (await store.headPosition()) ?? 0n;
  const raw = new Database(file, { readonly: true });
  const byId = raw.prepare('SELECT data, metadata FROM events WHERE id = ?');
  const ix = new Database(indexFile, { readonly: true });
  const idsOf = ix.prepare<[string, bigint], string>('SELECT id FROM event_lg WHERE lg_id = ? AND position <= ?').pluck();
  ix.defaultSafeIntegers(true);
  const times: number[] = [];
  const rawTimes: number[] = [];
  let events = 0;
  const next = seededRandom(0x2545f491);
  for (let i = 0; i < reads; i++) {
    const lgId = lgIdOf(next() % lgCount);
    const atPosition = 1n + (BigInt(next()) * head) / 0x100000000n;
    const start = process.hrtime.bigint();
    const view = await reader.localGovernment(lgId, { atPosition });
    localGovernmentView(view, lgId);
    times.push(msSince(start));
    const rawStart = process.hrtime.bigint();
    const ids = idsOf.all(lgId, atPosition);
    for (const id of ids) byId.get(id);
    rawTimes.push(msSince(rawStart));
    events += ids.length;
  }
  raw.close();
  ix.close();
  await reader.close();
  await store.close();
  return { p50Ms: percentile(times, 50), p99Ms: percentile(times, 99), rawP50Ms: percentile(rawTimes, 50), eventsPerRead: events / reads, indexBuildMs };
}

async function* tap(source: AsyncIterable<StoredEvent>, each: (e: StoredEvent) => void): AsyncGenerator<StoredEvent> {
  for await (const e of source) {
    each(e);
    yield e;
  }
}

/** The streaming root must equal the audit module's; checked on small trees before it is trusted. */
export function checkStreamingMerkle(): void {
  for (let n = 0; n <= 37; n++) {
    const leaves = Array.from({ length: n }, (_, i) => leafHash(createHash('sha256').update(String(i)).digest('hex')));
    const streaming = new StreamingMerkleRoot();
    leaves.forEach((l) => streaming.push(l));
    if (!streaming.root().equals(merkleRoot(leaves))) throw new Error(`streaming Merkle root differs at n=${n}`);
  }
}
