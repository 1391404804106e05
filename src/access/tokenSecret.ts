import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * API tokens are `tl_<tokenId>_<secret>`: the id (16 hex digits) finds the grant, the secret (32
 * random bytes, base64url) proves possession. Only an scrypt hash of the secret, with a random salt
 * and its cost parameters, is stored; verification recomputes it and compares in constant time.
 */
export const TOKEN_PATTERN = /^tl_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** scrypt cost: N=2^15, r=8, p=1 (~32 MiB, tens of ms): OWASP's recommended minimum, slow enough to make guessing pointless. */
export const SCRYPT_PARAMS = { N: 32768, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_BYTES = 16;
/** Bounds on stored parameters, so a tampered or foreign hash cannot make verification exhaust memory. */
const MAX_N = 1 << 20;

export interface IssuedToken {
  tokenId: string;
  /** The whole bearer token, to be shown once and never stored. */
  token: string;
  secretHash: string;
}

function scrypt(secret: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scryptCallback(secret, salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** A new token and the hash to store for it. */
export async function issueToken(): Promise<IssuedToken> {
  const tokenId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { tokenId, token: `tl_${tokenId}_${secret}`, secretHash: await hashSecret(secret) };
}

export async function hashSecret(secret: string, params: { N: number; r: number; p: number } = SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scrypt(secret, salt, params);
  return `scrypt$N=${params.N},r=${params.r},p=${params.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** The id and secret of a well-formed token, or undefined. */
export function parseToken(token: string): { tokenId: string; secret: string } | undefined {
  const match = TOKEN_PATTERN.exec(token);
  return match ? { tokenId: match[1]!, secret: match[2]! } : undefined;
}

/** True iff `secret` hashes to `stored` under the stored salt and parameters. Never throws. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const match = /^scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/.exec(stored);
  if (!match) return false;
  const [N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (N < 2 || N > MAX_N || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return false;
  const expected = Buffer.from(match[5]!, 'base64url');
  if (expected.length !== KEY_LENGTH) return false;
  try {
    const actual = await scrypt(secret, Buffer.from(match[4]!, 'base64url'), { N, r, p });
    return timingSafeEqual(actual, expected);
  } catch {
    return false;
  }
}

/**
 * A well-formed hash of no secret anyone holds: verified against when a token id is unknown or
 * revoked, so a 401 costs the same time whether or not the token exists.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashSecret(randomBytes(32).toString('base64url'));
  return decoy;
}
