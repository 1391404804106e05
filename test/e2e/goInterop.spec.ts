import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosignNoteText, parseNote } from '../../src/audit/note/signedNote.ts';
import { seedLedger } from '../../src/seed/seedLedger.ts';
import { startAuditTestLedger, type AuditTestLedger } from './support/auditTestLedger.ts';
import { generateKeyPairSync } from 'node:crypto';

const run = promisify(execFile);

const X_MOD = '/usr/share/gocode/src/golang.org/x/mod/sumdb';
function goVersion(): string | undefined {
  try {
    return existsSync(X_MOD) ? execFileSync('go', ['version'], { encoding: 'utf8' }).trim() : undefined;
  } catch {
    return undefined;
  }
}
const go = goVersion();
if (!go) console.log(`Go interop spec skipped: no \`go\` on PATH or no ${X_MOD} (apt-get install golang-go golang-golang-x-mod-dev, as .ci/run does)`);

/**
 * Go's golang.org/x/mod/sumdb/note and sumdb/tlog (Debian's golang-golang-x-mod-dev, GOPATH mode,
 * no network) verify a running ledger: test/interop/tlogcheck.go.
 */
describe.skipIf(!go)('interoperability with Go’s sumdb/note and sumdb/tlog', () => {
  let ledger: AuditTestLedger;
  let dir: string;
  let base: string;
  let binary: string;
  let ids: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-go-'));
    copyFileSync('test/interop/tlogcheck.go', join(dir, 'tlogcheck.go'));
    binary = join(dir, 'tlogcheck');
    const env = { ...process.env, GO111MODULE: 'off', GOPATH: '/usr/share/gocode', GOCACHE: join(dir, 'cache'), GOFLAGS: '', GOPROXY: 'off' };
    await run('go', ['build', '-o', binary, 'tlogcheck.go'], { cwd: dir, env });

    ledger = await startAuditTestLedger();
    await seedLedger(ledger.record, 'chumbivilcas-2018');
    expect((await ledger.post('/api/audit/checkpoints')).statusCode).toBe(201);
    writeFileSync(join(dir, 'old.note'), (await ledger.get('/checkpoint')).body);
    for (let i = 0; i < 260; i++) {
      const lgId = String(100000 + i);
      await ledger.post('/api/events', { type: 'LocalGovernmentRegistered', data: { lgId, name: `Municipalidad ${lgId}`, level: 'district', province: 'Chumbivilcas', department: 'Cusco' } });
    }
    const latest = (await ledger.post('/api/audit/checkpoints')).json();
    // A witness cosignature on the served note: Go must ignore a signature of a key it does not know.
    const witness = generateKeyPairSync('ed25519');
    ledger.audit.log.addCosignature(latest.treeSize, latest.rootHash, cosignNoteText(parseNote(latest.note)!.text, 'testigo.example/w1', witness.privateKey, 1_764_547_200n));
    ids = (await ledger.get('/api/events?limit=500')).json().events.filter((_: unknown, i: number) => i % 97 === 0).map((e: { id: string }) => e.id);
    await ledger.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(ledger.app.server.address() as AddressInfo).port}`;
  }, 180_000);
  afterAll(async () => {
    await ledger?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`given the served note, tiles and proofs, when Go (${go}) checks them, then the note, tree, entries and every proof verify`, async () => {
    const vkey = (await ledger.get('/api/audit/public-key')).json().verifierKey;
    const { stdout } = await run(binary, [base, vkey, join(dir, 'old.note'), ...ids]);
    expect(stdout).toContain('OK vectors');
    expect(stdout).toMatch(/OK note: \/checkpoint verifies with the vkey \(origin transition-ledger\.invalid\/[0-9a-f]{16}, size \d+\)/);
    expect(stdout).toContain('OK tiles');
    expect(stdout).toMatch(/OK entries: all \d+ entries/);
    expect(stdout).toContain(`OK inclusion: ${ids.length} served proofs`);
    expect(stdout).toMatch(/OK consistency: \d+ -> \d+/);
  }, 60_000);

  it('given a note signed by another key under the same vkey, when Go checks it, then it refuses', async () => {
    const vkey = (await ledger.get('/api/audit/public-key')).json().verifierKey as string;
    const other = generateKeyPairSync('ed25519');
    const raw = Buffer.from(other.publicKey.export({ format: 'jwk' }).x!, 'base64url');
    const [name, id] = vkey.split('+');
    const forged = `${name}+${id}+${Buffer.concat([Buffer.from([1]), raw]).toString('base64')}`;
    await expect(run(binary, [base, forged, join(dir, 'old.note')])).rejects.toMatchObject({ stderr: expect.stringContaining('FAIL') });
  });
});
