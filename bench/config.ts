/**
 * Sizes of the benchmark, from the environment, so that it can run in reduced form
 * (e.g. `BENCH_EVENTS=200000 BENCH_RUNS=1 npm run bench`).
 */
export interface BenchConfig {
  /** Events of the large ledger W4–W6 read. */
  events: number;
  /** Runs per workload; the table shows medians. */
  runs: number;
  /** W1: batches of 100 events per run, one per stream (1,000 streams). */
  w1Batches: number;
  /** W2 and the raw single-commit baseline: sequential durable commits per run. */
  w2Appends: number;
  /** W3: seconds of load per run, and concurrent connections. */
  w3Seconds: number;
  w3Connections: number;
  /** W6: point reads per run. */
  w6Reads: number;
  /** W7/W8: seconds of load per run for the mix (each kind alone gets a third of it), and connections. */
  w7Seconds: number;
  w7Connections: number;
  /** Only these workloads (and the baselines they are divided by), e.g. `BENCH_ONLY=W1,W4`; undefined: all. */
  only?: ReadonlySet<string>;
}

export function benchConfig(env: NodeJS.ProcessEnv = process.env): BenchConfig {
  return {
    events: int(env, 'BENCH_EVENTS', 1_000_000),
    runs: int(env, 'BENCH_RUNS', 3),
    w1Batches: int(env, 'BENCH_W1_BATCHES', 1000),
    w2Appends: int(env, 'BENCH_W2_APPENDS', 1000),
    w3Seconds: int(env, 'BENCH_W3_SECONDS', 10),
    w3Connections: int(env, 'BENCH_W3_CONNECTIONS', 64),
    w6Reads: int(env, 'BENCH_W6_READS', 300),
    w7Seconds: int(env, 'BENCH_W7_SECONDS', 10),
    w7Connections: int(env, 'BENCH_W7_CONNECTIONS', 64),
    only: workloads(env.BENCH_ONLY),
  };
}

/** The workloads of `BENCH_ONLY` (W1…W8, start), or undefined when it is unset or empty. */
function workloads(raw: string | undefined): ReadonlySet<string> | undefined {
  const ids = (raw ?? '').split(',').map((id) => id.trim()).filter(Boolean).map((id) => (id.toLowerCase() === 'start' ? 'start' : id.toUpperCase()));
  const unknown = ids.filter((id) => !/^W[1-8]$|^start$/.test(id));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY names workloads W1…W8 and start, got ${unknown.join(', ')}`);
  return ids.length > 0 ? new Set(ids) : undefined;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
}
