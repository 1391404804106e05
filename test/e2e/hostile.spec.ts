import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessRegistry } from '../../src/access/accessRegistry.ts';
import { LIMITS } from '../../src/domain/primitives.ts';
import { buildApp } from '../../src/http/buildApp.ts';
import { createLogger } from '../../src/http/hardening/logger.ts';
import type { SecurityOptions } from '../../src/http/hardening/securityOptions.ts';
import { ADMIN_TOKEN, startTestLedger, type TestLedger } from './support/testLedger.ts';

const lg = (lgId: string, name = `Municipalidad ${lgId}`) => ({ type: 'LocalGovernmentRegistered', data: { lgId, name, level: 'district', province: 'Chumbivilcas', department: 'Cusco' } });

describe('hostile input: headers, CORS, rate limits, documented limits, logging', () => {
  let ledger: TestLedger;
  const logLines: string[] = [];
  const apps: Awaited<ReturnType<typeof buildApp>>[] = [];
  const appWith = async (security: Partial<SecurityOptions>, withLog = false) => {
    const app = await buildApp({
      store: ledger.store, storeName: 'sqlite', record: ledger.record,
      credentials: [{ name: 'admin', role: 'registrar', token: ADMIN_TOKEN }],
      security: { publicReads: true, corsOrigins: [], rateLimitPerMinute: 0, ...security },
      ...(withLog ? { logger: createLogger('info', new Writable({ write: (chunk, _e, cb) => (logLines.push(...String(chunk).split('\n').filter(Boolean)), cb()) })) } : {}),
    });
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    ledger = await startTestLedger();
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await ledger.close();
  });

  it('given any response, then it carries helmet’s security headers and a same-origin CSP', async () => {
    const response = await ledger.get('/api/health');
    expect(response.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN', 'strict-transport-security': expect.any(String) });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('given the CSP, when Swagger UI is loaded from /docs, then its page uses no inline script and its assets are same-origin', async () => {
    const page = await ledger.app.inject({ url: '/docs' });
    expect(page.statusCode).toBe(200);
    const html = page.body;
    // Every script is an external, same-origin file: nothing the CSP's script-src 'self' refuses.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect(source).toMatch(/^\/docs\/static\//);
      expect((await ledger.app.inject({ url: source })).statusCode, source).toBe(200);
    }
    expect(sources.filter((s) => s.endsWith('.js')).length).toBeGreaterThanOrEqual(3);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('given configured CORS origins, then only those origins are allowed, preflights included', async () => {
    const app = await appWith({ corsOrigins: ['https://portal.example.pe'] });
    const allowed = await app.inject({ url: '/api/health', headers: { origin: 'https://portal.example.pe' } });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://portal.example.pe');
    const other = await app.inject({ url: '/api/health', headers: { origin: 'https://evil.example' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await app.inject({ method: 'OPTIONS', url: '/api/events', headers: { origin: 'https://portal.example.pe', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    expect(preflight.statusCode).toBe(204);
    expect(String(preflight.headers['access-control-allow-headers']).toLowerCase()).toContain('authorization');
  });

  it('given a limit of 5 per minute, when one IP sends a 6th request, then 429 RATE_LIMITED problem+json with Retry-After; another IP is unaffected', async () => {
    const app = await appWith({ rateLimitPerMinute: 5 });
    const from = (ip: string) => app.inject({ url: '/api/health', remoteAddress: ip });
    for (let i = 0; i < 5; i++) expect((await from('10.0.0.1')).statusCode).toBe(200);
    const limited = await from('10.0.0.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    expect(limited.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect((await from('10.0.0.2')).statusCode).toBe(200);
  });

  it('given a limit of 5 per minute, when one token is used from many IPs, then its 6th request is 429 (per-token bucket)', async () => {
    const app = await appWith({ rateLimitPerMinute: 5 });
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      const r = await app.inject({ url: '/api/health', remoteAddress: `10.1.0.${i}`, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      statuses.push(r.statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('given the documented limits, when each is exceeded, then 400 names the field', async () => {
    const over = async (body: unknown, path: string) => {
      const response = await ledger.post(body);
      expect(response.statusCode).toBe(400);
      expect(response.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    };
    await over({ events: Array.from({ length: LIMITS.batchEvents + 1 }, (_, i) => lg(`08${String(i).padStart(4, '0')}`)) }, 'events');
    await over(lg('080799', 'M'.repeat(LIMITS.shortText + 1)), 'data/name');
    await over({ type: 'ProjectRegistered', data: { projectId: 'p'.repeat(LIMITS.idLength + 1), title: 'P', sector: 'other', lgIds: ['080799'], registeredOn: '2019-01-01' } }, 'data/projectId');
    await over({ type: 'ProjectRegistered', data: { projectId: 'p-1', title: 'P', sector: 'other', lgIds: Array(LIMITS.arrayItems + 1).fill('080799'), registeredOn: '2019-01-01' } }, 'data/lgIds');
    await over({ type: 'FundingCommitted', data: { commitmentId: 'c', projectId: 'p', funder: 'F', amount: '10.005', currency: 'PEN', committedOn: '2019-01-01' } }, 'data/amount');
    await over({ type: 'ProjectRegistered', data: { projectId: 'p/../x', title: 'P', sector: 'other', lgIds: ['080799'], registeredOn: '2019-01-01' } }, 'data/projectId');
    await over(lg('080799', 'Quiñota\u0000'), 'data/name');
    const big = await ledger.post(lg('080799', 'x'.repeat(1024 * 1024)));
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('given "Quiñota" typed with a combining tilde, when read back, then it is the precomposed name', async () => {
    const decomposed = 'Municipalidad Distrital de Quin\u0303ota';
    expect((await ledger.post(lg('080707', decomposed))).statusCode).toBe(201);
    const stored = (await ledger.get('/api/events?stream=lg-080707')).json().events[0];
    expect(stored.data.name).toBe('Municipalidad Distrital de Qui\u00f1ota');
  });

  it('given invalid UTF-8 in free text, when posted, then 400 rather than a silently replaced character', async () => {
    const body = Buffer.concat([Buffer.from('{"type":"LocalGovernmentRegistered","data":{"lgId":"080708","name":"Quin'), Buffer.from([0xff]), Buffer.from('ota","level":"district","province":"P","department":"D"}}')]);
    const response = await ledger.app.inject({ method: 'POST', url: '/api/events', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, payload: body });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', detail: expect.stringContaining('UTF-8') });
  });

  it('given a hostile x-request-id, when a fact is recorded, then the correlation id is a fresh UUID, not the header', async () => {
    const response = await ledger.app.inject({ method: 'POST', url: '/api/events', payload: lg('080706'), headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'x-request-id': '<script>alert(1)</script>' + 'x'.repeat(500) } });
    expect(response.statusCode).toBe(201);
    const stored = (await ledger.get(`/api/events/${response.json().events[0].id}`)).json();
    expect(stored.metadata.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('given rejected writes, then each is one structured log line with who, code and why, and no token or body ever reaches the log', async () => {
    const app = await appWith({}, true);
    const { token } = await new AccessRegistry(ledger.store).grant({ name: 'auditoria-log', role: 'auditor', scope: {} }, { actor: 'cli:test', now: () => new Date() });
    const secretName = 'NOMBRE-SECRETO-DEL-CUERPO';
    const post = (body: unknown, bearer: string) => app.inject({ method: 'POST', url: '/api/events', payload: body as object, headers: { authorization: `Bearer ${bearer}`, 'x-request-id': `log-${bearer.length}` } });
    expect((await post(lg('080705', secretName), token)).statusCode).toBe(403);
    expect((await post(lg('080705', secretName), 'tl_0123456789abcdef_' + 'S'.repeat(43))).statusCode).toBe(401);
    expect((await post({ type: 'LocalGovernmentRegistered', data: { lgId: 'bad', name: secretName } }, ADMIN_TOKEN)).statusCode).toBe(400);
    const all = logLines.join('\n');
    for (const secret of [token, token.slice(20), ADMIN_TOKEN, 'S'.repeat(43), secretName]) expect(all).not.toContain(secret);
    const rejected = logLines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'write rejected');
    expect(rejected).toHaveLength(3);
    expect(rejected[0]).toMatchObject({ code: 'FORBIDDEN', actor: 'auditoria-log', role: 'auditor', route: 'POST /api/events', detail: expect.stringContaining('role:registrar') });
    expect(rejected[1]).toMatchObject({ code: 'UNAUTHORIZED', actor: 'anonymous', ip: expect.any(String) });
    expect(rejected[2]).toMatchObject({ code: 'VALIDATION_FAILED', actor: 'admin', reasons: expect.arrayContaining([expect.stringMatching(/^data\/lgId: /)]) });
  });
});
