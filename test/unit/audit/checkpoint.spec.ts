import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type Checkpoint,
  checkpointMessage,
  publicKeyFingerprint,
  signCheckpoint,
  verifyCheckpointSignature,
} from '../../../src/audit/checkpoint.ts';

const newKey = () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, fingerprint: publicKeyFingerprint(publicKey) };
};
const ROOT = createHash('sha256').update('root').digest('hex');
const HEAD = { treeSize: 42, rootHash: ROOT, timestamp: '2024-03-01T12:00:00.000Z' };

describe('checkpoints', () => {
  it('the signed message is the canonical JSON of ledger, rootHash, timestamp, treeSize and version', () => {
    expect(checkpointMessage(HEAD).toString('utf8')).toBe(
      `{"ledger":"transition-ledger","rootHash":"${ROOT}","timestamp":"2024-03-01T12:00:00.000Z","treeSize":42,"version":1}`,
    );
  });

  it('given a signed checkpoint, then it verifies with the signer’s public key, as a KeyObject or PEM', () => {
    const key = newKey();
    const checkpoint = signCheckpoint(HEAD, key);
    expect(checkpoint).toMatchObject({ ...HEAD, keyFingerprint: key.fingerprint });
    expect(Buffer.from(checkpoint.signature, 'base64')).toHaveLength(64);
    expect(verifyCheckpointSignature(checkpoint, key.publicKey)).toBe(true);
    expect(verifyCheckpointSignature(checkpoint, key.publicKey.export({ format: 'pem', type: 'spki' }).toString())).toBe(true);
  });

  it('rejects a checkpoint whose any signed field was changed', () => {
    const key = newKey();
    const checkpoint = signCheckpoint(HEAD, key);
    const tampered: Checkpoint[] = [
      { ...checkpoint, treeSize: 43 },
      { ...checkpoint, rootHash: createHash('sha256').update('other').digest('hex') },
      { ...checkpoint, timestamp: '2024-03-01T12:00:00.001Z' },
    ];
    for (const c of tampered) expect(verifyCheckpointSignature(c, key.publicKey)).toBe(false);
  });

  it('rejects a signature by another key, a wrong fingerprint, a mangled signature and a non-Ed25519 key', () => {
    const key = newKey();
    const other = newKey();
    const checkpoint = signCheckpoint(HEAD, key);
    const forged = signCheckpoint(HEAD, { privateKey: other.privateKey, fingerprint: key.fingerprint });
    expect(verifyCheckpointSignature(forged, key.publicKey)).toBe(false);
    expect(verifyCheckpointSignature({ ...checkpoint, keyFingerprint: other.fingerprint }, key.publicKey)).toBe(false);
    expect(verifyCheckpointSignature({ ...checkpoint, signature: `${checkpoint.signature.slice(0, -4)}AAA=` }, key.publicKey)).toBe(false);
    expect(verifyCheckpointSignature({ ...checkpoint, signature: `!${checkpoint.signature}` }, key.publicKey)).toBe(false);
    expect(verifyCheckpointSignature({ ...checkpoint, signature: '' }, key.publicKey)).toBe(false);
    expect(verifyCheckpointSignature(checkpoint, 'not a pem')).toBe(false);
    expect(verifyCheckpointSignature(checkpoint, generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey)).toBe(false);
  });

  it('refuses to sign a malformed tree head', () => {
    const key = newKey();
    expect(() => signCheckpoint({ ...HEAD, treeSize: -1 }, key)).toThrow(TypeError);
    expect(() => signCheckpoint({ ...HEAD, treeSize: 1.5 }, key)).toThrow(TypeError);
    expect(() => signCheckpoint({ ...HEAD, rootHash: ROOT.toUpperCase() }, key)).toThrow(TypeError);
    expect(() => signCheckpoint({ ...HEAD, timestamp: 'yesterday' }, key)).toThrow(TypeError);
    expect(() => signCheckpoint({ ...HEAD, timestamp: 'March 1, 2024' }, key)).toThrow(TypeError);
    expect(() => signCheckpoint({ ...HEAD, timestamp: '2024-03-01T12:00:00+05:00' }, key)).toThrow(TypeError);
  });

  it('given a CheckpointSigned event of schema version 1, then it still reads as a checkpoint and verifies; version 2 carries origin and note', async () => {
    const { toCheckpoint } = await import('../../../src/audit/log/checkpointEvent.ts');
    const { signCheckpointNote } = await import('../../../src/audit/checkpoint.ts');
    const key = newKey();
    const event = (schemaVersion: number, data: unknown) => ({
      id: 'e', stream: 'audit-checkpoints', revision: 0n, position: 7n, type: 'CheckpointSigned', schemaVersion, data,
      recordedAt: HEAD.timestamp, actor: 'ledger', metadata: {}, prevHash: '0'.repeat(64), hash: '0'.repeat(64),
    });
    const v1 = toCheckpoint(event(1, signCheckpoint(HEAD, key)))!;
    expect(v1.note).toBeUndefined();
    expect(verifyCheckpointSignature(v1, key.publicKey)).toBe(true);
    const v2 = toCheckpoint(event(2, signCheckpointNote(HEAD, key, 'ledger.example/pe')))!;
    expect(v2).toMatchObject({ origin: 'ledger.example/pe', note: expect.stringContaining('ledger.example/pe\n42\n') });
    expect(verifyCheckpointSignature(v2, key.publicKey)).toBe(true);
    expect(toCheckpoint(event(2, signCheckpoint(HEAD, key)))).toBeUndefined(); // version 2 without its note
  });
});
