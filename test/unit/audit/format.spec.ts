import { CHECKPOINT_STREAM } from '../../../src/audit/log/checkpointEvent.ts';
import { SYSTEM_STREAMS } from '../../../src/domain/streams.ts';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeEventLine, encodeEventLine } from '../../../src/audit/bundle/bundleFormat.ts';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { checkpointMessage, publicKeyFingerprint, signCheckpointNote } from '../../../src/audit/checkpoint.ts';
import { checkNoteSignature, cosignNoteText, parseNote, parseVerifierKey, rawEd25519, SIG_COSIGNATURE_V1, verifierKey } from '../../../src/audit/note/signedNote.ts';
import { canonicalJson } from '../../../src/audit/canonicalJson.ts';
import { eventHash, GENESIS_HASH, type HashedFields } from '../../../src/audit/eventHash.ts';
import { leafHash, merkleRoot, toHex } from '../../../src/audit/merkle.ts';

const FORMAT_MD = readFileSync(new URL('../../../src/audit/bundle/FORMAT.md', import.meta.url), 'utf8');

// The worked example of FORMAT.md §6.
const first: HashedFields = {
  stream: 'plan-pdlc-2019',
  revision: 0n,
  id: '6f1c9e5e-1d0a-4c55-9a63-2f0f6b1e7a01',
  type: 'PlanDrafted',
  schemaVersion: 1,
  data: { planId: 'pdlc-2019', title: 'Plan de Desarrollo Local Concertado', draftedOn: '2019-03-15' },
  recordedAt: '2019-03-15T14:02:11.000Z',
  actor: 'registrar',
  metadata: { role: 'registrar' },
  prevHash: GENESIS_HASH,
};
const firstHash = eventHash(first);
const second: HashedFields = {
  ...first,
  revision: 1n,
  id: '6f1c9e5e-1d0a-4c55-9a63-2f0f6b1e7a02',
  type: 'PlanAdopted',
  data: { planId: 'pdlc-2019', adoptedOn: '2019-04-02', ordinance: 'OM-007-2019' },
  recordedAt: '2019-04-02T09:30:00.000Z',
  prevHash: firstHash,
};
const secondHash = eventHash(second);

