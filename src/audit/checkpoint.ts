import { createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { canonicalJson } from './canonicalJson.ts';
import { checkpointText, parseCheckpointText } from './note/checkpointNote.ts';
import { checkNoteSignature, formatNote, parseNote, signNoteText, verifierKey } from './note/signedNote.ts';

/**
 * A signed tree head: the ledger's statement that its first `treeSize` events, in position order,
 * have Merkle root `rootHash` (src/audit/merkle.ts). An auditor holding two checkpoints can ask for
 * a consistency proof between them; one holding a checkpoint and an event, for an inclusion proof.
 */
export interface Checkpoint {
  treeSize: number;
  /** Lowercase hex MTH of the first treeSize leaves. */
  rootHash: string;
  /** ISO 8601 instant at which the ledger signed. */
  timestamp: string;
  /** Lowercase hex SHA-256 of the raw 32-byte Ed25519 public key. Names the key; not signed. */
  keyFingerprint: string;
  /**
   * Version 1: base64 (RFC 4648 §4, padded) Ed25519 signature over checkpointMessage().
   * Version 2 (with `note`): base64 of the ledger's note signature, key id included, as on its line.
   */
  signature: string;
  /** Version 2: the log's origin line (LEDGER_ORIGIN), also the name of its key. */
  origin?: string;
  /**
   * Version 2: the C2SP signed note (tlog-checkpoint text, blank line, signature lines). The
   * ledger's line comes first; witnesses' cosignature lines may follow. `timestamp` is not in it.
   */
  note?: string;
}

/** The signed facts of a checkpoint. */
export type TreeHead = Pick<Checkpoint, 'treeSize' | 'rootHash' | 'timestamp'>;

/** Constants of the signed message; a signature from another log or format version never verifies here. */
export const CHECKPOINT_LEDGER = 'transition-ledger';
export const CHECKPOINT_VERSION = 1;

const HEX_HASH = /^[0-9a-f]{64}$/;
/** An ISO 8601 instant in UTC, as Date.prototype.toISOString writes it (fraction optional). */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/**
 * The exact bytes signed: UTF-8 of the RFC 8785 canonical JSON of
 * `{"ledger":"transition-ledger","rootHash":…,"timestamp":…,"treeSize":…,"version":1}`
 * (keys sorted, no whitespace, treeSize a JSON integer). For example:
 * `{"ledger":"transition-ledger","rootHash":"e3b0…b855","timestamp":"2024-01-01T00:00:00.000Z","treeSize":0,"version":1}`
 */
export function checkpointMessage(head: TreeHead): Buffer {
  assertTreeHead(head);
  return Buffer.from(
    canonicalJson({
      ledger: CHECKPOINT_LEDGER,
      version: CHECKPOINT_VERSION,
      treeSize: head.treeSize,
      rootHash: head.rootHash,
      timestamp: head.timestamp,
    }),
    'utf8',
  );
}

/** Signs a tree head with the ledger's Ed25519 key. Pure apart from the signature itself. */
export function signCheckpoint(head: TreeHead, key: { privateKey: KeyObject; fingerprint: string }): Checkpoint {
  if (key.privateKey.asymmetricKeyType !== 'ed25519') throw new TypeError('checkpoints are signed with Ed25519 keys only');
  const signature = sign(null, checkpointMessage(head), key.privateKey).toString('base64');
  return { treeSize: head.treeSize, rootHash: head.rootHash, timestamp: head.timestamp, keyFingerprint: key.fingerprint, signature };
}

/**
 * Signs a tree head as a C2SP checkpoint note under `origin` (version 2). `timestamp` travels
 * beside the note, unsigned: a tlog-checkpoint carries no time, and cosignatures add their own.
 */
export function signCheckpointNote(head: TreeHead, key: { privateKey: KeyObject; fingerprint: string }, origin: string): Checkpoint {
  assertTreeHead(head);
  if (key.privateKey.asymmetricKeyType !== 'ed25519') throw new TypeError('checkpoints are signed with Ed25519 keys only');
  const text = checkpointText({ origin, treeSize: head.treeSize, rootHash: head.rootHash });
  const line = signNoteText(text, origin, key.privateKey);
  return {
    treeSize: head.treeSize, rootHash: head.rootHash, timestamp: head.timestamp, keyFingerprint: key.fingerprint,
    signature: line.slice(line.lastIndexOf(' ') + 1), origin, note: formatNote(text, [line]),
  };
}

/**
 * True iff the checkpoint is signed by `publicKey` (a KeyObject or SPKI PEM) and
 * `keyFingerprint` names that key. Version 1: `signature` over checkpointMessage(). Version 2: the
 * note parses, its text is exactly the checkpoint's origin, treeSize and rootHash, every line by
 * the key `<origin>+<key id>` verifies (there must be one), and `signature` is such a line's.
 * False, never a throw, for anything malformed.
 */
export function verifyCheckpointSignature(checkpoint: Checkpoint, publicKey: KeyObject | string): boolean {
  try {
    const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
    if (key.asymmetricKeyType !== 'ed25519') return false;
    if (checkpoint.keyFingerprint !== publicKeyFingerprint(key)) return false;
    if (checkpoint.note !== undefined || checkpoint.origin !== undefined) return verifyNoteCheckpoint(checkpoint, key);
    const signature = Buffer.from(checkpoint.signature, 'base64');
    // Buffer's base64 decoder skips junk; insist on the canonical 64-byte form.
    if (signature.length !== 64 || signature.toString('base64') !== checkpoint.signature) return false;
    return verify(null, checkpointMessage(checkpoint), key, signature);
  } catch {
    return false;
  }
}

function verifyNoteCheckpoint(c: Checkpoint, key: KeyObject): boolean {
  if (typeof c.note !== 'string' || typeof c.origin !== 'string') return false;
  const note = parseNote(c.note);
  const body = note && parseCheckpointText(note.text);
  if (!note || !body || body.origin !== c.origin || body.treeSize !== c.treeSize || body.rootHash !== c.rootHash) return false;
  const vkey = verifierKey(c.origin, key);
  if (checkNoteSignature(note, vkey) !== 'VERIFIED') return false;
  return note.signatures.some((s) => s.name === vkey.name && s.keyId === vkey.keyId && s.line.endsWith(` ${c.signature}`));
}

/** Lowercase hex SHA-256 of the raw 32-byte Ed25519 public key (the JWK `x`, not the DER wrapping). */
export function publicKeyFingerprint(publicKey: KeyObject): string {
  const jwk = publicKey.export({ format: 'jwk' });
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new TypeError('not an Ed25519 public key');
  return createHash('sha256').update(Buffer.from(jwk.x, 'base64url')).digest('hex');
}

function assertTreeHead(head: TreeHead): void {
  if (!Number.isSafeInteger(head.treeSize) || head.treeSize < 0) throw new TypeError(`invalid treeSize ${String(head.treeSize)}`);
  if (typeof head.rootHash !== 'string' || !HEX_HASH.test(head.rootHash)) throw new TypeError('rootHash must be 64 lowercase hex digits');
  if (typeof head.timestamp !== 'string' || !ISO_INSTANT.test(head.timestamp) || Number.isNaN(Date.parse(head.timestamp))) {
    throw new TypeError('timestamp must be an ISO 8601 UTC instant, e.g. 2024-03-01T12:00:00.000Z');
  }
}
