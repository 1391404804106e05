import { cpus, totalmem } from 'node:os';
import { rawInsertRate, rawReadRate, rawSingleCommitRate, parseAndHashRate } from './baselines.ts';
import { benchConfig } from './config.ts';
import { generateLedger, scratchDir } from './ledgerFile.ts';
import { table, writeResults, type Row } from './report.ts';
import { runChild } from './spawnChild.ts';
import { median, msSince, repeat } from './stats.ts';
import { w1BatchedAppend, w2SingleAppend } from './workloads/appends.ts';
import { w3HttpAppend } from './workloads/http.ts';
import { checkStreamingMerkle, w5Verify, w6PointReads } from './workloads/reads.ts';
import { LG_COUNT } from './synthetic.ts';
import { load, settled, proofReads, publicReads, warm, withReadServer, type LoadRun } from './workloads/publicReads.ts';

/**
 * `npm run bench`: W1–W6 and the machine's baselines, in one run, on SQLite files in a temporary
 * directory. Prints a Markdown table of medians and writes the raw figures to bench/results/.
 * Sizes come from the environment (bench/config.ts), e.g. BENCH_EVENTS=200000 for a quick run.
 */
const config = benchConfig();
/** Whether BENCH_ONLY (if set) selects any of `ids`. */
const wants = (...ids: string[]): boolean => !config.only || ids.some((id) => config.only!.has(id));

const dir = scratchDir();
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
interface ChildResult { events: number; ms: number; baseRssMb: number; peakRssMb: number }

