import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DOCUMENTS = ['README.md', 'docs/walkthrough.md'];
const SKIP = /<!-- not run by the README test: [^>]+ -->\s*$/;

/** The ```sh blocks of a Markdown file, but those marked as not run (set-up, reset). */
export function shellBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  for (const m of markdown.matchAll(/```sh\n([\s\S]*?)```/g)) {
    if (!SKIP.test(markdown.slice(0, m.index))) blocks.push(m[1]!);
  }
  return blocks;
}

/**
 * Every command of the README and the walkthrough, run as a reader would: in a shell, from a folder
 * whose `data/` is the demo server's data folder, against that server (a real one, in a child
 * process, seeded with LEDGER_SEED). `curl` fails on any 4xx/5xx, `npx transition-ledger` is this
 * checkout's CLI. Everything runs twice, so no example works only once.
 */
describe('the commands in the README and the walkthrough', () => {
  let work: string;
  let url: string;
  let server: ReturnType<typeof spawn>;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'ledger-readme-'));
    server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LEDGER_DATA_DIR: join(work, 'data'), LEDGER_SEED: 'chumbivilcas', PORT: '0', HOST: '127.0.0.1', LEDGER_RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no server in 60 s:\n${out}`)), 60_000);
      const onData = (c: Buffer) => {
        out += c.toString();
        const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      };
      server.stdout!.on('data', onData);
      server.stderr!.on('data', onData);
    });
  }, 90_000);
  afterAll(async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('given the README and the walkthrough, then they have commands to run, and the set-up ones are marked', () => {
    for (const doc of DOCUMENTS) expect(shellBlocks(readFileSync(join(ROOT, doc), 'utf8')).length, doc).toBeGreaterThan(2);
    expect(shellBlocks('<!-- not run by the README test: it installs -->\n```sh\nnpm install\n```\n```sh\ncurl x\n```')).toEqual(['curl x\n']);
  });

  it('given a demo server, when every command is run twice, then every one succeeds', () => {
    const commands = DOCUMENTS.flatMap((doc) => shellBlocks(readFileSync(join(ROOT, doc), 'utf8'))).join('\n').replaceAll('http://127.0.0.1:3000', url);
    const script = join(work, 'commands.sh');
    writeFileSync(
      script,
      [
        'set -euo pipefail',
        'curl() { command curl --show-error --fail-with-body "$@"; echo; }',
        // This checkout's CLI, run from the reader's folder (so relative paths land there), with tsx resolved from the checkout.
        `npx() { if [ "$1" = transition-ledger ]; then shift; LEDGER_DATA_DIR='${join(work, 'data')}' LOG_LEVEL=silent node --import '${pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href}' '${join(ROOT, 'src/main.ts')}' "$@"; else command npx "$@"; fi; }`,
        commands,
      ].join('\n'),
    );
    for (const run of [1, 2]) {
      const result = spawnSync('bash', [script], { cwd: work, encoding: 'utf8', timeout: 240_000 });
      expect(result.status, `run ${run}:\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`).toBe(0);
    }
  }, 300_000);
});
