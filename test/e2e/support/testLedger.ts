import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { v4 as uuidv4 } from 'uuid';
import { createRecorder, type RecordEvents } from '../../../src/commandHandling/recordEvents.ts';
import { SqliteEventStore } from '../../../src/eventStore/sqliteEventStore.ts';
import type { EventStore } from '../../../src/eventStore/eventStore.ts';
import { buildApp } from '../../../src/http/buildApp.ts';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestLedger {
  app: FastifyInstance;
  store: EventStore;
  record: RecordEvents;
  /** `sqlite` or `eventstoredb`: the store this ledger runs on. */
  storeName: string;
  dir: string;
  /** The SQLite file (absent from disk when the store is EventStoreDB). */
  file: string;
  /** POST /api/events with the admin token. */
  post(body: unknown, token?: string | null): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/**
 * The one place the e2e suite picks its store: a real SQLite file (default), or with
 * LEDGER_TEST_STORE=eventstoredb the EventStoreDB at EVENTSTORE_CONNECTION_STRING (see
 * test/e2e/eventStoreDbDemo.spec.ts). Tests that edit the SQLite file directly are SQLite-only.
 */
async function openTestStore(file: string): Promise<{ store: EventStore; storeName: string }> {
  const kind = process.env.LEDGER_TEST_STORE ?? 'sqlite';
  if (kind === 'sqlite') return { store: SqliteEventStore.open(file), storeName: 'sqlite' };
  if (kind !== 'eventstoredb') throw new Error(`LEDGER_TEST_STORE must be sqlite or eventstoredb, not ${kind}`);
  const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
  if (!connectionString) throw new Error('LEDGER_TEST_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING');
  const { EventStoreDbEventStore } = await import('../../../src/eventStore/eventStoreDbEventStore.ts');
  return { store: EventStoreDbEventStore.connect(connectionString), storeName: 'eventstoredb' };
}

/** A real ledger on a real store (a SQLite file in a fresh temporary directory by default), driven through app.inject(). */
export async function startTestLedger(): Promise<TestLedger> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-e2e-'));
  const file = join(dir, 'ledger.sqlite');
  const { store, storeName } = await openTestStore(file);
  const record = createRecorder({ store, now: () => new Date(), newId: uuidv4 });
  const app = await buildApp({ store, storeName, record, credentials: [{ name: 'admin', role: 'registrar', token: ADMIN_TOKEN }] });
  return {
    app,
    store,
    record,
    storeName,
    dir,
    file,
    post: (body, token = ADMIN_TOKEN) =>
      app.inject({
        method: 'POST',
        url: '/api/events',
        headers: token === null ? {} : { authorization: `Bearer ${token}` },
        payload: body as object,
      }),
    get: (url) => app.inject({ method: 'GET', url }),
    async close() {
      await app.close();
      await store.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