try {
  checkStreamingMerkle();
  const runs = config.runs;
  log(`config ${JSON.stringify({ ...config, only: config.only && [...config.only] })}; ${cpus().length} cpus, ${Math.round(totalmem() / 2 ** 30)} GiB`);

  // A workload that BENCH_ONLY leaves out is not run, and neither is a baseline no selected workload needs.
  const skipped = <T>(): T[] => [];
  const noChild: ChildResult = { events: Number.NaN, ms: Number.NaN, baseRssMb: Number.NaN, peakRssMb: Number.NaN };
  log('baselines: raw insert, raw single commit');
  const w1Events = config.w1Batches * 100;
  const rawInsert = wants('W1') ? await repeat(runs, (r) => rawInsertRate(dir.file(`raw-insert-${r}.sqlite`), w1Events)) : skipped<number>();
  const rawCommit = wants('W2', 'W3') ? await repeat(runs, (r) => rawSingleCommitRate(dir.file(`raw-commit-${r}.sqlite`), config.w2Appends)) : skipped<number>();

  log('W1 batched append through the recorder');
  const w1 = wants('W1') ? await w1BatchedAppend(dir.file('w1.sqlite'), config.w1Batches, runs) : skipped<number>();
  log('W2 single-event append through the store port');
  const w2 = wants('W2') ? await w2SingleAppend(dir.file('w2.sqlite'), config.w2Appends, runs) : skipped<number>();
  log(`W3 HTTP append, ${config.w3Connections} connections, ${config.w3Seconds}s per run`);
  const w3 = wants('W3') ? await w3HttpAppend(dir.file('w3.sqlite'), config.w3Seconds, config.w3Connections, runs) : skipped<Awaited<ReturnType<typeof w3HttpAppend>>[number]>();

  const readsWanted = wants('W4', 'start', 'W5', 'W6', 'W7', 'W8');
  log(readsWanted ? `generating ${config.events.toLocaleString('en-US')} events` : 'no read workload selected: no large ledger');
  const ledger = dir.file('ledger.sqlite');
  const genStart = process.hrtime.bigint();
  if (readsWanted) await generateLedger(ledger, config.events, (n) => n % 200_000 < 20_000 && log(`  ${n.toLocaleString('en-US')}`));
  const generationMs = msSince(genStart);

  log('baselines: raw read, JSON.parse + SHA-256');
  const rawRead = wants('W4') ? await repeat(runs, () => rawReadRate(ledger)) : skipped<number>();
  const parseHash = wants('W5') ? await repeat(runs, () => parseAndHashRate(ledger)) : skipped<number>();

  log('W4 rebuild (child processes)');
  const w4 = wants('W4') ? await repeat(runs, () => runChild<ChildResult>(['rebuild', ledger])) : skipped<ChildResult>();
  // W6, W7 and start read the index this builds.
  const w4Index = wants('W4', 'start', 'W6', 'W7', 'W8') ? await runChild<ChildResult>(['rebuild-index', ledger, dir.file('index.sqlite')]) : noChild;
  // The first start folds the view and checkpoints it on close; the runs measured are restarts.
  const firstStart = wants('start') ? await runChild<ChildResult>(['startup', ledger, dir.file('index.sqlite')]) : noChild;
  const startup = wants('start') ? await repeat(runs, () => runChild<ChildResult>(['startup', ledger, dir.file('index.sqlite')])) : skipped<ChildResult>();

  log('W5 verify chain and Merkle root');
  const w5 = wants('W5') ? await repeat(runs, () => w5Verify(ledger)) : skipped<Awaited<ReturnType<typeof w5Verify>>>();
  log('W6 point-in-time reads of one local government');
  const lgCount = Math.min(LG_COUNT, Math.max(1, Math.floor(config.events / 84)));
  const w6 = wants('W6') ? await repeat(runs, () => w6PointReads(ledger, dir.file('index.sqlite'), config.w6Reads, lgCount)) : skipped<Awaited<ReturnType<typeof w6PointReads>>>();

  log(`W7 public reads and W8 proofs, ${config.w7Connections} connections`);
  const { w7, w7Kinds, w8Kinds, warmMs } = !wants('W7', 'W8') ? { w7: skipped<LoadRun>(), w7Kinds: {} as Record<string, LoadRun[]>, w8Kinds: {} as Record<string, LoadRun[]>, warmMs: {} } : await withReadServer(ledger, dir.path, dir.file('index.sqlite'), async (url, ids) => {
    const reads = publicReads(ids);
    const proofs = await proofReads(url, ids);
    const warmMs = await warm(url, [...reads, ...proofs]);
    const perKind = async (kinds: typeof reads) => {
      const out: Record<string, LoadRun[]> = {};
      for (const kind of kinds) out[kind.name] = await repeat(runs, () => settled(url).then(() => load(url, [kind], Math.max(2, Math.round(config.w7Seconds / 3)), config.w7Connections)));
      return out;
    };
    const w7 = await repeat(runs, () => settled(url).then(() => load(url, reads, config.w7Seconds, config.w7Connections)));
    return { w7, w7Kinds: await perKind(reads), w8Kinds: await perKind(proofs), warmMs };
  });
  const loadRow = (id: string, what: string, r: LoadRun[]): Row => {
    const p99 = median(r.map((x) => x.p99Ms));
    const rps = median(r.map((x) => x.requestsPerSecond));
    return { id, what: `${what} (p50 ${median(r.map((x) => x.p50Ms))} ms, ${Math.round(rps).toLocaleString('en-US')} req/s)`, value: p99, unit: 'ms p99', target: 'p99 < 50 ms', met: p99 < 50 && rps > 0 && r.every((x) => x.non2xx === 0 && x.errors === 0) };
  };

  const m = {
    rawInsert: median(rawInsert), rawCommit: median(rawCommit), rawRead: median(rawRead), parseHash: median(parseHash),
    w1: median(w1), w2: median(w2),
    w3: median(w3.map((r) => r.requestsPerSecond)), w3p50: median(w3.map((r) => r.p50Ms)), w3p99: median(w3.map((r) => r.p99Ms)),
    w4: median(w4.map((r) => r.events / (r.ms / 1000))), w4Rss: Math.max(...w4.map((r) => r.peakRssMb)),
    w4Index: w4Index.events / (w4Index.ms / 1000), startupMs: median(startup.map((r) => r.ms)), firstStartMs: firstStart.ms,
    w5: median(w5.map((r) => r.rate)),
    w6p50: median(w6.map((r) => r.p50Ms)), w6p99: median(w6.map((r) => r.p99Ms)), w6raw: median(w6.map((r) => r.rawP50Ms)),
  };
  const n = config.events.toLocaleString('en-US');
  const rows: Row[] = [
    { id: 'W1', what: 'batched append via recorder (100/batch, 1,000 streams)', value: m.w1, unit: 'ev/s', baseline: { name: 'raw insert', value: m.rawInsert, unit: 'rows/s' }, ratio: m.w1 / m.rawInsert, target: '≥ 100,000 ev/s and ≥ 0.60×', met: m.w1 >= 100_000 && m.w1 / m.rawInsert >= 0.6 },
    { id: 'W2', what: 'single-event append, store port', value: m.w2, unit: 'ev/s', baseline: { name: 'raw single commit', value: m.rawCommit, unit: 'commits/s' }, ratio: m.w2 / m.rawCommit, target: '≥ 5,000 ev/s and ≥ 0.70×', met: m.w2 >= 5000 && m.w2 / m.rawCommit >= 0.7 },
    { id: 'W3', what: `HTTP append, ${config.w3Connections} connections`, value: m.w3, unit: 'req/s', baseline: { name: 'raw single commit', value: m.rawCommit, unit: 'commits/s' }, ratio: m.w3 / m.rawCommit, target: '≥ 5,000 req/s', met: m.w3 >= 5000 },
    { id: 'W3', what: 'HTTP append latency p50 / p99', value: m.w3p99, unit: `ms p99 (p50 ${m.w3p50} ms)`, target: 'p99 < 50 ms', met: m.w3p99 < 50 },
    { id: 'W4', what: `rebuild live LedgerView from ${n} events (one streamed pass)`, value: m.w4, unit: 'ev/s', baseline: { name: 'raw read', value: m.rawRead, unit: 'rows/s' }, ratio: m.w4 / m.rawRead, target: '≥ 250,000 ev/s', met: m.w4 >= 250_000 },
    { id: 'W4', what: 'rebuild: peak RSS of the child', value: m.w4Rss, unit: 'MiB', target: 'flat in log length (see bench:scale)' },
    { id: 'W4', what: `rebuild lg index (persistent) from ${n} events`, value: m.w4Index, unit: 'ev/s', baseline: { name: 'raw read', value: m.rawRead, unit: 'rows/s' }, ratio: m.w4Index / m.rawRead, target: '≥ 250,000 ev/s', met: m.w4Index >= 250_000 },
    { id: 'start', what: `restart: index and view from their checkpoints, first list + budget read, ${n} events`, value: m.startupMs, unit: 'ms', baseline: { name: 'first start (fold, no checkpoint)', value: m.firstStartMs, unit: 'ms' }, ratio: m.startupMs / m.firstStartMs, target: '< 1,000 ms', met: m.startupMs < 1000 },
    { id: 'W5', what: `verify chain + Merkle root, ${n} events`, value: m.w5, unit: 'ev/s', baseline: { name: 'JSON.parse+SHA-256', value: m.parseHash, unit: 'rows/s' }, ratio: m.w5 / m.parseHash, target: '≥ 300,000 ev/s', met: m.w5 >= 300_000 },
    { id: 'W6', what: `point-in-time read of one lg, ${n} events (p50 ${m.w6p50.toFixed(2)} ms)`, value: m.w6p99, unit: 'ms p99', baseline: { name: 'raw read of its rows, p50', value: m.w6raw, unit: 'ms' }, ratio: m.w6p50 / m.w6raw, target: 'p99 < 20 ms', met: m.w6p99 < 20 },
    loadRow('W7', `public reads mixed, ${n} events, ${config.w7Connections} connections`, w7),
    ...Object.entries(w7Kinds).map(([kind, r]) => loadRow('W7', kind, r)),
    ...Object.entries(w8Kinds).map(([kind, r]) => loadRow('W8', kind, r)),
  ];
  const printed = table(rows.filter((row) => wants(row.id)));
  console.log(printed);
  console.log(`\n${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}; ${runs} runs each, medians${readsWanted ? `; generation of ${n} events took ${(generationMs / 1000).toFixed(1)} s` : ''}.`);
  if (w3.some((r) => r.non2xx > 0 || r.errors > 0)) console.log(`W3 non-2xx/errors per run: ${w3.map((r) => `${r.non2xx}/${r.errors}`).join(', ')}`);
  if (wants('W5') && !w5.every((r) => r.ok)) console.log('W5: the chain did NOT verify');
  if (wants('W7', 'W8')) console.log(`W7/W8 first read of each kind after the server started (builds what later reads answer from), ms: ${JSON.stringify(warmMs, (_, v: unknown) => (typeof v === 'number' ? Math.round(v) : v))}`);
  if (wants('W8') && !w8Kinds.tile) console.log('W8: the server serves no /tile/ routes; tiles not measured.');
  const file = writeResults('bench', { config: { ...config, only: config.only && [...config.only] }, medians: m, rows, raw: { rawInsert, rawCommit, rawRead, parseHash, w1, w2, w3, w4, w4Index, firstStart, startup, w5, w6, w7, w7Kinds, w8Kinds, warmMs }, generationMs, machine: { cpus: cpus().map((c) => c.model), node: process.version } });
  log(`results written to ${file}`);
} finally {
  dir.remove();
}
