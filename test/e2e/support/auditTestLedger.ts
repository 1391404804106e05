import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { v4 as uuidv4 } from 'uuid';
import { AuditService, type AuditServiceOptions } from '../../../src/audit/log/auditService.ts';
import { createRecorder, type RecordEvents } from '../../../src/commandHandling/recordEvents.ts';
import { SqliteEventStore } from '../../../src/eventStore/sqliteEventStore.ts';
import { LedgerHealth } from '../../../src/health/ledgerHealth.ts';
import { buildApp } from '../../../src/http/buildApp.ts';
import { DocumentStore } from '../../../src/documents/documentStore.ts';

export const AUDIT_ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface AuditTestLedger {
  app: FastifyInstance;
  store: SqliteEventStore;
  record: RecordEvents;
  audit: AuditService;
  health: LedgerHealth;
  dir: string;
  file: string;
  post(url: string, body?: unknown, token?: string | null): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export interface AuditTestOptions {
  checkpointEveryEvents?: number;
  verifyEveryMinutes?: number;
  /** Reuse a data directory (a restart); a fresh temporary one by default. */
  dir?: string;
  /** Witnesses to submit checkpoints to. */
  witnesses?: AuditServiceOptions['witnesses'];
  witnessRetryMs?: number;
}

/**
 * A ledger as `serve` runs it, audit included: a real SQLite file, the Merkle follower writing
 * audit.sqlite beside it, a generated signing key, the integrity monitor; driven by app.inject().
 * SQLite only: these tests tamper with the file underneath.
 */
export async function startAuditTestLedger(options: AuditTestOptions = {}): Promise<AuditTestLedger> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'ledger-audit-'));
  const file = join(dir, 'ledger.sqlite');
  const store = SqliteEventStore.open(file, { pollIntervalMs: 50 });
  const record = createRecorder({ store, now: () => new Date(), newId: uuidv4 });
  const health = new LedgerHealth();
  const audit = new AuditService({
    store, health, dataDir: dir,
    checkpointEveryEvents: options.checkpointEveryEvents ?? 0,
    checkpointEveryMinutes: 0,
    verifyEveryMinutes: options.verifyEveryMinutes ?? 0,
    ...(options.witnesses && { witnesses: options.witnesses }),
    ...(options.witnessRetryMs !== undefined && { witnessRetryMs: options.witnessRetryMs }),
  });
  await audit.start();
  const app = await buildApp({ store, storeName: 'sqlite', record, health, audit, documents: DocumentStore.inDataDir(dir), credentials: [{ name: 'admin', role: 'registrar', token: AUDIT_ADMIN_TOKEN }] });
  return {
    app, store, record, audit, health, dir, file,
    post: (url, body, token = AUDIT_ADMIN_TOKEN) =>
      app.inject({ method: 'POST', url, headers: token === null ? {} : { authorization: `Bearer ${token}` }, ...(body !== undefined && { payload: body as object }) }),
    get: (url) => app.inject({ method: 'GET', url }),
    async close() {
      await app.close();
      await audit.close();
      await store.close().catch(() => undefined);
      if (options.dir === undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}
