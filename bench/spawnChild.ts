import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));

/** Runs bench/child.ts with `args` and resolves with the JSON line it prints. */
export function runChild<T>(args: string[], extraNodeArgs: string[] = []): Promise<T> {
  const { child, firstLine } = startChild<T>(args, extraNodeArgs);
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => (code === 0 ? firstLine.then(resolve, reject) : reject(new Error(`child ${args[0]} exited with ${code}`))));
  });
}

/** Starts bench/child.ts and resolves with its first JSON line, leaving it running (W3's server). */
export function startChild<T>(args: string[], extraNodeArgs: string[] = []): { child: ChildProcess; firstLine: Promise<T> } {
  const child = spawn(process.execPath, [...extraNodeArgs, '--import', 'tsx', CHILD, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const firstLine = new Promise<T>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => {
      try {
        resolve(JSON.parse(line) as T);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    child.once('error', reject);
  });
  return { child, firstLine };
}
