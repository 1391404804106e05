/** How many failed authentications a client may make. Defaults: a burst of 20, then 20 a minute. */
export interface FailedAuthenticationLimits {
  /** Failures a client may make in a row before it must wait. Default 20. */
  burst?: number;
  /** Failures a client regains per minute. Default 20. */
  perMinute?: number;
  /** Most clients tracked at once; the least recently seen is forgotten first. Default 10 000. */
  maxClients?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per client (its IP) of failed authentications. A verification that may fail
 * (scrypt: tens of milliseconds on the thread pool) first takes a token, and gives it back when it
 * succeeds; so a client without tokens is refused before any scrypt work, however many requests
 * it sends at once, and other clients' requests (static files included, which share that pool)
 * are not starved. In memory: a restart forgets, and each replica counts its own.
 */
export class FailedAuthenticationLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly burst: number;
  private readonly perMs: number;
  private readonly maxClients: number;

  constructor(
    limits: FailedAuthenticationLimits = {},
    private readonly now: () => number = Date.now,
  ) {
    this.burst = limits.burst ?? 20;
    this.perMs = (limits.perMinute ?? 20) / 60_000;
    this.maxClients = limits.maxClients ?? 10_000;
  }

  /** Takes a token for one verification by `client`: 0 when taken, else the seconds to wait before one is available. */
  acquire(client: string): number {
    const bucket = this.refilled(client);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000));
  }

  /** Gives back the token of a verification that succeeded: only failures count. */
  release(client: string): void {
    const bucket = this.refilled(client);
    bucket.tokens = Math.min(this.burst, bucket.tokens + 1);
  }

  /** Counts a failure that took no token (one that costs nothing to check, like a malformed token). */
  fail(client: string): void {
    const bucket = this.refilled(client);
    bucket.tokens = Math.max(0, bucket.tokens - 1);
  }

  private refilled(client: string): Bucket {
    const now = this.now();
    const bucket = this.buckets.get(client) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    // Re-inserted on every use, so the Map's first key is the least recently seen client.
    this.buckets.delete(client);
    while (this.buckets.size >= this.maxClients) this.buckets.delete(this.buckets.keys().next().value!);
    this.buckets.set(client, bucket);
    return bucket;
  }
}
