import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { createRecorder } from '../../src/commandHandling/recordEvents.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '../../src/eventStore/sqliteEventStore.ts';
import { buildApp } from '../../src/http/buildApp.ts';
import { ADMIN_TOKEN, startTestLedger, type TestLedger } from './support/testLedger.ts';

const lg = (lgId: string, name = `Municipalidad ${lgId}`) => ({ type: 'LocalGovernmentRegistered', data: { lgId, name, level: 'district', province: 'P', department: 'D' } });

/**
 * Real store faults, injected from outside the process's write path:
 * - locked: another connection holds the SQLite write lock (`BEGIN EXCLUSIVE`), so the ledger's
 *   writes time out with SQLITE_BUSY — what a stuck backup or a second writer does;
 * - full: the file may not grow (`max_page_count`), so the insert fails with SQLITE_FULL — what a
 *   full disk does, and testable as root, which ignores file permissions;
 * - read-only: the store was opened read-only (SQLITE_READONLY).
 */
describe('store faults: 503 STORE_UNAVAILABLE, nothing partial, health degraded, and recovery without a restart', () => {
  let ledger: TestLedger;
  beforeEach(async () => {
    ledger = await startTestLedger();
    expect((await ledger.post(lg('080701'))).statusCode).toBe(201);
  });
  afterEach(async () => ledger.close());

  const head = () => ledger.store.headPosition();

  it('given another connection holding the write lock, when a write comes, then 503 with Retry-After, health degraded; once released, writes resume and health is ok', async () => {
    const locker = new Database(ledger.file);
    locker.pragma('busy_timeout = 0');
    locker.exec('BEGIN EXCLUSIVE');
    const before = await head();
    try {
      const refused = await ledger.post(lg('080702'));
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toMatch(/^\d+$/);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.json()).toMatchObject({ code: 'STORE_UNAVAILABLE', detail: expect.stringMatching(/cannot append.*SQLITE_BUSY/) });
      expect(await head()).toBe(before);
      const health = (await ledger.get('/api/health')).json();
      expect(health).toMatchObject({ status: 'degraded', headPosition: String(before), problems: [{ source: 'store', reason: expect.stringContaining('SQLITE_BUSY') }] });
      // Reads still work while writes cannot.
      expect((await ledger.get('/api/local-governments')).statusCode).toBe(200);
    } finally {
      locker.exec('ROLLBACK');
      locker.close();
    }
    const resumed = await ledger.post(lg('080702'));
    expect(resumed.statusCode).toBe(201);
    expect((await ledger.get('/api/health')).json()).toMatchObject({ status: 'ok' });
    expect((await ledger.get('/api/audit/verify')).json().ok).toBe(true);
  }, 30_000);

  it('given a file that may not grow (out of disk), when batches are written, then 503 and none of the failing batch is stored; with room again, writes resume', async () => {
    expect((await ledger.post({ type: 'ProjectRegistered', data: { projectId: 'p-full', title: 'P', sector: 'other', lgIds: ['080701'], registeredOn: '2019-01-01' } })).statusCode).toBe(201);
    const db = (ledger.store as unknown as { db: Database.Database }).db;
    db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true })) + 2}`);
    const batchOf = (n: number) => ({
      events: Array.from({ length: 20 }, (_, i) => ({
        type: 'FundingCommitted',
        data: { commitmentId: `full-${n}-${i}`, projectId: 'p-full', funder: 'F'.repeat(190), amount: '1.00', currency: 'PEN', committedOn: '2019-02-01' },
      })),
    });
    let refused;
    let n = 0;
    for (; n < 100; n++) {
      refused = await ledger.post(batchOf(n));
      if (refused.statusCode !== 201) break;
    }
    expect(refused!.statusCode).toBe(503);
    expect(refused!.json()).toMatchObject({ code: 'STORE_UNAVAILABLE', detail: expect.stringContaining('SQLITE_FULL') });
    const stored = (await ledger.store.readStream('project-p-full')).map((e) => (e.data as { commitmentId?: string }).commitmentId);
    expect(stored.filter((c) => c?.startsWith(`full-${n}-`))).toEqual([]);
    expect((await ledger.get('/api/health')).json()).toMatchObject({ status: 'degraded', problems: [{ source: 'store' }] });
    expect((await ledger.get('/api/audit/verify')).json().ok).toBe(true);

    db.pragma('max_page_count = 1073741823');
    expect((await ledger.post(batchOf(n))).statusCode).toBe(201);
    expect((await ledger.get('/api/health')).json().status).toBe('ok');
    expect((await ledger.get('/api/audit/verify')).json().ok).toBe(true);
  }, 30_000);

  it('given a store opened read-only, when a write comes, then 503 STORE_UNAVAILABLE with a clear message and health degraded', async () => {
    const readonly = SqliteEventStore.open(ledger.file, { readonly: true });
    const record = createRecorder({ store: readonly, now: () => new Date(), newId: randomUUID });
    const app = await buildApp({ store: readonly, storeName: 'sqlite', record, credentials: [{ name: 'admin', role: 'registrar', token: ADMIN_TOKEN }] });
    try {
      const refused = await app.inject({ method: 'POST', url: '/api/events', headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, payload: lg('080702') });
      expect(refused.statusCode).toBe(503);
      expect(refused.json()).toMatchObject({ code: 'STORE_UNAVAILABLE', detail: expect.stringContaining('SQLITE_READONLY') });
      expect((await app.inject({ url: '/api/health' })).json()).toMatchObject({ status: 'degraded' });
    } finally {
      await app.close();
      await readonly.close();
    }
  });
});
