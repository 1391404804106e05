import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { v4 as uuidv4 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditService } from '../../src/audit/log/auditService.ts';
import { IntegrityMonitor, type IntegrityReport } from '../../src/audit/log/integrityMonitor.ts';
import { createRecorder } from '../../src/commandHandling/recordEvents.ts';
import { SqliteEventStore } from '../../src/eventStore/sqliteEventStore.ts';
import { LedgerHealth } from '../../src/health/ledgerHealth.ts';
import { buildApp } from '../../src/http/buildApp.ts';
import { countingStore, type ReadCount } from '../support/countingStore.ts';
import { rehashStream, tamper } from './support/tamper.ts';

const run = promisify(execFile);
const AUDITOR = 'parallel-auditor-token-0123456789';
const EVENTS = 45;
const lgId = (i: number) => String(80700 + (i % 9)).padStart(6, '0');
/** Nine local governments, then two rounds of a term started and ended in each, interleaved over their streams. */
function eventAt(i: number) {
  if (i < 9) return { type: 'LocalGovernmentRegistered', data: { lgId: lgId(i), name: `Municipalidad ${i}`, level: 'district', province: 'Chumbivilcas', department: 'Cusco' } };
  const round = Math.floor((i - 9) / 18);
  const termId = `${2003 + 4 * round}-${2006 + 4 * round}`;
  return (i - 9) % 18 < 9
    ? { type: 'AuthorityTermStarted', data: { lgId: lgId(i), termId, mayor: `Alcalde ${i}`, startedOn: `${2003 + 4 * round}-01-01` } }
    : { type: 'AuthorityTermEnded', data: { lgId: lgId(i), termId, endedOn: `${2006 + 4 * round}-12-31` } };
}

interface Server { app: FastifyInstance; audit: AuditService; count: ReadCount; dir: string; file: string; close(): Promise<void> }

/** A server as `serve` runs it, on a real SQLite file whose readAll is counted; full verifications hash in two workers from the first event on. */
async function serve(): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-parallel-verify-'));
  const file = join(dir, 'ledger.sqlite');
  const sqlite = SqliteEventStore.open(file, { pollIntervalMs: 20 });
  const { store, count } = countingStore(sqlite);
  const record = createRecorder({ store, now: () => new Date(), newId: uuidv4 });
  for (let i = 0; i < EVENTS; i++) await record({ events: [eventAt(i)] }, { actor: 'seed', role: 'registrar' }, () => '');
  const health = new LedgerHealth();
  const audit = new AuditService({
    store, health, dataDir: dir, checkpointEveryEvents: 10, checkpointEveryMinutes: 0, verifyEveryMinutes: 0, parallelVerify: { workers: 2, from: 1n },
  });
  await audit.start();
  const app = await buildApp({ store, storeName: 'sqlite', record, health, audit, credentials: [{ name: 'auditora', role: 'auditor', token: AUDITOR }] });
  return {
    app, audit, count, dir, file,
    async close() {
      await app.close();
      await audit.close();
      await sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The same full verification, serially through the store, by a monitor of its own over the same audit log. */
async function serialReport(server: Server): Promise<IntegrityReport> {
  const store = SqliteEventStore.open(server.file, { readonly: true });
  try {
    const { log, checkpoints, key } = server.audit;
    const serial = new IntegrityMonitor({ store, log, checkpoints, key, health: new LedgerHealth(), now: () => new Date(), parallel: { workers: 0 } });
    return await serial.verify();
  } finally {
    await store.close();
  }
}

/** POST /api/audit/verifications, then the report once the job has finished; `count` counts only that job's reads through the store. */
async function fullVerification({ app, count }: Server) {
  // Events recorded since the last verification (the checkpoints) are read by the carried-forward state first.
  await app.inject({ method: 'GET', url: '/api/audit/verify' });
  count.reset();
  const started = await app.inject({ method: 'POST', url: '/api/audit/verifications', headers: { authorization: `Bearer ${AUDITOR}` } });
  expect(started.statusCode).toBe(202);
  for (const end = Date.now() + 20_000; Date.now() < end; await new Promise((r) => setTimeout(r, 25))) {
    const state = (await app.inject({ method: 'GET', url: '/api/audit/verify' })).json();
    if (!state.fullVerification.running && state.fullVerification.completedAt >= state.fullVerification.startedAt) return state;
  }
  throw new Error('the full verification did not finish');
}

const withoutTime = ({ checkedAt: _, ...report }: IntegrityReport) => report;

const cli = (dir: string, args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], { env: { ...process.env, LEDGER_DATA_DIR: dir, LOG_LEVEL: 'silent' } }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
/** The CLI's words less the thread count, which is all that may differ between the two ways. */
const sameWords = (text: string) => text.replace(/, in \d+ worker thread\(s\)/, '');

describe('the server\'s full re-verification and the CLI hash in worker threads, and agree with the serial verifier', () => {
  let server: Server;
  beforeAll(async () => {
    server = await serve();
  });
  afterAll(async () => server.close());

  it('given an honest log, when an auditor starts a full re-verification, then workers hash it (nothing is read through the store) and the report is the serial one', async () => {
    const state = await fullVerification(server);
    expect(server.count.events).toBe(0);
    const logSize = server.audit.log.size();
    expect(state).toMatchObject({ ok: true, checkedEvents: logSize, leavesChecked: logSize, problems: [] });
    expect(withoutTime(server.audit.integrity.lastReport()!)).toEqual(withoutTime(await serialReport(server)));
  });

  it('given an honest log, when the CLI verifies with workers and without, then both say OK and print the audit log\'s Merkle root', async () => {
    const [parallel, serial] = await Promise.all([cli(server.dir, ['verify', '--workers', '2']), cli(server.dir, ['verify', '--workers', '0'])]);
    expect(parallel).toMatchObject({ code: 0, stdout: expect.stringContaining(', in 2 worker thread(s)') });
    expect(sameWords(parallel.stdout)).toBe(serial.stdout);
    expect(parallel.stdout).toContain(`Merkle root ${server.audit.log.rootHex(server.audit.log.size())}`);
  });

  it('given one event edited and another re-hashed along its stream, when verified both ways, then both localize the same positions with the same problems', async () => {
    tamper(server.file, (db) => {
      db.prepare("UPDATE events SET data = replace(data, 'Alcalde 11', 'Alcaldesa 11') WHERE position = 12").run();
      db.prepare("UPDATE events SET actor = 'intruder' WHERE position = 33").run();
      rehashStream(db, db.prepare<[], string>('SELECT stream FROM events WHERE position = 33').pluck().get()!);
    });
    const state = await fullVerification(server);
    expect(server.count.events).toBe(0);
    expect(state).toMatchObject({ ok: false, firstInvalidPosition: '12', problems: expect.arrayContaining([
      expect.objectContaining({ position: '12', kind: 'HASH_MISMATCH' }),
      expect.objectContaining({ position: '33', kind: 'LEAF_MISMATCH' }),
    ]) });
    expect(withoutTime(server.audit.integrity.lastReport()!)).toEqual(withoutTime(await serialReport(server)));

    const [parallel, serial] = await Promise.all([cli(server.dir, ['verify', '--workers', '2']), cli(server.dir, ['verify', '--workers', '0'])]);
    expect(parallel.code).toBe(1);
    expect(serial.code).toBe(1);
    expect(parallel.stderr).toContain('first invalid position 12');
    expect(sameWords(parallel.stderr)).toBe(serial.stderr);
  });
});
