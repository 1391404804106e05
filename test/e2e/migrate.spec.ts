import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLedgerCli, type CliResult } from '../support/ledgerCli.ts';
import { createTempDir, type TempDir } from '../support/tempDir.ts';

/** `migrate` between two SQLite ledgers, through the CLI as a child process. */
describe('migrate from SQLite to SQLite', () => {
  let tmp: TempDir;
  /** Data directory of the seeded demo, never written by a test: each copies it first. */
  let demo: string;
  let demoExport: string;
  let demoHeadHash: string;

  const dataDir = (name: string) => tmp.file(name);
  const ledgerFile = (name: string) => tmp.file(`${name}/ledger.sqlite`);
  const migrate = (from: string, to: string) => runLedgerCli(['migrate', '--from', from, '--to', to]);
  let exports = 0;
  /** The ledger in `name`, exported by the CLI: every event with its position, hashes included. */
  async function exportOf(name: string): Promise<string> {
    const file = tmp.file(`export-${++exports}.jsonl`);
    expectOk(await runLedgerCli(['export', file], { LEDGER_DATA_DIR: dataDir(name) }));
    return readFileSync(file, 'utf8');
  }
  const copyOfDemo = (name: string) => cpSync(demo, dataDir(name), { recursive: true });
  /** A ledger holding the demo's first `count` events: the state of a source when an earlier run copied it. */
  async function demoPrefix(name: string, count: number) {
    const file = tmp.file(`${name}.jsonl`);
    writeFileSync(file, demoExport.split('\n').slice(0, count).join('\n') + '\n');
    expectOk(await runLedgerCli(['import', file], { LEDGER_DATA_DIR: dataDir(name) }));
  }

  beforeAll(async () => {
    tmp = createTempDir('ledger-migrate-');
    demo = dataDir('demo');
    expectOk(await runLedgerCli(['seed', 'chumbivilcas-2018'], { LEDGER_DATA_DIR: demo }));
    demoExport = await exportOf('demo');
    demoHeadHash = (await runLedgerCli(['verify'], { LEDGER_DATA_DIR: demo })).stdout.match(/head hash ([0-9a-f]{64})/)![1]!;
  }, 60_000);
  afterAll(() => tmp.remove());

  it('given the demo in a SQLite file, when migrated to a new file, then both export byte for byte alike and the head hash is reported as verified', async () => {
    copyOfDemo('source');
    const result = await migrate(ledgerFile('source'), ledgerFile('copy'));
    expectOk(result);
    const count = demoExport.trimEnd().split('\n').length;
    expect(count).toBeGreaterThan(200);
    expect(result.stdout).toContain(`${count} events copied, 0 already present`);
    expect(result.stdout).toContain(`both hold ${count} events`);
    expect(result.stdout).toContain(`hash ${demoHeadHash}`);
    expect(await exportOf('copy')).toBe(demoExport);
    expect((await runLedgerCli(['verify'], { LEDGER_DATA_DIR: dataDir('copy') })).stdout).toContain(`head hash ${demoHeadHash}`);
  });

  it('given a target that an earlier run filled from a shorter source, when migrated again, then it copies only the rest', async () => {
    const lines = demoExport.trimEnd().split('\n');
    const total = lines.length;
    // The cut falls inside a stream, so the next run must continue a chain, not start one.
    expect(JSON.parse(lines[150]!).revision).toBeGreaterThan(0);
    await demoPrefix('partial', 150);
    expectOk(await migrate(dataDir('partial'), `${dataDir('resumed')}/`));
    expect(await exportOf('resumed')).toBe(await exportOf('partial'));

    // The source has since recorded the rest of the demo: the next run continues after event 150.
    copyOfDemo('grown');
    const resumed = await migrate(dataDir('grown'), dataDir('resumed'));
    expectOk(resumed);
    expect(resumed.stdout).toContain(`${total - 150} events copied, 150 already present`);
    expect(await exportOf('resumed')).toBe(demoExport);

    const again = await migrate(dataDir('grown'), dataDir('resumed'));
    expectOk(again);
    expect(again.stdout).toContain(`0 events copied, ${total} already present`);
  });

  it('given a target holding another ledger, when migrated, then it is refused with exit 1 and nothing is written', async () => {
    copyOfDemo('source');
    // The same facts seeded separately: same ids, other recordedAt, so other hashes.
    expectOk(await runLedgerCli(['seed', 'chumbivilcas-2018'], { LEDGER_DATA_DIR: dataDir('other') }));
    const before = await exportOf('other');

    const result = await migrate(dataDir('source'), dataDir('other'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/the target is not a copy of the source, so it cannot be resumed: its event 1 .* is not the source's event 1 .*nothing was written/);
    expect(await exportOf('other')).toBe(before);
  });

  it('given a target holding more than the source, when migrated, then it is refused with exit 1 and nothing is written', async () => {
    await demoPrefix('short', 40);
    copyOfDemo('full');
    const result = await migrate(dataDir('short'), dataDir('full'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the target has more events than the source: its event 41');
    expect(await exportOf('full')).toBe(demoExport);
  });

  it('given a target copied earlier and then altered in place, when migrated, then it is refused with exit 1', async () => {
    copyOfDemo('source');
    copyOfDemo('tampered');
    const db = new Database(ledgerFile('tampered'));
    // Ids and stored hashes stay those of the source: only recomputing the hash shows the edit.
    db.prepare("UPDATE events SET data = replace(data, 'Quiñota', 'Quinota') WHERE position = (SELECT min(position) FROM events WHERE data LIKE '%Quiñota%')").run();
    db.close();
    const result = await migrate(dataDir('source'), dataDir('tampered'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/its event \d+ .* does not hash to its stored hash: the target was altered; nothing was written/);
  });

  it('given a source whose chain was altered, when migrated, then it is refused before the target is even created', async () => {
    copyOfDemo('altered');
    const db = new Database(ledgerFile('altered'));
    db.prepare("UPDATE events SET data = replace(data, 'Quiñota', 'Quinota') WHERE data LIKE '%Quiñota%'").run();
    db.close();
    const result = await migrate(dataDir('altered'), ledgerFile('untouched'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/the source's chain does not verify \(first invalid position \d+: .*\); nothing was copied/);
    expect(existsSync(ledgerFile('untouched'))).toBe(false);
  });

  it('given a source that does not exist or is the target itself, when migrated, then exit 1 with the reason and no file is created', async () => {
    const missing = await migrate(ledgerFile('missing'), ledgerFile('nowhere'));
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining(`no SQLite ledger at ${ledgerFile('missing')}`) });
    expect(existsSync(ledgerFile('missing'))).toBe(false);
    expect(existsSync(ledgerFile('nowhere'))).toBe(false);

    copyOfDemo('self');
    const self = await migrate(dataDir('self'), ledgerFile('self'));
    expect(self).toMatchObject({ code: 1, stderr: expect.stringContaining('--from and --to name the same store') });
  });

  it('given no --to, when migrate runs, then commander explains the missing option and exits 1', async () => {
    const result = await runLedgerCli(['migrate', '--from', 'x.sqlite']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("required option '--to <store>' not specified");
  });
});

function expectOk(result: CliResult): void {
  expect(result.stderr, result.stderr).toBe('');
  expect(result.code).toBe(0);
}
