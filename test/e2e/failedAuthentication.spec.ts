import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessRegistry } from '../../src/access/accessRegistry.ts';
import { TokenAuthenticator } from '../../src/access/tokenAuthenticator.ts';
import { startTestLedger, type TestLedger } from './support/testLedger.ts';

/** Issue 10, item 8: failed authentications are limited per client before any scrypt work. */
const bogus = (i: number) => `tl_${i.toString(16).padStart(16, '0')}_${'A'.repeat(43)}`;
const lg = { type: 'LocalGovernmentRegistered', data: { lgId: '080799', name: 'Distrito de prueba', level: 'district', province: 'Chumbivilcas', department: 'Cusco' } };

describe('failed authentications', () => {
  let ledger: TestLedger;
  let token: string;
  beforeAll(async () => {
    ledger = await startTestLedger();
    const operator = { actor: 'cli:test', now: () => new Date('2018-11-01T00:00:00Z') };
    token = (await new AccessRegistry(ledger.store).grant({ name: 'registro-2', role: 'registrar', scope: {} }, operator)).token;
  }, 30_000);
  afterAll(async () => ledger.close());

  it('given forty well-formed bogus tokens at once from one client, then only its burst is verified (401) and the rest are RATE_LIMITED before scrypt; another client still authenticates', async () => {
    let clock = 1_000_000;
    const authenticator = new TokenAuthenticator({ store: ledger.store, bootstrap: [], failedAuthentications: { burst: 5, perMinute: 6 }, now: () => clock });
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, i) => authenticator.authenticate(`Bearer ${bogus(i)}`, '10.0.0.1').then(() => 'OK', (e: { code: string }) => e.code)),
    );
    expect(outcomes.filter((c) => c === 'UNAUTHORIZED')).toHaveLength(5);
    expect(outcomes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(35);
    await expect(authenticator.authenticate(`Bearer ${bogus(99)}`, '10.0.0.1')).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 10 });
    // Another client is not affected, and a success gives its try back.
    for (let i = 0; i < 8; i++) expect(await authenticator.authenticate(`Bearer ${token}`, '10.0.0.2')).toMatchObject({ actor: 'registro-2' });
    // Ten seconds later the flooding client has one try again (6 a minute).
    clock += 10_000;
    await expect(authenticator.authenticate(`Bearer ${bogus(100)}`, '10.0.0.1')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(authenticator.authenticate(`Bearer ${bogus(101)}`, '10.0.0.1')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  }, 30_000);

  it('given a flood of bogus tokens over HTTP from one IP, then 429 problem+json with Retry-After, and a valid token from another IP is answered 201 meanwhile', async () => {
    const flood = Array.from({ length: 40 }, (_, i) =>
      ledger.app.inject({ method: 'POST', url: '/api/events', remoteAddress: '10.0.0.3', headers: { authorization: `Bearer ${bogus(200 + i)}` }, payload: lg }),
    );
    const honest = ledger.app.inject({ method: 'POST', url: '/api/events', remoteAddress: '10.0.0.4', headers: { authorization: `Bearer ${token}` }, payload: lg });
    const responses = await Promise.all(flood);
    expect((await honest).statusCode).toBe(201);
    const limited = responses.filter((r) => r.statusCode === 429);
    // The default burst is 20; a try or two may come back while the first ones are verified.
    expect(limited.length).toBeGreaterThanOrEqual(15);
    expect(responses.filter((r) => r.statusCode === 401).length).toBeLessThanOrEqual(25);
    expect(limited[0]!.headers['content-type']).toContain('application/problem+json');
    expect(limited[0]!.json()).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    expect(Number(limited[0]!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
