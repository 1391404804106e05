import * as crypto from 'node:crypto';

/**
 * SHA-256 in one call. Node's one-shot `crypto.hash` (Node ≥ 20.12) skips the Hash object that
 * `createHash` builds per digest, which dominated the cost of hashing a million small inputs;
 * on older Node the two are interchangeable, so we fall back to `createHash`. Same bytes either way.
 */
type OneShot = (algorithm: string, data: string | Uint8Array, outputEncoding: string) => string | Buffer;
const oneShot = (crypto as unknown as { hash?: OneShot }).hash;

/** Lowercase hex SHA-256 of the UTF-8 bytes of `text`. */
export const sha256Hex: (text: string) => string = oneShot
  ? (text) => oneShot('sha256', text, 'hex') as string
  : (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * SHA-256 of `bytes`, as 32 raw bytes. Through hex on purpose: in Node 20 `crypto.hash` builds a
 * 'buffer' result ~2× slower than a hex string plus Buffer.from (measured on 33- and 65-byte inputs).
 */
export const sha256: (bytes: Uint8Array) => Buffer = oneShot
  ? (bytes) => Buffer.from(oneShot('sha256', bytes, 'hex') as string, 'hex')
  : (bytes) => crypto.createHash('sha256').update(bytes).digest();

/** Lowercase hex SHA-256 of `bytes`. */
export const sha256HexOfBytes: (bytes: Uint8Array) => string = oneShot
  ? (bytes) => oneShot('sha256', bytes, 'hex') as string
  : (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');
