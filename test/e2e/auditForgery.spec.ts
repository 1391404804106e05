import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_FILES } from '../../src/audit/bundle/bundleFormat.ts';
import type { BundleFailureKind, BundleReport } from '../../src/audit/bundle/bundleReport.ts';
import { parseTrustedCheckpoint, parseWitnessKey, type TrustedCheckpoint } from '../../src/audit/bundle/bundleTrust.ts';
import { exportLedgerBundle } from '../../src/audit/bundle/exportLedgerBundle.ts';
import { verifyBundle, type VerifyBundleOptions } from '../../src/audit/bundle/verifyBundle.ts';
import type { Checkpoint } from '../../src/audit/checkpoint.ts';
import { cosignNoteText, parseNote, SIG_COSIGNATURE_V1, verifierKey } from '../../src/audit/note/signedNote.ts';
import { seedLedger } from '../../src/seed/seedLedger.ts';
import { forgeBundle } from './support/forgeBundle.ts';
import { startAuditTestLedger } from './support/auditTestLedger.ts';

/**
 * The operator, or whoever holds the files, against the auditor: each forgery below is made the
 * way a careful forger would (hashes, chains and manifest recomputed), and the table says which
 * knowledge held outside the bundle catches it.
 */
let root: string;
let genuine: string;
let rolledBack: string;
let fingerprint: string;
let origin: string;
let realKey: import('node:crypto').KeyObject;
let earlier: TrustedCheckpoint;
let later: TrustedCheckpoint;
const witness = generateKeyPairSync('ed25519');
const witnessKey = verifierKey('testigo.example/contraloria', witness.publicKey, SIG_COSIGNATURE_V1);
const otherWitness = generateKeyPairSync('ed25519');
const otherWitnessKey = verifierKey('testigo.example/sociedad-civil', otherWitness.publicKey, SIG_COSIGNATURE_V1);
let n = 0;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'ledger-forgery-'));
  const ledger = await startAuditTestLedger({ dir: join(root, 'data') });
  await seedLedger(ledger.record, 'chumbivilcas-2018');
  expect((await ledger.post('/api/audit/checkpoints')).statusCode).toBe(201);
  earlier = parseTrustedCheckpoint((await ledger.get('/checkpoint')).body, 'earlier');
  rolledBack = join(root, 'rolled-back');
  await exportLedgerBundle(ledger.store, rolledBack, { dataDir: ledger.dir });

  const lg = { type: 'LocalGovernmentRegistered', data: { lgId: '080799', name: 'Municipalidad de Ejemplo', level: 'district', province: 'Chumbivilcas', department: 'Cusco' } };
  expect((await ledger.post('/api/events', lg)).statusCode).toBe(201);
  const created = (await ledger.post('/api/audit/checkpoints')).json() as Checkpoint;
  // The witness cosigns the later checkpoint, as `witness serve` would, and the ledger keeps it.
  const line = cosignNoteText(parseNote(created.note!)!.text, witnessKey.name, witness.privateKey, 1_764_547_200n);
  ledger.audit.log.addCosignature(created.treeSize, created.rootHash, line);
  later = parseTrustedCheckpoint((await ledger.get('/checkpoint')).body, 'later');
  genuine = join(root, 'genuine');
  await exportLedgerBundle(ledger.store, genuine, { dataDir: ledger.dir });
  fingerprint = ledger.audit.key.fingerprint;
  origin = ledger.audit.origin.origin;
  realKey = ledger.audit.key.privateKey;
  await ledger.close();
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const forged = (f: Parameters<typeof forgeBundle>[2]) => forgeBundle(genuine, join(root, `forged-${n++}`), f);
const kinds = (r: BundleReport) => [...new Set(r.failures.map((f) => f.kind))].sort();
const verify = (dir: string, options: VerifyBundleOptions = {}) => verifyBundle(dir, { expectedKeyFingerprint: fingerprint, ...options });
const expectCaught = (r: BundleReport, kind: BundleFailureKind) => {
  expect(r.ok).toBe(false);
  expect(kinds(r)).toContain(kind);
};

