import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLedger } from '../../src/seed/seedLedger.ts';
import { startAuditTestLedger, type AuditTestLedger } from './support/auditTestLedger.ts';

const run = promisify(execFile);

describe('time travel: changes between two points, replay and diff', () => {
  let ledger: AuditTestLedger;
  beforeAll(async () => {
    ledger = await startAuditTestLedger();
    await seedLedger(ledger.record, 'chumbivilcas-2018');
  });
  afterAll(async () => ledger.close());

  const cli = (args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], { env: { ...process.env, LEDGER_DATA_DIR: ledger.dir, LOG_LEVEL: 'silent' }, maxBuffer: 64 * 1024 * 1024 }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('given Quiñota between two dates around the change of term, when its changes are asked, then the new term and the facts behind it are listed', async () => {
    const res = await ledger.get('/api/local-governments/080707/changes?from=2018-12-30&to=2019-01-02');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ pointKind: 'date', existedBefore: true, existsAfter: true });
    expect(body.changes).toContainEqual({ path: 'currentTerm.termId', kind: 'changed', before: '2015-2018', after: '2019-2022' });
    const types = body.events.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['AuthorityTermEnded', 'AuthorityTermStarted']));
    // Only Quiñota's facts: every event is of one of its streams.
    for (const e of body.events) expect(e.stream).toMatch(/080707|^plan-|^project-/);
  });

  it('given two positions, when changes are asked, then only the events recorded between them, and the registration appears as added state', async () => {
    const all = (await ledger.get('/api/events?stream=lg-080707')).json().events;
    const registered = Number(all[0].position);
    const body = (await ledger.get(`/api/local-governments/080707/changes?from=${registered - 1}&to=${Number(all[1].position)}`)).json();
    expect(body).toMatchObject({ pointKind: 'position', existedBefore: false, existsAfter: true });
    expect(body.changes).toEqual([expect.objectContaining({ path: '.', kind: 'added' })]);
    expect(body.events.map((e: { id: string }) => e.id)).toEqual([all[0].id, all[1].id]);
  });

  it('given a transition between the day it was formed and the act, when its changes are asked, then items and the act are added', async () => {
    const body = (await ledger.get('/api/transitions/tr-080707-2018/changes?from=2018-11-13&to=2019-01-31')).json();
    expect(body.changes).toContainEqual(expect.objectContaining({ path: 'status', before: 'open', after: 'signed' }));
    expect(body.events.length).toBeGreaterThan(3);
  });

  it('given mixed, reversed or malformed points, when changes are asked, then 400 VALIDATION_FAILED', async () => {
    for (const q of ['from=2019-01-01&to=12', 'from=20&to=10', 'from=2019-02-30&to=2019-03-01', 'from=yesterday&to=12', 'from=1']) {
      const res = await ledger.get(`/api/local-governments/080707/changes?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().code, q).toBe('VALIDATION_FAILED');
    }
    expect((await ledger.get('/api/local-governments/089999/changes?from=1&to=2')).json().code).toBe('NOT_FOUND');
  });

  it('given the log, when replayed by the CLI as of a date for one local government, then the state of that date is printed', async () => {
    const before = await cli(['replay', '--lg', '080707', '--as-of', '2018-12-31']);
    expect(before.code, before.stderr).toBe(0);
    const out = JSON.parse(before.stdout);
    expect(out.localGovernment.currentTerm.termId).toBe('2015-2018');
    expect(out.replay.eventsRead).toBeGreaterThan(100);
    expect(before.stderr).toBe(''); // no progress bar outside a terminal
    const whole = JSON.parse((await cli(['replay', '--at-position', '40'])).stdout);
    expect(whole.replay.atPosition).toBe('40');
    expect(whole.localGovernments.length).toBeGreaterThan(0);
    expect(whole.budget).toBeDefined();
  });

  it('given the CLI diff between two dates, when run, then the same changes as the HTTP endpoint', async () => {
    const result = await cli(['diff', '080707', '--from', '2018-12-30', '--to', '2019-01-02']);
    expect(result.code, result.stderr).toBe(0);
    const body = JSON.parse(result.stdout);
    const http = (await ledger.get('/api/local-governments/080707/changes?from=2018-12-30&to=2019-01-02')).json();
    expect(body.changes).toEqual(http.changes);
    expect(body.events.map((e: { id: string }) => e.id)).toEqual(http.events.map((e: { id: string }) => e.id));
    const bad = await cli(['diff', '080707', '--from', '2018-12-30', '--to', '12']);
    expect(bad.code).toBe(1);
  });
});
