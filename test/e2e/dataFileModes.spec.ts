import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runLedgerCli } from '../support/ledgerCli.ts';
import { startChildServer, type ChildServer } from '../support/childServer.ts';
import { createTempDir, type TempDir } from '../support/tempDir.ts';

/** Every entry under `dir`, with its permission bits, e.g. `{ 'ledger.sqlite': 0o600, 'sub/': 0o700 }`. */
function modes(dir: string, prefix = ''): Record<string, number> {
  const found: Record<string, number> = {};
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) Object.assign(found, { [`${prefix}${name}/`]: stat.mode & 0o777 }, modes(path, `${prefix}${name}/`));
    else found[`${prefix}${name}`] = stat.mode & 0o777;
  }
  return found;
}

const pdf = Buffer.from('%PDF-1.7\n%%EOF\n');
const PDF_SHA = createHash('sha256').update(pdf).digest('hex');
const PDF_FILE = `documents/sha256/${PDF_SHA.slice(0, 2)}/${PDF_SHA}`;

const lg = { type: 'LocalGovernmentRegistered', data: { lgId: '080701', name: 'Municipalidad 080701', level: 'district', province: 'P', department: 'D' } };

/**
 * The real server on a data directory it creates, exercised until every file it keeps exists (the
 * ledger and its WAL, the audit log, the read index, the signing key, the admin token, the web
 * sessions), then every entry is stat-ed: files 0600, directories 0700.
 */
describe('data files are created owner-only', () => {
  let tmp: TempDir;
  let server: ChildServer | undefined;
  beforeEach(() => {
    tmp = createTempDir('ledger-modes-');
  });
  afterEach(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    server = undefined;
    tmp.remove();
  });

  async function exercise(dataDir: string): Promise<void> {
    // LEDGER_ADMIN_TOKEN unset: the server generates data/admin-token.
    server = await startChildServer(dataDir, { LEDGER_ADMIN_TOKEN: '', LEDGER_CHECKPOINT_EVERY_EVENTS: '1' });
    const token = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    expect((await fetch(`${server.url}/api/events`, { method: 'POST', headers: auth, body: JSON.stringify(lg) })).status).toBe(201);
    expect((await fetch(`${server.url}/api/local-governments`)).status).toBe(200);
    const signIn = await fetch(`${server.url}/ingresar`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      body: new URLSearchParams({ token, returnTo: '/' }).toString(),
    });
    expect(signIn.status).toBe(303);
    const kept = await fetch(`${server.url}/api/documents/${PDF_SHA}`, { method: 'PUT', headers: { authorization: auth.authorization, 'content-type': 'application/pdf' }, body: pdf });
    expect(kept.status).toBe(201);
    expect([200, 201]).toContain((await fetch(`${server.url}/api/audit/checkpoints`, { method: 'POST', headers: { authorization: auth.authorization } })).status);
  }

  const expectOwnerOnly = (dataDir: string, expected: string[]) => {
    const found = modes(dataDir);
    for (const name of expected) expect(Object.keys(found), name).toContain(name);
    for (const [name, mode] of Object.entries(found)) expect(mode.toString(8), name).toBe(name.endsWith('/') ? '700' : '600');
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  };

  it('given a data directory the server creates, when it has written, checkpointed and kept a web session, then every file is 0600 and every directory 0700, while running and after a stop', async () => {
    const dataDir = join(tmp.path, 'nested', 'data');
    await exercise(dataDir);
    const running = ['ledger.sqlite', 'ledger.sqlite-wal', 'ledger.sqlite-shm', 'admin-token', 'signing-key.pem', 'web-sessions.sqlite', 'read-index.sqlite', 'documents/', PDF_FILE];
    expectOwnerOnly(dataDir, running);
    expect(Object.keys(modes(dataDir)).some((n) => n.startsWith('audit'))).toBe(true);
    server!.child.kill('SIGTERM');
    expect((await server!.exited).code).toBe(0);
    expectOwnerOnly(dataDir, ['ledger.sqlite', 'admin-token', 'signing-key.pem', 'web-sessions.sqlite', PDF_FILE]);
  }, 60_000);

  it('given a data directory an earlier version left world-readable, when the server starts, then the directory and its files become owner-only', async () => {
    const dataDir = join(tmp.path, 'old');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    writeFileSync(join(dataDir, 'admin-token'), 'old-admin-token-0123456789\n');
    chmodSync(join(dataDir, 'admin-token'), 0o644);
    await exercise(dataDir);
    expectOwnerOnly(dataDir, ['ledger.sqlite', 'admin-token']);
  }, 60_000);

  it('given the CLI seeding a fresh data directory, then its files are owner-only too', async () => {
    const dataDir = join(tmp.path, 'cli-data');
    const result = await runLedgerCli(['seed', 'chumbivilcas-2018'], { LEDGER_DATA_DIR: dataDir });
    expect(result.code, result.stderr).toBe(0);
    expectOwnerOnly(dataDir, ['ledger.sqlite']);
  }, 60_000);
});
