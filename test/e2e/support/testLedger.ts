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
  dir: string;
  file: string;
  /** POST /api/events with the admin token. */
  post(body: unknown, token?: string | null): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** A real ledger on a real SQLite file in a fresh temporary directory, driven through app.inject(). */
export async function startTestLedger(): Promise<TestLedger> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-e2e-'));
  const file = join(dir, 'ledger.sqlite');
  const store = SqliteEventStore.open(file);
  const record = createRecorder({ store, now: () => new Date(), newId: uuidv4 });
  const app = await buildApp({ store, storeName: 'sqlite', record, credentials: [{ name: 'admin', role: 'registrar', token: ADMIN_TOKEN }] });
  return {
    app,
    store,
    record,
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
