import { benchConfig } from './config.ts';
import { generateLedger, scratchDir } from './ledgerFile.ts';
import { writeResults } from './report.ts';
import { runChild } from './spawnChild.ts';
import { median, msSince, repeat } from './stats.ts';
import { LG_COUNT } from './synthetic.ts';
import { w1BatchedAppend } from './workloads/appends.ts';
import { w6PointReads } from './workloads/reads.ts';

/**
 * `npm run bench:scale`: W1, W4 and W6 on ledgers of growing size, to show how each cost grows:
 * rebuilds should grow linearly (flat events per second, flat memory), point reads not at all.
 * Sizes: BENCH_SCALE_SIZES (default 100000,1000000,5000000); runs: BENCH_RUNS.
 */
const sizes = (process.env.BENCH_SCALE_SIZES ?? '100000,1000000,5000000').split(',').map((s) => Number(s.replaceAll('_', '')));
const config = benchConfig();
const log = (message: string) => process.stderr.write(`[bench:scale] ${message}\n`);
interface ChildResult { events: number; ms: number; peakRssMb: number }

const results = [];
for (const size of sizes) {
  const dir = scratchDir();
  try {
    log(`generating ${size.toLocaleString('en-US')} events`);
    const ledger = dir.file('ledger.sqlite');
    const start = process.hrtime.bigint();
    await generateLedger(ledger, size);
    const generationMs = msSince(start);
    log('W4 rebuild');
    const w4 = await repeat(config.runs, () => runChild<ChildResult>(['rebuild', ledger]));
    const index = await runChild<ChildResult>(['rebuild-index', ledger, dir.file('index.sqlite')]);
    const startup = await runChild<ChildResult>(['startup', ledger, dir.file('index.sqlite')]);
    log('W6 point reads');
    const w6 = await w6PointReads(ledger, dir.file('index.sqlite'), config.w6Reads, Math.min(LG_COUNT, Math.floor(size / 84)));
    log('W1 batched append on top of it');
    const w1 = await w1BatchedAppend(ledger, config.w1Batches, config.runs);
    results.push({
      size,
      generationMs,
      w1: median(w1),
      w4: median(w4.map((r) => r.events / (r.ms / 1000))),
      w4Ms: median(w4.map((r) => r.ms)),
      w4PeakRssMb: Math.max(...w4.map((r) => r.peakRssMb)),
      indexRate: index.events / (index.ms / 1000),
      indexPeakRssMb: index.peakRssMb,
      startupMs: startup.ms,
      w6p50: w6.p50Ms,
      w6p99: w6.p99Ms,
    });
  } finally {
    dir.remove();
  }
}

const first = results[0]!;
console.log('| events | W1 ev/s | W4 ev/s | W4 time (× smallest) | W4 peak RSS | lg index ev/s | start-up | W6 p50 / p99 (× smallest p99) |');
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of results) {
  console.log(`| ${r.size.toLocaleString('en-US')} | ${Math.round(r.w1).toLocaleString('en-US')} | ${Math.round(r.w4).toLocaleString('en-US')} | ${(r.w4Ms / 1000).toFixed(1)} s (${(r.w4Ms / first.w4Ms).toFixed(1)}× for ${(r.size / first.size).toFixed(0)}× events) | ${Math.round(r.w4PeakRssMb)} MiB | ${Math.round(r.indexRate).toLocaleString('en-US')} | ${r.startupMs.toFixed(1)} ms | ${r.w6p50.toFixed(2)} / ${r.w6p99.toFixed(2)} ms (${(r.w6p99 / first.w6p99).toFixed(1)}×) |`);
}
log(`results written to ${writeResults('scale', { config, sizes, results })}`);
