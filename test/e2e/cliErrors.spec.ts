import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLedgerCli } from '../support/ledgerCli.ts';

/** The CLI as a user meets it at a shell: pipes, typos, missing paths, files already there. */
describe('the CLI says what went wrong in a sentence', () => {
  let dir: string;
  let dataDir: string;
  const cli = (args: string[]) => runLedgerCli(args, { LEDGER_DATA_DIR: dataDir });
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-cli-errors-'));
    dataDir = join(dir, 'data');
    expect((await cli(['seed', 'chumbivilcas-2018'])).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('given events piped into head, when head closes the pipe, then the CLI exits 0 with nothing on stderr', () => {
    const run = spawnSync('bash', ['-c', `set -o pipefail; node --import tsx src/main.ts events | head -3 >/dev/null; echo "status=\${PIPESTATUS[0]}" >&2`], {
      env: { ...process.env, LEDGER_DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    });
    expect(run.stderr).not.toMatch(/EPIPE|Error/);
    expect(run.stderr.trim()).toBe('status=0');
  });

  it('given --from a position and --to a date, when diff runs, then it names both arguments and what they must be', async () => {
    const res = await cli(['diff', '080707', '--from', '120', '--to', '2019-01-01']);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('--from');
    expect(res.stderr).toContain('--to');
    expect(res.stderr).toMatch(/both (be )?positions or both (be )?dates/);
    expect(res.stderr).not.toContain('The request has invalid fields');
    const typo = await cli(['diff', '080707', '--from', '12x', '--to', '200']);
    expect(typo.stderr).toMatch(/--from.*12x/);
  });

  it('given a directory that does not exist, when verify-bundle runs, then it says so and exits 1', async () => {
    const res = await cli(['verify-bundle', join(dir, 'nope')]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`${join(dir, 'nope')}: no such directory`);
    expect(res.stdout).toBe('');
  });

  it('given a file already there, when export writes to it, then it refuses in a sentence and leaves the file alone', async () => {
    const file = join(dir, 'kept.jsonl');
    writeFileSync(file, 'mine\n');
    const res = await cli(['export', file]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`${file} already exists; choose another name or remove it first`);
    expect(res.stderr).not.toContain('EEXIST');
    expect(readFileSync(file, 'utf8')).toBe('mine\n');
  });

  it('given the server started by npm, when npm is killed, then the server stops too', async () => {
    const serverDir = join(dir, 'served');
    const npm = spawn('npm', ['run', '--silent', 'start'], {
      env: { ...process.env, LEDGER_DATA_DIR: serverDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', LEDGER_ADMIN_TOKEN: 'npm-parent-token-0123456789' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let out = '';
    npm.stdout.on('data', (c: Buffer) => (out += c.toString()));
    npm.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const pid = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no server in 60 s:\n${out}`)), 60_000);
      const check = setInterval(() => {
        const m = /"pid":(\d+)[^\n]*Server listening/.exec(out);
        if (m) {
          clearInterval(check);
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      }, 100);
    });
    expect(pid).not.toBe(npm.pid);
    npm.kill('SIGTERM');
    const alive = () => existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2]!.startsWith('Z');
    const deadline = Date.now() + 15_000;
    while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const stillAlive = alive();
    if (stillAlive) process.kill(pid, 'SIGKILL');
    expect(stillAlive).toBe(false);
    expect(out).toContain('stopping');
  }, 90_000);
});
