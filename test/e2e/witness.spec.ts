import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Checkpoint, publicKeyFingerprint, signCheckpointNote } from '../../src/audit/checkpoint.ts';
import { parseWitnessKey } from '../../src/audit/bundle/bundleTrust.ts';
import { exportLedgerBundle } from '../../src/audit/bundle/exportLedgerBundle.ts';
import { verifyBundle } from '../../src/audit/bundle/verifyBundle.ts';
import { leafHash, MemoryMerkleTree, toHex } from '../../src/audit/merkle.ts';
import { checkNoteSignature, parseNote, verifierKey } from '../../src/audit/note/signedNote.ts';
import { formatAddCheckpoint } from '../../src/audit/witness/addCheckpointRequest.ts';
import { parseWitnessEndpoints } from '../../src/audit/witness/witnessSubmitter.ts';
import { seedLedger } from '../../src/seed/seedLedger.ts';
import { startAuditTestLedger, type AuditTestLedger } from './support/auditTestLedger.ts';
import { startWitness, type WitnessProcess } from './support/witnessProcess.ts';

const lg = (lgId: string) => ({ type: 'LocalGovernmentRegistered', data: { lgId, name: `Municipalidad ${lgId}`, level: 'district', province: 'Chumbivilcas', department: 'Cusco' } });
const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const port = (s.address() as { port: number }).port;
    s.close(() => resolve(port));
  });
});
const post = (w: WitnessProcess, body: string) => fetch(new URL('add-checkpoint', w.url), { method: 'POST', body }).then(async (r) => ({ status: r.status, text: await r.text(), type: r.headers.get('content-type') }));

describe('a witness beside the ledger', () => {
  let root: string;
  let ledger: AuditTestLedger;
  let witness: WitnessProcess;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ledger-witness-'));
    // The ledger's key and origin exist before the witness is told about them.
    const first = await startAuditTestLedger({ dir: join(root, 'ledger') });
    const ledgerVkey = first.audit.verifierKey;
    await first.close();
    const port = await freePort();
    // The witness's key is made on its first start; then the ledger is started pointed at it while
    // it is down: writes must not wait for it.
    const witnessDir = join(root, 'witness');
    const probe = await startWitness({ dataDir: witnessDir, name: 'testigo.example/contraloria', logs: [ledgerVkey], port });
    const witnessVkey = probe.vkey;
    await probe.stop();
    ledger = await startAuditTestLedger({ dir: join(root, 'ledger'), witnesses: parseWitnessEndpoints(`${witnessVkey} http://127.0.0.1:${port}/`), witnessRetryMs: 100 });
    await seedLedger(ledger.record, 'chumbivilcas-2018');
    expect((await ledger.post('/api/audit/checkpoints')).statusCode).toBe(201);
    // Recorded while the witness is down and its submission is waiting to be retried.
    expect((await ledger.post('/api/events', lg('080799'))).statusCode).toBe(201);
    witness = await startWitness({ dataDir: witnessDir, name: 'testigo.example/contraloria', logs: [ledgerVkey], port });
  }, 120_000);
  afterAll(async () => {
    await ledger?.close();
    await witness?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('given a witness that was down, when it comes up, then the retried checkpoint is cosigned, served in /checkpoint and carried by the bundle', async () => {
    const key = parseWitnessKey(witness.vkey);
    await expect.poll(async () => checkNoteSignature(parseNote((await ledger.get('/checkpoint')).body)!, key), { timeout: 20_000, interval: 100 }).toBe('VERIFIED');
    // A new checkpoint goes to the witness with a consistency proof from the size it saw.
    expect((await ledger.post('/api/audit/checkpoints')).statusCode).toBe(201);
    await ledger.audit.witnesses!.idle();
    expect(checkNoteSignature(parseNote((await ledger.get('/checkpoint')).body)!, key)).toBe('VERIFIED');
    const dir = join(root, 'bundle');
    await exportLedgerBundle(ledger.store, dir, { dataDir: ledger.dir });
    const report = await verifyBundle(dir, { expectedVerifierKey: ledger.audit.verifierKey, witnesses: [key], quorum: 1 });
    expect(report.failures).toEqual([]);
    expect(report.cosignatures).toBe(1);
  }, 30_000);

  it('given a forked ledger with the same key and origin, when it submits, then the witness refuses (422) and the fork raises the integrity alarm in /api/health', async () => {
    const forkDir = join(root, 'fork');
    mkdirSync(forkDir);
    for (const f of ['signing-key.pem', 'ledger-origin']) copyFileSync(join(ledger.dir, f), join(forkDir, f));
    const fork = await startAuditTestLedger({ dir: forkDir, witnesses: parseWitnessEndpoints(`${witness.vkey} ${witness.url}`) });
    try {
      expect(fork.audit.verifierKey).toBe(ledger.audit.verifierKey);
      await seedLedger(fork.record, 'chumbivilcas-2018');
      for (const id of ['080790', '080791', '080792', '080793', '080794']) await fork.post('/api/events', lg(id));
      expect((await fork.post('/api/audit/checkpoints')).statusCode).toBe(201);
      await fork.audit.witnesses!.idle();
      const health = (await fork.get('/api/health')).json();
      expect(health).toMatchObject({ status: 'degraded', problems: [expect.objectContaining({ source: 'witness:testigo.example/contraloria', reason: expect.stringContaining('inconsistent') })] });
      expect(parseNote((await fork.get('/checkpoint')).body)!.signatures).toHaveLength(1);
    } finally {
      await fork.close();
    }
  }, 60_000);
});