describe('FORMAT.md', () => {
  it('quotes the hash input, the hashes, the leaves, the root and the signed message the code computes', () => {
    const { revision, ...rest } = first;
    const hashInput = canonicalJson({ ...rest, revision: revision.toString() });
    const leaves = [leafHash(firstHash), leafHash(secondHash)];
    const root = toHex(merkleRoot(leaves));
    const message = checkpointMessage({ treeSize: 2, rootHash: root, timestamp: '2019-04-02T10:00:00.000Z' }).toString('utf8');
    for (const quoted of [hashInput, firstHash, secondHash, ...leaves.map(toHex), root, message]) {
      expect(FORMAT_MD).toContain(quoted);
    }
  });

  it('quotes the keys, vkeys, checkpoint note and cosignature of the worked example as the code computes them', () => {
    // RFC 8032 private keys from 32-byte seeds, wrapped in PKCS#8 for node:crypto.
    const seedKey = (byte: number) => createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.alloc(32, byte)]), format: 'der', type: 'pkcs8' });
    const ledger = seedKey(0x11);
    const witness = seedKey(0x22);
    const root = toHex(merkleRoot([leafHash(firstHash), leafHash(secondHash)]));
    const origin = 'ledger.example.gob.pe/chumbivilcas';
    const c = signCheckpointNote({ treeSize: 2, rootHash: root, timestamp: '2019-04-02T10:00:00.000Z' }, { privateKey: ledger, fingerprint: publicKeyFingerprint(createPublicKey(ledger)) }, origin);
    const vkey = verifierKey(origin, createPublicKey(ledger));
    const wvkey = verifierKey('testigo.example.pe/contraloria', createPublicKey(witness), SIG_COSIGNATURE_V1);
    const cosignature = cosignNoteText(parseNote(c.note!)!.text, wvkey.name, witness, 1554199200n);
    const note = `${c.note!}${cosignature}\n`;
    for (const quoted of [
      rawEd25519(createPublicKey(ledger)).toString('hex'), publicKeyFingerprint(createPublicKey(ledger)), rawEd25519(createPublicKey(witness)).toString('hex'),
      vkey.vkey, vkey.keyId.toString(16), wvkey.vkey, note.trimEnd(),
    ]) expect(FORMAT_MD).toContain(quoted);
    expect(checkNoteSignature(parseNote(note)!, parseVerifierKey(vkey.vkey)!)).toBe('VERIFIED');
    expect(checkNoteSignature(parseNote(note)!, parseVerifierKey(wvkey.vkey)!)).toBe('VERIFIED');
  });

  it('documents every failure kind the verifier reports', () => {
    const kinds = ['HASH_MISMATCH', 'PREV_HASH_MISMATCH', 'REVISION_GAP', 'POSITION_ORDER', 'DUPLICATE_ID', 'ROOT_MISMATCH',
      'BAD_SIGNATURE', 'INCONSISTENT_CHECKPOINTS', 'TRUNCATED', 'MALFORMED', 'UNSIGNED_TAIL', 'CHECKPOINTS_DISAGREE', 'ROLLBACK',
      'FORK', 'BAD_COSIGNATURE', 'QUORUM_NOT_MET'];
    for (const kind of kinds) expect(FORMAT_MD).toContain(`\`${kind}\``);
  });

  it('an event line round-trips, with position and revision as decimal strings', () => {
    const stored = { ...second, position: 9007199254740993n, hash: secondHash };
    const line = encodeEventLine(stored);
    expect(line).toContain('"position":"9007199254740993"');
    expect(line).toContain('"revision":"1"');
    expect(decodeEventLine(line)).toEqual({ ok: true, event: stored });
  });

  it('an event line with a mistyped, missing or unknown field is refused', () => {
    const line = JSON.parse(encodeEventLine({ ...first, position: 1n, hash: firstHash })) as Record<string, unknown>;
    expect(decodeEventLine(JSON.stringify({ ...line, revision: 0 }))).toMatchObject({ ok: false, message: 'revision must be a string' });
    expect(decodeEventLine(JSON.stringify({ ...line, position: '01' }))).toMatchObject({ ok: false, message: 'position must be a decimal string' });
    const { actor: _actor, ...noActor } = line;
    expect(decodeEventLine(JSON.stringify(noActor))).toMatchObject({ ok: false, message: 'missing field(s): actor', id: first.id });
    expect(decodeEventLine(JSON.stringify({ ...line, metadata: { n: 1 } }))).toMatchObject({ ok: false });
    expect(decodeEventLine('[]')).toMatchObject({ ok: false, message: 'line is not a JSON object' });
  });
});

describe('the offline verifier', () => {
  it('depends only on node built-ins, canonicalize and the pure audit modules (transitively)', () => {
    const allowedFiles = new Set<string>();
    const external = new Set<string>();
    const visit = (url: URL) => {
      if (allowedFiles.has(url.pathname)) return;
      allowedFiles.add(url.pathname);
      const source = readFileSync(url, 'utf8');
      // `import type` is erased at run time and brings in no code.
      for (const m of source.matchAll(/^import (?!type )[^;]*? from '([^']+)';/gms)) {
        const spec = m[1]!;
        if (spec.startsWith('.')) visit(new URL(spec, url));
        else external.add(spec);
      }
    };
    for (const f of ['verifyBundle.ts', 'writeBundle.ts']) visit(new URL(`../../../src/audit/bundle/${f}`, import.meta.url));
    expect([...external].filter((s) => !s.startsWith('node:')).sort()).toEqual(['canonicalize']);
    const local = [...allowedFiles].map((p) => p.slice(p.indexOf('/src/') + 1)).sort();
    expect(local.every((p) => p.startsWith('src/audit/'))).toBe(true);
  });

  it('names the checkpoint stream as the domain names its system streams', () => {
    expect(CHECKPOINT_STREAM).toBe(SYSTEM_STREAMS.checkpoints);
  });
});
