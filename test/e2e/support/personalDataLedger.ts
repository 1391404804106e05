import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { AccessRegistry } from '../../../src/access/accessRegistry.ts';
import type { AccessRole, AccessScope } from '../../../src/access/accessEvents.ts';
import { startAudit } from '../../../src/audit/log/startAudit.ts';
import type { AuditService } from '../../../src/audit/log/auditService.ts';
import { openLedger, type Ledger } from '../../../src/composition/openLedger.ts';
import { loadConfig } from '../../../src/config.ts';
import { LedgerHealth } from '../../../src/health/ledgerHealth.ts';
import { buildApp } from '../../../src/http/buildApp.ts';

export const PD_ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface PersonalDataLedger {
  ledger: Ledger;
  app: FastifyInstance;
  audit: AuditService;
  dir: string;
  tokens: Record<string, string>;
  grant(name: string, role: AccessRole, scope?: AccessScope): Promise<string>;
  request(method: 'GET' | 'POST', url: string, token?: string, payload?: unknown): Promise<LightMyRequestResponse>;
  /** Stops the server's parts but keeps the data directory (for a restart or a disk search). */
  stop(): Promise<void>;
  close(): Promise<void>;
}

/** The ledger as `serve` composes it (openLedger: sealing, key store, key destruction), audit and read index in its data directory. */
export async function startPersonalDataLedger(dir = mkdtempSync(join(tmpdir(), 'ledger-pd-'))): Promise<PersonalDataLedger> {
  const config = loadConfig({ LEDGER_DATA_DIR: dir, LOG_LEVEL: 'silent', LEDGER_CHECKPOINT_EVERY_EVENTS: '0', LEDGER_CHECKPOINT_EVERY_MINUTES: '0', LEDGER_VERIFY_EVERY_MINUTES: '0' });
  const ledger = await openLedger(config);
  const health = new LedgerHealth();
  const audit = await startAudit(config, ledger.store, health);
  const app = await buildApp({
    store: ledger.store, storeName: ledger.storeName, record: ledger.record, vault: ledger.vault, documents: ledger.documents, audit, health,
    credentials: [{ name: 'admin', role: 'registrar', token: PD_ADMIN_TOKEN }],
    readIndexFile: join(dir, 'read-index.sqlite'),
  });
  const registry = new AccessRegistry(ledger.store);
  const tokens: Record<string, string> = { admin: PD_ADMIN_TOKEN };
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.close();
    await audit.close();
    await ledger.close();
  };
  return {
    ledger, app, audit, dir, tokens,
    async grant(name, role, scope = {}) {
      const { token } = await registry.grant({ name, role, scope }, { actor: 'cli:test', now: () => new Date('2018-11-01T00:00:00Z') });
      tokens[name] = token;
      return token;
    },
    request: (method, url, token, payload) =>
      app.inject({ method, url, headers: token ? { authorization: `Bearer ${token}` } : {}, ...(payload === undefined ? {} : { payload: payload as object }) }),
    stop,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every file under `dir`, recursively. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => join(dir, f)).filter((f) => statSync(f).isFile());
}

/** Occurrences of each needle in each file (files with none are left out). */
export function searchFiles(files: string[], needles: Buffer[]): { file: string; hits: number }[] {
  const found: { file: string; hits: number }[] = [];
  for (const file of files) {
    const bytes = readFileSync(file);
    let hits = 0;
    for (const needle of needles) for (let i = bytes.indexOf(needle); i >= 0; i = bytes.indexOf(needle, i + 1)) hits++;
    if (hits > 0) found.push({ file, hits });
  }
  return found;
}