describe('witness add-checkpoint, against a log key of the test’s own', () => {
  const log = generateKeyPairSync('ed25519');
  const logKey = { privateKey: log.privateKey, fingerprint: publicKeyFingerprint(log.publicKey) };
  const origin = 'ledger.example/prueba';
  const logVkey = verifierKey(origin, log.publicKey).vkey;
  let root: string;
  const trunk = new MemoryMerkleTree();
  const fork = new MemoryMerkleTree();
  const early = new MemoryMerkleTree();
  for (let i = 0; i < 40; i++) {
    const h = randomBytes(32).toString('hex');
    trunk.append(leafHash(h));
    // `fork` shares the first 10 leaves (extends trunk@10, not trunk@30); `early` only the first 5.
    fork.append(leafHash(i < 10 ? h : randomBytes(32).toString('hex')));
    early.append(leafHash(i < 5 ? h : randomBytes(32).toString('hex')));
  }
  const note = (tree: MemoryMerkleTree, size: number): Checkpoint => signCheckpointNote({ treeSize: size, rootHash: toHex(tree.root(size)), timestamp: '2026-12-01T00:00:00.000Z' }, logKey, origin);
  const body = (tree: MemoryMerkleTree, old: number, size: number) => formatAddCheckpoint(old, old === 0 ? [] : tree.consistencyProof(old, size), note(tree, size).note!);

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'ledger-witness-unit-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('answers per tlog-witness: 200 cosignature, 409 with its size, 422 for an inconsistent proof, 403 for a foreign signature, 404 for an unknown origin', async () => {
    const w = await startWitness({ dataDir: join(root, 'plain'), name: 'testigo.example/w', logs: [logVkey] });
    try {
      const first = await post(w, body(trunk, 0, 10));
      expect(first.status).toBe(200);
      expect(checkNoteSignature(parseNote(note(trunk, 10).note! + first.text)!, parseWitnessKey(w.vkey))).toBe('VERIFIED');
      expect(await post(w, body(trunk, 0, 20))).toMatchObject({ status: 409, text: '10\n', type: 'text/x.tlog.size' });
      expect((await post(w, body(early, 10, 20))).status).toBe(422);
      const other = generateKeyPairSync('ed25519');
      const foreign = signCheckpointNote({ treeSize: 20, rootHash: toHex(trunk.root(20)), timestamp: '2026-12-01T00:00:00.000Z' }, { privateKey: other.privateKey, fingerprint: publicKeyFingerprint(other.publicKey) }, origin);
      expect((await post(w, formatAddCheckpoint(10, trunk.consistencyProof(10, 20), foreign.note!))).status).toBe(403);
      const elsewhere = signCheckpointNote({ treeSize: 20, rootHash: toHex(trunk.root(20)), timestamp: '2026-12-01T00:00:00.000Z' }, logKey, 'ledger.example/otro');
      expect((await post(w, formatAddCheckpoint(0, [], elsewhere.note!))).status).toBe(404);
      expect((await post(w, 'nonsense')).status).toBe(400);
      expect((await post(w, body(trunk, 10, 20))).status).toBe(200);
    } finally {
      await w.stop();
    }
  }, 60_000);

  it.each(['after-persist', 'before-persist'] as const)('given a witness SIGKILLed %s while cosigning, when restarted and fed a fork, then it never cosigns two inconsistent trees', async (fault) => {
    const dataDir = join(root, fault);
    const cosigned: { tree: MemoryMerkleTree; size: number }[] = [];
    let w = await startWitness({ dataDir, name: 'testigo.example/w', logs: [logVkey] });
    expect((await post(w, body(trunk, 0, 10))).status).toBe(200);
    cosigned.push({ tree: trunk, size: 10 });
    await w.stop();

    w = await startWitness({ dataDir, name: 'testigo.example/w', logs: [logVkey], fault });
    await expect(post(w, body(trunk, 10, 30))).rejects.toThrow(); // the connection dies with the process
    expect(await w.exited).toBe('SIGKILL');

    w = await startWitness({ dataDir, name: 'testigo.example/w', logs: [logVkey] });
    try {
      // The fork from the size last answered, then from whatever size the witness now reports.
      for (const old of [10, 30]) {
        const res = await post(w, body(fork, old, 35));
        if (res.status === 200) cosigned.push({ tree: fork, size: 35 });
        if (res.status === 409 && old === 10) expect(res.text).toBe('30\n'); // only when trunk@30 was persisted
      }
      expect((await post(w, body(trunk, 10, 30))).status).not.toBe(500);
    } finally {
      await w.stop();
    }
    // Pairwise: the smaller cosigned tree is a prefix of the larger.
    for (const a of cosigned) for (const b of cosigned) {
      if (a.size <= b.size) expect(toHex(b.tree.root(a.size))).toBe(toHex(a.tree.root(a.size)));
    }
    if (fault === 'after-persist') expect(cosigned).toHaveLength(1);
  }, 90_000);
});
