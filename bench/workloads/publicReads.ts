import { TILE_WIDTH, tilePath } from '../../src/audit/tiles.ts';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { startChild } from '../spawnChild.ts';
import { seededRandom } from '../seededRandom.ts';
import { lgIdOf } from '../synthetic.ts';

export interface LoadRun {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  /** Requests answered. */
  requests: number;
}

/** One kind of public read: a name and a request path (randomized per request where it takes an id). */
export interface ReadKind {
  name: string;
  path: () => string;
}

/**
 * W7 and W8 against the real server in a child process, audit service included (as `serve` runs
 * it: Merkle log, integrity monitor, the read index and view checkpoint in a data directory).
 * Clients accept brotli and gzip, as browsers do; no If-None-Match, so no read is a 304.
 */
export async function withReadServer<T>(ledger: string, dataDir: string, indexFile: string, run: (url: string, ids: { eventIds: string[]; lgCount: number; head: number; pid: number }) => Promise<T>): Promise<T> {
  const db = new Database(ledger, { readonly: true });
  const eventIds = db.prepare('SELECT id FROM events WHERE position % 997 = 0').pluck().all() as string[];
  const head = Number(db.prepare('SELECT max(position) FROM events').pluck().get());
  const lgCount = Number(db.prepare("SELECT count(*) FROM events WHERE type = 'LocalGovernmentRegistered'").pluck().get());
  db.close();
  const { child, firstLine } = startChild<{ port: number }>(['serve-reads', ledger, dataDir, indexFile]);
  const { port } = await firstLine;
  try {
    return await run(`http://127.0.0.1:${port}`, { eventIds, lgCount, head, pid: child.pid! });
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

/** The W7 mix: lists, one municipality now and in the past, budget as of a date, verify, a proof, a page. */
export function publicReads(ids: { eventIds: string[]; lgCount: number; head: number }): ReadKind[] {
  const next = seededRandom(1);
  const lg = () => lgIdOf(next() % ids.lgCount);
  return [
    { name: 'list of local governments', path: () => '/api/local-governments' },
    { name: 'one local government', path: () => `/api/local-governments/${lg()}` },
    // In the second half of the log, after every local government was registered (an earlier one would be a 404).
    { name: 'one local government atPosition', path: () => `/api/local-governments/${lg()}?atPosition=${Math.ceil(ids.head / 2) + (next() % Math.floor(ids.head / 2))}` },
    { name: 'budget asOf', path: () => '/api/budget?asOf=2019-01-02' },
    { name: 'verify', path: () => '/api/audit/verify' },
    { name: 'inclusion proof', path: () => `/api/audit/proofs/inclusion?eventId=${ids.eventIds[next() % ids.eventIds.length]}&treeSize=${ids.head}` },
    { name: 'page of a local government (HTML)', path: () => `/gobiernos-locales/${lg()}` },
  ];
}

/**
 * W8: proofs (inclusion of random events against the whole tree, named by `treeSize` since the bench
 * signs no checkpoint; consistency between random sizes), and tiles when the server has them.
 */
export async function proofReads(url: string, ids: { eventIds: string[]; head: number }): Promise<ReadKind[]> {
  const next = seededRandom(7);
  const kinds: ReadKind[] = [
    { name: 'inclusion proof', path: () => `/api/audit/proofs/inclusion?eventId=${ids.eventIds[next() % ids.eventIds.length]}&treeSize=${ids.head}` },
    { name: 'consistency proof', path: () => { const to = 1 + (next() % ids.head); return `/api/audit/proofs/consistency?from=${1 + (next() % to)}&to=${to}`; } },
  ];
  // C2SP tlog-tiles, when the server serves them: a full tile of level 0.
  if ((await fetch(`${url}/tile/0/000`)).status === 200) kinds.push({ name: 'tile', path: () => `/tile/${tilePath({ level: 0, index: next() % Math.floor(ids.head / TILE_WIDTH), width: TILE_WIDTH })}` });
  return kinds;
}

/** `seconds` of `kinds` from `connections` connections (each request picks the next kind in turn). */
export async function load(url: string, kinds: readonly ReadKind[], seconds: number, connections: number): Promise<LoadRun> {
  let i = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    headers: { 'accept-encoding': 'br, gzip' },
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: kinds[i++ % kinds.length]!.path() }) }],
  });
  return { requestsPerSecond: result.requests.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99, non2xx: result.non2xx, errors: result.errors, requests: result.requests.total };
}

/** Warms each kind once (the first read of a kind builds what later reads answer from), timing it. */
export async function warm(url: string, kinds: readonly ReadKind[]): Promise<Record<string, number>> {
  const ms: Record<string, number> = {};
  for (const kind of kinds) {
    const start = performance.now();
    const response = await fetch(`${url}${kind.path()}`);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${kind.name}: ${response.status}`);
    ms[kind.name] = performance.now() - start;
  }
  return ms;
}

/** Waits until the server has worked off the requests a previous load left in flight. */
export async function settled(url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const start = performance.now();
    await (await fetch(`${url}/api/health`)).arrayBuffer();
    if (performance.now() - start < 20) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}
