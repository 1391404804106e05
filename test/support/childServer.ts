import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CHILD_ADMIN_TOKEN = 'child-admin-token-0123456789';

export interface ChildServer {
  url: string;
  child: ChildProcess;
  /** Every stdout/stderr line so far (pino JSON lines, mostly). */
  lines: string[];
  /** Resolves with the exit code and signal once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** POST /api/events with the admin token; resolves with status and body, or the network error's code. */
  post(body: unknown): Promise<{ status: number; body: any } | { error: string }>;
  get(path: string): Promise<{ status: number; body: any }>;
}

/**
 * The real server, `node --import tsx src/main.ts serve`, in a child process on a free port
 * (PORT=0; the port is read from fastify's "Server listening" line). For tests that kill it.
 */
export async function startChildServer(dataDir: string, env: Record<string, string> = {}, timeoutMs = 30_000): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      LEDGER_DATA_DIR: dataDir,
      LEDGER_ADMIN_TOKEN: CHILD_ADMIN_TOKEN,
      LEDGER_RATE_LIMIT_PER_MINUTE: '0',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in ${timeoutMs} ms:\n${lines.join('\n')}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        lines.push(line);
        const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before listening:\n${lines.join('\n')}`));
    });
  });
  return {
    url,
    child,
    lines,
    exited,
    async post(body) {
      try {
        const response = await fetch(`${url}/api/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${CHILD_ADMIN_TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return { status: response.status, body: await response.json() };
      } catch (error) {
        return { error: String((error as { cause?: { code?: string } }).cause?.code ?? error) };
      }
    },
    async get(path) {
      const response = await fetch(`${url}${path}`);
      return { status: response.status, body: await response.json() };
    },
  };
}
