import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { benchConfig } from './config.ts';
import { generateLedger, scratchDir } from './ledgerFile.ts';
import { median, repeat } from './stats.ts';
import { load, settled, proofReads, publicReads, warm, withReadServer, type LoadRun } from './workloads/publicReads.ts';

/**
 * `npm run bench:w7`: W7 alone (the mix, then each kind alone), for before/after comparisons of the
 * read path without the rest of the bench. Sizes as in `npm run bench` (BENCH_EVENTS, BENCH_RUNS,
 * BENCH_W7_SECONDS, BENCH_W7_CONNECTIONS). BENCH_LEDGER names a ledger file to reuse (generated
 * there if missing), so two runs read the same log; BENCH_CPU_PROF names a directory for a CPU
 * profile of the server under the load, start-up left out (summarize it with bench/profileTop.ts).
 * `BENCH_ONLY=W8` measures W8's proof and tile kinds instead, each alone, without the mix.
 * BENCH_W7_KIND names one kind (e.g. `one local government atPosition`) to measure alone, without
 * the mix or the others; BENCH_INDEX names a read-index file to reuse across runs (built on the
 * first), so a run does not spend its start re-indexing the log.
 */
const config = benchConfig();
const dir = scratchDir();
const log = (message: string) => process.stderr.write(`[bench:w7] ${message}\n`);

/**
 * CPU time (user + system, all threads: zlib's pool too) the server process has used, in ms, from
 * /proc: on a machine shared with other work, CPU per request carries over where latency does not.
 */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

interface MeasuredRun extends LoadRun { cpuMsPerRequest: number }

try {
  const ledger = process.env.BENCH_LEDGER ?? dir.file('ledger.sqlite');
  if (!existsSync(ledger)) {
    log(`generating ${config.events.toLocaleString('en-US')} events in ${ledger}`);
    await generateLedger(ledger, config.events);
  }
  // The server child reads BENCH_CPU_PROF too: SIGUSR2, sent once the reads are warm, starts its profile.
  const profileDir = process.env.BENCH_CPU_PROF;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const onlyKind = process.env.BENCH_W7_KIND;
  const result = await withReadServer(ledger, dir.path, process.env.BENCH_INDEX ?? dir.file('index.sqlite'), async (url, ids) => {
    const proofsOnly = config.only?.has('W8') === true && !config.only.has('W7');
    const all = proofsOnly ? await proofReads(url, ids) : publicReads(ids);
    const reads = onlyKind === undefined ? all : all.filter((kind) => kind.name === onlyKind);
    if (reads.length === 0) throw new Error(`BENCH_W7_KIND: no kind named ${onlyKind}`);
    const warmMs = await warm(url, reads);
    if (profileDir) process.kill(ids.pid, 'SIGUSR2');
    const measured = async (kinds: typeof reads, seconds: number): Promise<MeasuredRun> => {
      await settled(url);
      const cpu = cpuMsOf(ids.pid);
      const run = await load(url, kinds, seconds, config.w7Connections);
      await settled(url);
      const measuredRun = { ...run, cpuMsPerRequest: (cpuMsOf(ids.pid) - cpu) / Math.max(1, run.requests) };
      log(`${kinds.length === 1 ? kinds[0]!.name : 'mix'}: p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms, ${Math.round(run.requestsPerSecond)} req/s, ${measuredRun.cpuMsPerRequest.toFixed(2)} server CPU ms/req`);
      return measuredRun;
    };
    const mix = proofsOnly || onlyKind !== undefined ? [] : await repeat(config.runs, () => measured(reads, config.w7Seconds));
    const kinds: Record<string, MeasuredRun[]> = {};
    for (const kind of reads) kinds[kind.name] = await repeat(config.runs, () => measured([kind], Math.max(2, Math.round(config.w7Seconds / 3))));
    return { head: ids.head, warmMs, mix, kinds };
  });
  const row = (name: string, r: MeasuredRun[]) =>
    `| ${name} | ${median(r.map((x) => x.p50Ms))} | ${median(r.map((x) => x.p99Ms))} | ${Math.round(median(r.map((x) => x.requestsPerSecond))).toLocaleString('en-US')} | ${median(r.map((x) => x.cpuMsPerRequest)).toFixed(2)} | ${r.reduce((n, x) => n + x.non2xx + x.errors, 0)} | ${result.warmMs[name] === undefined ? '' : Math.round(result.warmMs[name]!)} |`;
  console.log(`W7 at ${result.head.toLocaleString('en-US')} events, ${config.w7Connections} connections, ${config.w7Seconds} s mix, ${config.runs} run(s)\n`);
  console.log('| kind | p50 ms | p99 ms | req/s | server CPU ms/req | non-2xx + errors | first read, ms |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, r] of Object.entries(result.kinds)) console.log(row(name, r));
  if (result.mix.length > 0) console.log(row('**mix of the seven**', result.mix));
} finally {
  dir.remove();
}
