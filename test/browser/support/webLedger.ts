import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { v4 as uuidv4 } from 'uuid';
import { AccessRegistry } from '../../../src/access/accessRegistry.ts';
import { AuditService } from '../../../src/audit/log/auditService.ts';
import { createRecorder } from '../../../src/commandHandling/recordEvents.ts';
import { SqliteEventStore } from '../../../src/eventStore/sqliteEventStore.ts';
import { LedgerHealth } from '../../../src/health/ledgerHealth.ts';
import { buildApp } from '../../../src/http/buildApp.ts';
import { seedLedger } from '../../../src/seed/seedLedger.ts';

export const ADMIN_TOKEN = 'browser-admin-token-0123456789';

/** The transition the tests open for Quiñota: the demo's are all signed, so nothing could be recorded in them. */
export const OPEN_TRANSITION = 'tr-080707-2022';
export const COMMISSION_MEMBER = 'comision-quinota-2022';

export interface WebLedger {
  app: FastifyInstance;
  store: SqliteEventStore;
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  /** Token of a commission member scoped to OPEN_TRANSITION, granted through the access stream. */
  commissionToken: string;
  close(): Promise<void>;
}

/**
 * The Chumbivilcas 2018 demo on a real SQLite file in a temporary folder, served on 127.0.0.1 at a
 * free port, plus an open transition for Quiñota (2019-2022 → 2023-2026) formed through the API
 * and a commission member's token for it.
 */
export async function startWebLedger(): Promise<WebLedger> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-web-'));
  const store = SqliteEventStore.open(join(dir, 'ledger.sqlite'), { pollIntervalMs: 50 });
  const record = createRecorder({ store, now: () => new Date(), newId: uuidv4 });
  await seedLedger(record, 'chumbivilcas-2018');
  const { token: commissionToken } = await new AccessRegistry(store).grant(
    { name: COMMISSION_MEMBER, role: 'commission', scope: { lgId: '080707', transitionIds: [OPEN_TRANSITION] } },
    { actor: 'browser-test', now: () => new Date() },
  );
  // As `serve` runs it: the Merkle log and signed checkpoints behind /api/audit, which the auditor view shows.
  const health = new LedgerHealth();
  const audit = new AuditService({ store, health, dataDir: dir, checkpointEveryEvents: 0, checkpointEveryMinutes: 0, verifyEveryMinutes: 0 });
  await audit.start();
  const app = await buildApp({ store, storeName: 'sqlite', record, health, audit, credentials: [{ name: 'admin', role: 'registrar', token: ADMIN_TOKEN }] });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('the app is not listening on a TCP port');
  const baseUrl = `http://127.0.0.1:${address.port}`;

  const formed = await fetch(`${baseUrl}/api/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'TransitionCommissionFormed',
      data: {
        transitionId: OPEN_TRANSITION,
        lgId: '080707',
        outgoingTermId: '2019-2022',
        incomingTermId: '2023-2026',
        members: [
          { name: 'Lucía Ttito Huamán', role: 'Alcaldesa saliente', side: 'outgoing' },
          { name: 'Marco Quispe Ccori', role: 'Presidencia de la comisión entrante', side: 'incoming' },
        ],
        formedOn: '2022-11-02',
      },
    }),
  });
  if (formed.status !== 201) throw new Error(`forming the open transition failed: ${formed.status} ${await formed.text()}`);
  const checkpoint = await fetch(`${baseUrl}/api/audit/checkpoints`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  if (checkpoint.status !== 201 && checkpoint.status !== 200) throw new Error(`signing a checkpoint failed: ${checkpoint.status} ${await checkpoint.text()}`);

  return {
    app,
    store,
    baseUrl,
    commissionToken,
    async close() {
      await app.close();
      await audit.close();
      await store.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Requests to the web app over `app.inject()`. A browser posting one of our own forms says so in
 * Sec-Fetch-Site; a test that plays another site overrides it in `headers`. `ledger` is read at each
 * call, so the client can be made before `beforeAll` starts the ledger.
 */
export function webClient(ledger: () => WebLedger) {
  const get = (url: string, headers: Record<string, string> = {}) => ledger().app.inject({ method: 'GET', url, headers });
  const postForm = (url: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    ledger().app.inject({ method: 'POST', url, payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', ...headers } });
  /** Signs in through the form and returns the session cookie to send back (`tl_session=<id>`). */
  const sessionCookie = async (token: string) => String((await postForm('/ingresar', { token, returnTo: '/' })).headers['set-cookie']).split(';')[0]!;
  return { get, postForm, sessionCookie };
}