describe('a bundle against the operator', () => {
  it('given the genuine bundle, then it verifies with the pinned key, both trusted checkpoints and the witness quorum', async () => {
    const r = await verify(genuine, { trustedCheckpoints: [earlier, later], witnesses: [witnessKey], quorum: 1 });
    expect(r.failures).toEqual([]);
    expect(r).toMatchObject({ ok: true, uncheckpointedEvents: 0, origin, cosignatures: 1, trustedCheckpointsChecked: 2 });
  });

  it('given history rewritten by someone without the key, every checkpoint removed, then it fails by default (UNSIGNED_TAIL)', async () => {
    const dir = forged({ rewriteStream: 'lg-080707', dropCheckpointEvents: true, checkpoints: 'none' });
    const r = await verify(dir);
    expect(kinds(r)).toEqual(['UNSIGNED_TAIL']);
    // Accepted only when asked, and then counted.
    const allowed = await verify(dir, { allowUnsignedTail: true });
    expect(allowed).toMatchObject({ ok: true, uncheckpointedEvents: allowed.eventsChecked });
  });

  it('given a rollback to an earlier, genuine bundle, then a trusted later checkpoint catches it (ROLLBACK)', async () => {
    expect((await verify(rolledBack)).ok).toBe(true); // the bundle alone cannot know what came after it
    expectCaught(await verify(rolledBack, { trustedCheckpoints: [later] }), 'ROLLBACK');
  });

  it('given history rewritten and re-signed with the real key, then a trusted earlier checkpoint (FORK) or the witness quorum catches it', async () => {
    const dir = forged({ rewriteStream: 'lg-080707', dropCheckpointEvents: true, checkpoints: { key: realKey, origin } });
    expect((await verify(dir)).ok).toBe(true); // signed by the ledger's own key: nothing inside contradicts it
    expectCaught(await verify(dir, { trustedCheckpoints: [earlier] }), 'FORK');
    expectCaught(await verify(dir, { witnesses: [witnessKey], quorum: 1 }), 'QUORUM_NOT_MET');
  });

  it('given the latest checkpoint dropped from checkpoints.json, the manifest fixed, then the log’s CheckpointSigned event betrays it (CHECKPOINTS_DISAGREE)', async () => {
    const dir = forged({ checkpoints: (cps) => cps.slice(0, -1) });
    expectCaught(await verify(dir, { allowUnsignedTail: true }), 'CHECKPOINTS_DISAGREE');
  });

  it('given a checkpoint in checkpoints.json swapped for another genuinely signed one, then CHECKPOINTS_DISAGREE', async () => {
    const dir = forged({ checkpoints: (cps) => cps.map((c, i) => (i === 0 ? { ...c, timestamp: '2019-01-01T00:00:00.000Z' } : c)) });
    expectCaught(await verify(dir), 'CHECKPOINTS_DISAGREE');
  });

  it('given history re-signed with a key of the forger’s own, then only the pinned fingerprint or a trusted checkpoint catches it', async () => {
    const intruder = generateKeyPairSync('ed25519');
    const dir = forged({
      rewriteStream: 'lg-080707', dropCheckpointEvents: true, checkpoints: { key: intruder.privateKey, origin },
      publicKeyPem: intruder.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    });
    expect((await verifyBundle(dir)).ok).toBe(true); // no pinned key: the bundle vouches for itself
    expectCaught(await verify(dir), 'BAD_SIGNATURE');
    expectCaught(await verifyBundle(dir, { trustedCheckpoints: [earlier] }), 'BAD_SIGNATURE');
    const pinnedVkey = verifierKey(origin, (await import('node:crypto')).createPublicKey(realKey)).vkey;
    expectCaught(await verifyBundle(dir, { expectedVerifierKey: pinnedVkey }), 'BAD_SIGNATURE');
  });

  it('given a forged cosignature under the witness’s name and key id, then BAD_COSIGNATURE; given none, QUORUM_NOT_MET', async () => {
    const forgedLine = (note: string) => {
      const lines = note.split('\n');
      const i = lines.findIndex((l) => l.startsWith(`— ${witnessKey.name} `));
      const bytes = Buffer.from(lines[i]!.split(' ')[2]!, 'base64');
      bytes[20] = bytes[20]! ^ 0xff;
      lines[i] = `— ${witnessKey.name} ${bytes.toString('base64')}`;
      return lines.join('\n');
    };
    const bad = forged({ checkpoints: (cps) => cps.map((c, i) => (i === cps.length - 1 ? { ...c, note: forgedLine(c.note!) } : c)) });
    expectCaught(await verify(bad, { witnesses: [witnessKey] }), 'BAD_COSIGNATURE');
    expectCaught(await verify(genuine, { witnesses: [witnessKey, otherWitnessKey], quorum: 2 }), 'QUORUM_NOT_MET');
  });

  it('given a witness vkey of the wrong type, then it is refused with a sentence', () => {
    expect(() => parseWitnessKey(verifierKey('testigo.example/x', witness.publicKey).vkey)).toThrow(/type 0x04/);
  });
});

describe('events.jsonl byte for byte', () => {
  const edited = (edit: (text: string) => string) => {
    const dir = forgeBundle(genuine, join(root, `bytes-${n++}`), {});
    const file = join(dir, BUNDLE_FILES.events);
    writeFileSync(file, edit(readFileSync(file, 'utf8')));
    return dir;
  };

  it('given a line re-serialized with whitespace, then MALFORMED at that line', async () => {
    const dir = edited((t) => t.replace(/\n/, '\n ').replace(/^(.*?)\n /, (_m, first: string) => `${JSON.stringify(JSON.parse(first), null, 1).replaceAll('\n', '')}\n`));
    const r = await verify(dir);
    expect(r.failures).toContainEqual(expect.objectContaining({ kind: 'MALFORMED', line: 1, message: expect.stringContaining('canonical') }));
  });

  it('given the final newline removed, then MALFORMED', async () => {
    const r = await verify(edited((t) => t.slice(0, -1)));
    expect(r.failures).toContainEqual(expect.objectContaining({ kind: 'MALFORMED', message: expect.stringContaining('newline') }));
  });

  it('given bytes that are not UTF-8, or an escaped lone surrogate, then MALFORMED', async () => {
    const dir = forgeBundle(genuine, join(root, `bytes-${n++}`), {});
    const file = join(dir, BUNDLE_FILES.events);
    const bytes = readFileSync(file);
    const at = bytes.indexOf(Buffer.from('Chumbivilcas'));
    bytes[at] = 0xff;
    writeFileSync(file, bytes);
    expect((await verify(dir)).failures).toContainEqual(expect.objectContaining({ kind: 'MALFORMED', message: expect.stringContaining('UTF-8') }));
    const surrogate = await verify(edited((t) => t.replace('Chumbivilcas', 'Chumbi\\ud800vilcas')));
    expect(surrogate.failures).toContainEqual(expect.objectContaining({ kind: 'MALFORMED', message: expect.stringContaining('surrogate') }));
  });
});
