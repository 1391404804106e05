import { describe, expect, it } from 'vitest';
import { FailedAuthenticationLimiter } from '../../../src/access/failedAuthenticationLimiter.ts';

describe('the failed-authentication limiter', () => {
  it('given a burst of 3, when a client takes 3 tries, then the 4th waits; a success gives its try back; time refills', () => {
    let now = 0;
    const limiter = new FailedAuthenticationLimiter({ burst: 3, perMinute: 6 }, () => now);
    expect([limiter.acquire('a'), limiter.acquire('a'), limiter.acquire('a')]).toEqual([0, 0, 0]);
    expect(limiter.acquire('a')).toBe(10);
    expect(limiter.acquire('b')).toBe(0);
    limiter.release('a');
    expect(limiter.acquire('a')).toBe(0);
    now += 10_000;
    expect(limiter.acquire('a')).toBe(0);
    expect(limiter.acquire('a')).toBeGreaterThan(0);
  });

  it('given a failure that took no try, then it still counts', () => {
    const limiter = new FailedAuthenticationLimiter({ burst: 2 }, () => 0);
    limiter.fail('a');
    limiter.fail('a');
    expect(limiter.acquire('a')).toBeGreaterThan(0);
  });

  it('given more clients than it tracks, then the least recently seen is forgotten (and starts afresh)', () => {
    const limiter = new FailedAuthenticationLimiter({ burst: 1, maxClients: 2 }, () => 0);
    limiter.acquire('a');
    limiter.acquire('b');
    limiter.acquire('c');
    expect(limiter.acquire('a')).toBe(0);
    expect(limiter.acquire('c')).toBeGreaterThan(0);
  });
});
