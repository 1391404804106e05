import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('the CLI on the embedded store', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const cli = (dataDir: string, args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], { env: { ...process.env, LEDGER_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, maxBuffer: 64 * 1024 * 1024 });

  it('given the demo seeded, when exported and imported into an empty store, then ids, order and hashes are identical', async () => {
    const source = join(dir, 'source');
    const target = join(dir, 'target');
    const seeded = await cli(source, ['seed', 'chumbivilcas-2018']);
    expect(seeded.stdout).toMatch(/\d+ events recorded/);
    // Seeding again records nothing: the demo's ids are fixed.
    expect((await cli(source, ['seed', 'chumbivilcas-2018'])).stdout).toContain(' 0 events recorded');

    await cli(source, ['export', join(dir, 'export.jsonl')]);
    await cli(target, ['import', join(dir, 'export.jsonl')]);
    await cli(target, ['export', join(dir, 'reexport.jsonl')]);

    const original = readFileSync(join(dir, 'export.jsonl'), 'utf8');
    expect(original.split('\n').length).toBeGreaterThan(100);
    expect(readFileSync(join(dir, 'reexport.jsonl'), 'utf8')).toBe(original);
    expect((await cli(target, ['verify'])).stdout).toContain('OK');
  }, 120_000); // six CLI processes in a row: a shared machine under load needs more than the default 30 s

  it('given a tampered export, when imported, then it is refused and nothing is written', async () => {
    const source = join(dir, 'source');
    await cli(source, ['seed', 'chumbivilcas-2018']);
    await cli(source, ['export', join(dir, 'export.jsonl')]);
    const tampered = readFileSync(join(dir, 'export.jsonl'), 'utf8').replace('Quiñota', 'Quinota');
    const file = join(dir, 'tampered.jsonl');
    (await import('node:fs')).writeFileSync(file, tampered);
    await expect(cli(join(dir, 'target'), ['import', file])).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('does not verify') });
    const events = await cli(join(dir, 'target'), ['events']);
    expect(events.stdout).toBe('');
  }, 90_000);

  it('given the demo, when asking for Quiñota state as of 2018-12-31, then the outgoing term is current', async () => {
    const source = join(dir, 'source');
    await cli(source, ['seed', 'chumbivilcas-2018']);
    const state = JSON.parse((await cli(source, ['state', '080707', '--as-of', '2018-12-31'])).stdout);
    expect(state.currentTerm.termId).toBe('2015-2018');
    const later = JSON.parse((await cli(source, ['state', '080707', '--as-of', '2019-01-02'])).stdout);
    expect(later.currentTerm.termId).toBe('2019-2022');
  }, 90_000); // three CLI processes, one of them seeding: under load more than the default 30 s

  it('given an invalid date, when asking for state, then a clear error and exit 1', async () => {
    await expect(cli(join(dir, 'x'), ['state', '080707', '--as-of', '2019-02-29'])).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('real calendar date') });
  });
});
