import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { v4 as uuidv4 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditService } from '../../src/audit/log/auditService.ts';
import { createRecorder } from '../../src/commandHandling/recordEvents.ts';
import { SqliteEventStore } from '../../src/eventStore/sqliteEventStore.ts';
import { LedgerHealth } from '../../src/health/ledgerHealth.ts';
import { buildApp } from '../../src/http/buildApp.ts';
import { countingStore, type ReadCount } from '../support/countingStore.ts';
import { tamper } from './support/tamper.ts';

const ADMIN = 'verify-admin-token-0123456789';
const AUDITOR = 'verify-auditor-token-0123456789';
const lg = (i: number) => ({ type: 'LocalGovernmentRegistered', data: { lgId: String(80700 + i).padStart(6, '0'), name: `Municipalidad ${i}`, level: 'district', province: 'Chumbivilcas', department: 'Cusco' } });

interface Ledger { app: FastifyInstance; count: ReadCount; audit?: AuditService; file: string; close(): Promise<void> }

/** A server on a real SQLite file whose readAll is counted; with `audit`, as `serve` runs it. */
async function open(withAudit: boolean, events: number): Promise<Ledger> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-verify-'));
  const file = join(dir, 'ledger.sqlite');
  const sqlite = SqliteEventStore.open(file, { pollIntervalMs: 20 });
  const { store, count } = countingStore(sqlite);
  const record = createRecorder({ store, now: () => new Date(), newId: uuidv4 });
  for (let i = 0; i < events; i++) await record({ events: [lg(i)] }, { actor: 'seed', role: 'registrar' }, () => '');
  const health = new LedgerHealth();
  const audit = withAudit
    ? new AuditService({ store, health, dataDir: dir, checkpointEveryEvents: 0, checkpointEveryMinutes: 0, verifyEveryMinutes: 0 })
    : undefined;
  await audit?.start();
  const app = await buildApp({
    store, storeName: 'sqlite', record, health, audit,
    credentials: [{ name: 'admin', role: 'registrar', token: ADMIN }, { name: 'auditora', role: 'auditor', token: AUDITOR }],
  });
  return {
    app, count, audit, file,
    async close() {
      await app.close();
      await audit?.close();
      await sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const verify = (app: FastifyInstance) => app.inject({ method: 'GET', url: '/api/audit/verify' });
const startFull = (app: FastifyInstance, token?: string) =>
  app.inject({ method: 'POST', url: '/api/audit/verifications', headers: token ? { authorization: `Bearer ${token}` } : {} });

async function until(check: () => Promise<boolean>): Promise<void> {
  for (const end = Date.now() + 5000; !(await check()); await new Promise((r) => setTimeout(r, 20))) {
    if (Date.now() > end) throw new Error('condition not reached in time');
  }
}

describe('GET /api/audit/verify answers from the verification carried forward, never by re-scanning', () => {
  let ledger: Ledger | undefined;
  afterEach(async () => ledger?.close());

  it('given 40 events verified at start-up, when verify is read, then no event of the log is read and every event is reported verified', async () => {
    ledger = await open(true, 40);
    await ledger.audit!.follower.sync();
    ledger.count.reset();
    const response = await verify(ledger.app);
    expect(response.json()).toMatchObject({ ok: true, checkedEvents: 40, headPosition: '40', leavesChecked: 40, fullVerification: { running: false } });
    expect(ledger.count.events).toBe(0);
  });

  it('given new events recorded after the start-up verification, when verify is read, then only the new events are read and verified', async () => {
    ledger = await open(true, 10);
    await ledger.app.inject({ method: 'POST', url: '/api/events', headers: { authorization: `Bearer ${ADMIN}` }, payload: lg(99) });
    await ledger.audit!.follower.sync();
    ledger.count.reset();
    expect((await verify(ledger.app)).json()).toMatchObject({ ok: true, checkedEvents: 11, headPosition: '11', leavesChecked: 11 });
    expect(ledger.count.events).toBe(1);
  });

  it('given ten concurrent verify calls on a ledger never verified, then the log is read once, not ten times', async () => {
    ledger = await open(false, 30);
    ledger.count.reset();
    const responses = await Promise.all(Array.from({ length: 10 }, () => verify(ledger!.app)));
    for (const r of responses) expect(r.json()).toMatchObject({ ok: true, checkedEvents: 30 });
    expect(ledger.count.events).toBe(30);
  });

  it('given an event edited after it was verified, when verify is read, then it is not re-scanned; an auditor’s full re-verification finds the edit', async () => {
    ledger = await open(true, 5);
    tamper(ledger.file, (db) => db.prepare("UPDATE events SET data = replace(data, 'Municipalidad 2', 'Municipalidad X') WHERE position = 3").run());
    expect((await verify(ledger.app)).json().ok).toBe(true);

    expect((await startFull(ledger.app)).statusCode).toBe(401);
    const started = await startFull(ledger.app, AUDITOR);
    expect(started.statusCode).toBe(202);
    expect(started.json()).toMatchObject({ running: true, status: '/api/audit/verify' });
    await until(async () => !(await verify(ledger!.app)).json().fullVerification.running);
    const report = (await verify(ledger.app)).json();
    expect(report).toMatchObject({ ok: false, firstInvalidPosition: '3', fullVerification: { running: false, completedAt: expect.any(String) } });
    expect(report.problems[0]).toMatchObject({ position: '3', kind: 'HASH_MISMATCH' });
  });

  it('given two full re-verifications asked for at once, then they are one pass over the log', async () => {
    ledger = await open(true, 20);
    ledger.count.reset();
    const [a, b] = await Promise.all([ledger.audit!.integrity.verify(), ledger.audit!.integrity.verify()]);
    expect(a).toBe(b);
    expect(ledger.count.events).toBe(20);
  });

  it('given the audit page, when it is shown, then its badge comes from the carried-forward state without reading the log again', async () => {
    ledger = await open(true, 12);
    await ledger.audit!.follower.sync();
    expect((await ledger.app.inject({ method: 'GET', url: '/auditoria?after=12' })).statusCode).toBe(200); // the live view is folded once
    ledger.count.reset();
    const page = await ledger.app.inject({ method: 'GET', url: '/auditoria?after=12' });
    expect(page.statusCode).toBe(200);
    // The page's own log excerpt starts after the head: nothing of the log is left to read.
    expect(ledger.count.events).toBe(0);
  });
});
