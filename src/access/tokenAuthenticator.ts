import { createHash, timingSafeEqual } from 'node:crypto';
import type { Writer } from '../commandHandling/writer.ts';
import { UnauthorizedError } from '../errors/unauthorizedError.ts';
import type { EventStore } from '../eventStore/eventStore.ts';
import { RateLimitedError } from '../errors/rateLimitedError.ts';
import { AccessRegistry } from './accessRegistry.ts';
import { FailedAuthenticationLimiter, type FailedAuthenticationLimits } from './failedAuthenticationLimiter.ts';
import { decoyHash, parseToken, verifySecret } from './tokenSecret.ts';

/** A credential configured outside the access stream: the bootstrap admin token. */
export interface BootstrapCredential {
  name: string;
  role: string;
  token: string;
}

export interface TokenAuthenticatorOptions {
  store: EventStore;
  bootstrap: BootstrapCredential[];
  /** How long a verified token skips scrypt. Default 60 s. Revocation is checked on every request regardless. */
  cacheTtlMs?: number;
  /** Most verified tokens remembered at once. Default 1000. */
  maxCached?: number;
  /** Failed authentications allowed per client before it gets RATE_LIMITED (FailedAuthenticationLimiter's defaults). */
  failedAuthentications?: FailedAuthenticationLimits;
  /** Milliseconds clock, for the cache and the failed-authentication limiter. */
  now?: () => number;
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * Turns a bearer token into the writer it stands for, or throws UnauthorizedError, the same error
 * for a missing, malformed, unknown, wrong or revoked token.
 *
 * - Bootstrap tokens are compared as SHA-256 digests with timingSafeEqual.
 * - `tl_<tokenId>_<secret>` tokens: the id finds the grant in the access stream (re-read up to its
 *   tail on every call, so a revocation applies to the next request), scrypt verifies the secret.
 *   An unknown or revoked id is verified against a decoy hash, so it costs the same time.
 * - scrypt is slow on purpose (tens of ms), which would cap write throughput; a verified token is
 *   therefore remembered for `cacheTtlMs` by the SHA-256 of the whole token (never the token
 *   itself). A revoked token is refused even while cached.
 * - Failed authentications are limited per client (FailedAuthenticationLimiter) before any scrypt
 *   work: a client out of tries gets RateLimitedError (429 with Retry-After), so a flood of bogus
 *   tokens costs at most its burst of scrypt runs and cannot starve other clients. A missing header
 *   is not a failed try (anonymous reads are not guesses).
 */
export class TokenAuthenticator {
  readonly registry: AccessRegistry;
  private readonly bootstrap: { writer: Writer; digest: Buffer }[];
  private readonly verified = new Map<string, { tokenId: string; expires: number }>();
  private readonly ttl: number;
  private readonly maxCached: number;
  private readonly now: () => number;
  private readonly limiter: FailedAuthenticationLimiter;

  constructor(options: TokenAuthenticatorOptions) {
    this.registry = new AccessRegistry(options.store);
    this.bootstrap = options.bootstrap.map((c) => ({ writer: { actor: c.name, role: c.role }, digest: digest(c.token) }));
    this.ttl = options.cacheTtlMs ?? 60_000;
    this.maxCached = options.maxCached ?? 1000;
    this.now = options.now ?? Date.now;
    this.limiter = new FailedAuthenticationLimiter(options.failedAuthentications, this.now);
  }

  /** The writer of an `Authorization` header value presented by `client` (its IP, for the failure limit). */
  async authenticate(header: string | undefined, client = 'unknown'): Promise<Writer> {
    if (header === undefined || header === '') throw new UnauthorizedError();
    const match = typeof header === 'string' ? /^Bearer[ \t]+(\S{1,512})$/i.exec(header) : null;
    if (!match) {
      this.limiter.fail(client);
      throw new UnauthorizedError();
    }
    const token = match[1]!;
    const presented = digest(token);
    const parsed = parseToken(token);
    if (!parsed) {
      // Every bootstrap digest is compared, so the time taken does not depend on which one matched.
      let found: Writer | undefined;
      for (const c of this.bootstrap) if (timingSafeEqual(c.digest, presented)) found = c.writer;
      if (!found) {
        this.limiter.fail(client);
        throw new UnauthorizedError();
      }
      return { ...found };
    }

    await this.registry.refresh();
    const grant = this.registry.get(parsed.tokenId);
    const active = grant !== undefined && grant.revoked === undefined;
    const key = presented.toString('hex');
    const cached = this.verified.get(key);
    let ok = active && cached !== undefined && cached.tokenId === parsed.tokenId && cached.expires > this.now();
    if (!ok) {
      // The try is taken before scrypt runs and given back only if the secret verifies.
      const wait = this.limiter.acquire(client);
      if (wait > 0) throw new RateLimitedError(wait);
      ok = await verifySecret(parsed.secret, active ? grant.secretHash : await decoyHash());
      if (ok && active) {
        this.remember(key, parsed.tokenId);
        this.limiter.release(client);
      } else ok = false;
    }
    if (!ok || !grant) {
      this.verified.delete(key);
      throw new UnauthorizedError();
    }
    return { actor: grant.name, role: grant.role, scope: grant.scope };
  }

  private remember(key: string, tokenId: string): void {
    this.verified.delete(key);
    while (this.verified.size >= this.maxCached) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(key, { tokenId, expires: this.now() + this.ttl });
  }
}
