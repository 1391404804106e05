import { createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';

/**
 * C2SP signed notes (c2sp.org/signed-note): a text ending in a newline, a blank line, then one
 * `— <name> base64(keyId || signature)` line per signature. Only what a checkpoint needs: Ed25519
 * (type 0x01) and Ed25519 timestamped cosignatures (type 0x04, c2sp.org/tlog-cosignature).
 */

export const SIG_ED25519 = 0x01;
export const SIG_COSIGNATURE_V1 = 0x04;

/** One signature line, decoded. */
export interface NoteSignature {
  name: string;
  /** uint32 key id, the first 4 bytes of the decoded signature. */
  keyId: number;
  /** The bytes after the key id. */
  signature: Buffer;
  /** The line as it appears, without its final newline. */
  line: string;
}

export interface ParsedNote {
  /** The signed text: every line up to and including the newline before the blank line. */
  text: string;
  signatures: NoteSignature[];
}

const EM_DASH = '\u2014';
/** Key names: non-empty, no Unicode space, no plus (signed-note §Format). */
const KEY_NAME = /^[^\s+\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/u;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** A note this large is refused unread: 16 Ed25519 signatures fit many times over. */
export const MAX_NOTE_BYTES = 1 << 16;

export function isKeyName(name: string): boolean {
  return KEY_NAME.test(name) && !/\p{Cc}/u.test(name);
}

/** Strict standard base64 (RFC 4648 §4, padded): Buffer's own decoder skips junk. */
export function decodeBase64(text: string): Buffer | undefined {
  if (!BASE64.test(text) || text.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

/**
 * Splits a note into its text and signature lines; undefined when it is not a well-formed note:
 * not well-formed UTF-16 (so not UTF-8 once encoded), a control character other than newline, no
 * blank line before the signatures, a signature line that does not parse, or no signature at all.
 */
export function parseNote(note: string): ParsedNote | undefined {
  if (note.length > MAX_NOTE_BYTES || !isWellFormed(note) || /[\u0000-\u0009\u000b-\u001f\u007f]/.test(note)) return undefined;
  if (!note.endsWith('\n')) return undefined;
  // The text ends at the last blank line: "\n\n" then only signature lines.
  const split = note.lastIndexOf('\n\n');
  if (split < 0) return undefined;
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  const signatures: NoteSignature[] = [];
  for (const line of lines) {
    const m = /^\u2014 (\S+) (\S+)$/u.exec(line);
    if (!m || !isKeyName(m[1]!)) return undefined;
    const bytes = decodeBase64(m[2]!);
    if (!bytes || bytes.length < 5) return undefined;
    signatures.push({ name: m[1]!, keyId: bytes.readUInt32BE(0), signature: bytes.subarray(4), line });
  }
  if (signatures.length === 0) return undefined;
  return { text, signatures };
}

/** The note: text, blank line, one line per signature. */
export function formatNote(text: string, signatureLines: readonly string[]): string {
  return `${text}\n${signatureLines.map((l) => `${l}\n`).join('')}`;
}

/** `— <name> base64(keyId || signature)`, without a newline. */
export function signatureLine(name: string, keyId: number, signature: Uint8Array): string {
  const id = Buffer.alloc(4);
  id.writeUInt32BE(keyId >>> 0);
  return `${EM_DASH} ${name} ${Buffer.concat([id, signature]).toString('base64')}`;
}

/** key ID = SHA-256(name || 0x0A || type || public key)[:4], big-endian (signed-note §Signatures). */
export function keyIdOf(name: string, type: number, rawPublicKey: Uint8Array): number {
  return createHash('sha256').update(name, 'utf8').update(Buffer.from([0x0a, type])).update(rawPublicKey).digest().readUInt32BE(0);
}

/** The 32 raw bytes of an Ed25519 public key (RFC 8032 encoding). */
export function rawEd25519(publicKey: KeyObject): Buffer {
  const jwk = publicKey.export({ format: 'jwk' });
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new TypeError('not an Ed25519 public key');
  return Buffer.from(jwk.x, 'base64url');
}

/** A KeyObject for 32 raw Ed25519 public-key bytes. */
export function ed25519FromRaw(raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw new TypeError('an Ed25519 public key has 32 bytes');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });
}

/** A verifier key: name, key id and type, with the public key to check signatures by it. */
export interface VerifierKey {
  name: string;
  keyId: number;
  type: number;
  publicKey: KeyObject;
  /** `<name>+<hex key id>+base64(type || key)`. */
  vkey: string;
}

/** The vkey of an Ed25519 key (type 0x01) or cosigner key (type 0x04) under `name`. */
export function verifierKey(name: string, publicKey: KeyObject, type: number = SIG_ED25519): VerifierKey {
  if (!isKeyName(name)) throw new TypeError(`invalid key name ${JSON.stringify(name)}`);
  const raw = rawEd25519(publicKey);
  const keyId = keyIdOf(name, type, raw);
  const vkey = `${name}+${keyId.toString(16).padStart(8, '0')}+${Buffer.concat([Buffer.from([type]), raw]).toString('base64')}`;
  return { name, keyId, type, publicKey, vkey };
}

/**
 * Parses a vkey. Refuses (undefined) one whose hex key id is not the one its name, type and key
 * compute to: a vkey is configuration copied by hand, and a mismatch means it was mistyped.
 */
export function parseVerifierKey(vkey: string): VerifierKey | undefined {
  // The name and the id hold no '+'; the base64 key may.
  const m = /^([^+]+)\+([^+]+)\+(.+)$/.exec(vkey.trim());
  if (!m) return undefined;
  const [, name, hexId, b64] = m as unknown as [string, string, string, string];
  if (!isKeyName(name) || !/^[0-9a-f]{8}$/.test(hexId)) return undefined;
  const bytes = decodeBase64(b64);
  if (!bytes || bytes.length !== 33 || (bytes[0] !== SIG_ED25519 && bytes[0] !== SIG_COSIGNATURE_V1)) return undefined;
  const type = bytes[0]!;
  const raw = bytes.subarray(1);
  const keyId = keyIdOf(name, type, raw);
  if (keyId !== Number.parseInt(hexId, 16)) return undefined;
  try {
    return { name, keyId, type, publicKey: ed25519FromRaw(raw), vkey: vkey.trim() };
  } catch {
    return undefined;
  }
}

/** An Ed25519 (type 0x01) signature line by `privateKey` under `name` over the note text. */
export function signNoteText(text: string, name: string, privateKey: KeyObject): string {
  const key = verifierKey(name, createPublicKey(privateKey), SIG_ED25519);
  return signatureLine(name, key.keyId, sign(null, Buffer.from(text, 'utf8'), privateKey));
}

/** The outcome of checking a note against one known key. */
export type NoteVerdict = 'VERIFIED' | 'ABSENT' | 'BAD_SIGNATURE';

/**
 * Checks the signature lines of `key` (same name and key id, per the spec; others are ignored).
 * VERIFIED when there is one and every such line verifies; BAD_SIGNATURE when any fails.
 */
export function checkNoteSignature(note: ParsedNote, key: VerifierKey): NoteVerdict {
  const mine = note.signatures.filter((s) => s.name === key.name && s.keyId === key.keyId);
  if (mine.length === 0) return 'ABSENT';
  for (const s of mine) if (!verifyOne(note.text, s, key)) return 'BAD_SIGNATURE';
  return 'VERIFIED';
}

function verifyOne(text: string, s: NoteSignature, key: VerifierKey): boolean {
  try {
    if (key.type === SIG_ED25519) return s.signature.length === 64 && verify(null, Buffer.from(text, 'utf8'), key.publicKey, s.signature);
    if (key.type === SIG_COSIGNATURE_V1) {
      if (s.signature.length !== 72) return false;
      const timestamp = s.signature.readBigUInt64BE(0);
      if (timestamp >= 1n << 63n) return false;
      return verify(null, cosignedMessage(text, timestamp), key.publicKey, s.signature.subarray(8));
    }
  } catch {
    return false;
  }
  return false;
}

/** The message of a tlog-cosignature/v1: header, time line, then the checkpoint's note text. */
export function cosignedMessage(checkpointText: string, timestamp: bigint): Buffer {
  return Buffer.from(`cosignature/v1\ntime ${timestamp.toString()}\n${checkpointText}`, 'utf8');
}

/** A tlog-cosignature/v1 line: base64(keyId || u64 timestamp || Ed25519 signature). */
export function cosignNoteText(checkpointText: string, name: string, privateKey: KeyObject, timestampSeconds: bigint): string {
  const key = verifierKey(name, createPublicKey(privateKey), SIG_COSIGNATURE_V1);
  const ts = Buffer.alloc(8);
  ts.writeBigUInt64BE(timestampSeconds);
  const signature = sign(null, cosignedMessage(checkpointText, timestampSeconds), privateKey);
  return signatureLine(name, key.keyId, Buffer.concat([ts, signature]));
}

/** The timestamp (POSIX seconds) of a cosignature line, when it is one. */
export function cosignatureTime(s: NoteSignature): bigint | undefined {
  return s.signature.length === 72 ? s.signature.readBigUInt64BE(0) : undefined;
}


/** No lone surrogate: the text has a UTF-8 encoding. */
export function isWellFormed(text: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}
