import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { publicKeyFingerprint, signCheckpoint, signCheckpointNote, verifyCheckpointSignature } from '../../../src/audit/checkpoint.ts';
import { checkpointText, parseCheckpointText } from '../../../src/audit/note/checkpointNote.ts';
import {
  checkNoteSignature, cosignNoteText, formatNote, keyIdOf, parseNote, parseVerifierKey, rawEd25519, SIG_COSIGNATURE_V1, verifierKey,
} from '../../../src/audit/note/signedNote.ts';

// The example of c2sp.org/signed-note, §Verifier keys.
const SPEC_VKEY = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k';
const SPEC_NOTE = 'This is an example message.\n\n— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n';
const ROOT = createHash('sha256').update('root').digest('hex');

const newKey = () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, fingerprint: publicKeyFingerprint(publicKey) };
};

describe('C2SP signed notes', () => {
  it('given the signed-note specification’s example vkey, then its example note verifies and its key id recomputes', () => {
    const key = parseVerifierKey(SPEC_VKEY)!;
    expect(key).toMatchObject({ name: 'example.com/foo', keyId: 0x530d903a, type: 0x01 });
    expect(keyIdOf('example.com/foo', 0x01, rawEd25519(key.publicKey))).toBe(0x530d903a);
    expect(verifierKey('example.com/foo', key.publicKey).vkey).toBe(SPEC_VKEY);
    const note = parseNote(SPEC_NOTE)!;
    expect(note.text).toBe('This is an example message.\n');
    expect(checkNoteSignature(note, key)).toBe('VERIFIED');
  });

  it('given the example note with one changed byte of text, then the known key’s signature fails', () => {
    const note = parseNote(SPEC_NOTE.replace('example', 'exemple'))!;
    expect(checkNoteSignature(note, parseVerifierKey(SPEC_VKEY)!)).toBe('BAD_SIGNATURE');
  });

  it('given a vkey whose key id does not match its name and key, then it is refused', () => {
    expect(parseVerifierKey(SPEC_VKEY.replace('530d903a', '530d903b'))).toBeUndefined();
    expect(parseVerifierKey(SPEC_VKEY.replace('example.com/foo', 'example.com/bar'))).toBeUndefined();
  });

  it.each([
    ['no final newline', SPEC_NOTE.slice(0, -1)],
    ['no blank line', SPEC_NOTE.replace('\n\n', '\n')],
    ['a control character', SPEC_NOTE.replace('This', 'Th\tis')],
    ['a lone surrogate', SPEC_NOTE.replace('This', 'Th\uD800is')],
    ['a signature line without em dash', SPEC_NOTE.replace('—', '-')],
    ['non-canonical base64', SPEC_NOTE.replace('aQM=', 'aQN=')],
  ])('given a note with %s, then it does not parse', (_what, text) => {
    expect(parseNote(text)).toBeUndefined();
  });

  it('the checkpoint text is origin, decimal size and base64 root, each ending in a newline', () => {
    const text = checkpointText({ origin: 'ledger.example/pe', treeSize: 2, rootHash: ROOT });
    expect(text).toBe(`ledger.example/pe\n2\n${Buffer.from(ROOT, 'hex').toString('base64')}\n`);
    expect(parseCheckpointText(text)).toEqual({ origin: 'ledger.example/pe', treeSize: 2, rootHash: ROOT });
    expect(parseCheckpointText(text.replace('\n2\n', '\n02\n'))).toBeUndefined();
    expect(parseCheckpointText(`${text}extension\n`)).toBeUndefined();
  });

  it('given a version 2 checkpoint, then its note verifies with the vkey, and v1 checkpoints still verify', () => {
    const key = newKey();
    const head = { treeSize: 7, rootHash: ROOT, timestamp: '2024-03-01T12:00:00.000Z' };
    const c = signCheckpointNote(head, key, 'ledger.example/pe');
    expect(verifyCheckpointSignature(c, key.publicKey)).toBe(true);
    expect(checkNoteSignature(parseNote(c.note!)!, verifierKey('ledger.example/pe', key.publicKey))).toBe('VERIFIED');
    expect(verifyCheckpointSignature(signCheckpoint(head, key), key.publicKey)).toBe(true);
  });

  it.each([
    ['another tree size', (c: ReturnType<typeof signCheckpointNote>) => ({ ...c, treeSize: 8 })],
    ['another root', (c: ReturnType<typeof signCheckpointNote>) => ({ ...c, rootHash: '0'.repeat(64) })],
    ['another origin', (c: ReturnType<typeof signCheckpointNote>) => ({ ...c, origin: 'ledger.example/other' })],
    ['a note without its origin', (c: ReturnType<typeof signCheckpointNote>) => ({ ...c, origin: undefined })],
  ])('given a version 2 checkpoint edited to %s, then it does not verify', (_what, edit) => {
    const key = newKey();
    const c = signCheckpointNote({ treeSize: 7, rootHash: ROOT, timestamp: '2024-03-01T12:00:00.000Z' }, key, 'ledger.example/pe');
    expect(verifyCheckpointSignature(edit(c), key.publicKey)).toBe(false);
  });

  it('given a cosignature, then it verifies with the witness vkey (type 0x04) over the note text, and not with a 0x01 key', () => {
    const witness = newKey();
    const text = checkpointText({ origin: 'ledger.example/pe', treeSize: 7, rootHash: ROOT });
    const line = cosignNoteText(text, 'witness.example/w1', witness.privateKey, 1_700_000_000n);
    const note = parseNote(formatNote(text, [line]))!;
    expect(checkNoteSignature(note, verifierKey('witness.example/w1', witness.publicKey, SIG_COSIGNATURE_V1))).toBe('VERIFIED');
    expect(checkNoteSignature(note, verifierKey('witness.example/w1', witness.publicKey))).toBe('ABSENT');
  });
});
