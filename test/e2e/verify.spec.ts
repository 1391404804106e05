import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestLedger, type TestLedger } from './support/testLedger.ts';

const run = promisify(execFile);
const CLI = ['--import', 'tsx', 'src/main.ts'];

const lg = (lgId: string, name: string) => ({ type: 'LocalGovernmentRegistered', data: { lgId, name, level: 'district', province: 'Chumbivilcas', department: 'Cusco' } });

describe('the hash chain, verified over HTTP and by the CLI', () => {
  let ledger: TestLedger;
  beforeEach(async () => {
    ledger = await startTestLedger();
    for (const [id, name] of [['080707', 'Quiñota'], ['080708', 'Velille'], ['080706', 'Llusco']] as const) {
      expect((await ledger.post(lg(id, `Municipalidad Distrital de ${name}`))).statusCode).toBe(201);
      expect((await ledger.post({ type: 'AuthorityTermStarted', data: { lgId: id, termId: '2015-2018', mayor: 'Alcalde (ilustrativo)', startedOn: '2015-01-01' } })).statusCode).toBe(201);
    }
  });
  afterEach(async () => ledger.close());

  const cli = (args: string[]) =>
    run(process.execPath, [...CLI, ...args], { env: { ...process.env, LEDGER_DATA_DIR: ledger.dir, LOG_LEVEL: 'silent' } }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('given an untouched log, when verified, then every event checks and the head is reported', async () => {
    const report = (await ledger.get('/api/audit/verify')).json();
    expect(report).toMatchObject({ ok: true, checkedEvents: 6, headPosition: '6', headHash: expect.stringMatching(/^[0-9a-f]{64}$/), problems: [] });
    const result = await cli(['verify']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('6 events verified');
  });

  it('given a row edited in the SQLite file, when verified, then the first invalid position is reported and the CLI exits 1', async () => {
    const db = new Database(ledger.file);
    db.prepare("UPDATE events SET data = replace(data, 'Velille', 'Velilla') WHERE position = 3").run();
    db.close();

    const report = (await ledger.get('/api/audit/verify')).json();
    expect(report.ok).toBe(false);
    expect(report.firstInvalidPosition).toBe('3');
    expect(report.problems[0]).toMatchObject({ position: '3', kind: 'HASH_MISMATCH', stream: 'lg-080708' });

    const result = await cli(['verify']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('first invalid position 3');
  });
});
