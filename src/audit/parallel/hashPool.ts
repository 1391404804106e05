import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { HashJob, HashResult } from './eventHashWorker.ts';

// The worker is TypeScript like the rest of the tree (no build step), and a Worker's entry does not
// go through the loader the parent was started with (--import tsx, or a test runner's): it is loaded
// by tsx's own API instead, the CommonJS one, which compiles in the worker's own thread (the ESM one
// starts a loader-hooks thread per worker, which made starting the pool slower).
const WORKER_URL = new URL('./eventHashWorker.ts', import.meta.url);
const TSX_API = createRequire(import.meta.url).resolve('tsx/cjs/api');
const BOOT = `require(${JSON.stringify(TSX_API)}).require(${JSON.stringify(fileURLToPath(WORKER_URL))}, ${JSON.stringify(WORKER_URL.href)})`;

/**
 * Worker threads that re-hash ranges of a ledger file (eventHashWorker.ts). Job k goes to worker
 * k mod size; each worker answers its jobs in the order it got them.
 */
export class HashPool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, { resolve: (r: HashResult) => void; reject: (e: unknown) => void }>();
  /** Set once a worker has failed: every later job fails with it rather than wait for a dead thread. */
  private failure: unknown;

  constructor(file: string, size: number) {
    this.workers = Array.from({ length: size }, () => {
      const worker = new Worker(BOOT, { eval: true, workerData: { file } });
      worker.on('message', (result: HashResult) => {
        this.waiting.get(result.seq)?.resolve(result);
        this.waiting.delete(result.seq);
      });
      worker.on('error', (error) => this.failAll(error));
      worker.on('exit', (code) => code !== 0 && this.failAll(new Error(`hash worker exited with code ${code}`)));
      return worker;
    });
  }

  get size(): number {
    return this.workers.length;
  }

  /** Re-hashes one range. A rejection that nobody awaits yet is not reported as unhandled. */
  run(job: HashJob): Promise<HashResult> {
    const result = this.failure !== undefined
      ? Promise.reject(this.failure)
      : new Promise<HashResult>((resolve, reject) => this.waiting.set(job.seq, { resolve, reject }));
    result.catch(() => undefined);
    this.workers[job.seq % this.workers.length]!.postMessage(job);
    return result;
  }

  async close(): Promise<void> {
    this.failure ??= new Error('the hash pool is closed');
    this.waiting.clear();
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private failAll(error: unknown): void {
    this.failure ??= error;
    for (const { reject } of this.waiting.values()) reject(error);
    this.waiting.clear();
  }
}
