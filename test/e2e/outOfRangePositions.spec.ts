import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuditTestLedger, type AuditTestLedger } from './support/auditTestLedger.ts';

/** One past the largest position a store can hold (SQLite's INTEGER, EventStoreDB's signed commit position). */
const TOO_BIG = '9223372036854775808';
const HUGE = '99999999999999999999';
const LARGEST = '9223372036854775807';

/**
 * Every route and page that reads a position or a size from the query, walked with values no store
 * can hold: each must be 400 VALIDATION_FAILED (problem+json for the API, an HTML page for the web
 * app), never a 500. The largest valid position is still accepted.
 */
const API = [
  '/api/local-governments?atPosition={n}',
  '/api/local-governments/080701?atPosition={n}',
  '/api/local-governments/080701/inherited-plans?atPosition={n}',
  '/api/transitions/tr-1?atPosition={n}',
  '/api/transitions/tr-1/compliance?atPosition={n}',
  '/api/compliance?atPosition={n}',
  '/api/plans/plan-1?atPosition={n}',
  '/api/budget?atPosition={n}',
  '/api/events?after={n}',
  '/api/events?stream=lg-080701&after={n}',
  '/api/events?limit={n}',
  '/api/audit/checkpoints?after={n}',
  '/api/audit/checkpoints?limit={n}',
  '/api/audit/proofs/inclusion?eventId=e-1&treeSize={n}',
  '/api/audit/proofs/consistency?from=0&to={n}',
  '/api/local-governments/080701/changes?from=0&to={n}',
  '/api/local-governments/080701/changes?from={n}&to={n}',
  '/api/transitions/tr-1/changes?from=0&to={n}',
];
const PAGES = [
  '/?atPosition={n}',
  '/gobiernos-locales/080701?atPosition={n}',
  '/transiciones/tr-1?atPosition={n}',
  '/auditoria?atPosition={n}',
  '/auditoria?after={n}',
  '/ingresar?atPosition={n}',
];

/** Full paths and methods of every route, rebuilt from fastify's route tree (`printRoutes`). */
function registeredRoutes(tree: string): { path: string; methods: string[] }[] {
  const stack: string[] = [];
  const routes: { path: string; methods: string[] }[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:[│ ] {3})*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    stack.length = depth;
    stack.push(match[2]!);
    if (match[3]) routes.push({ path: stack.join(''), methods: match[3].split(', ') });
  }
  return routes;
}

/** A value for each path parameter, so a walked route reaches its handler. */
const SAMPLE_PARAMS: Record<string, string> = { lgId: '080701', transitionId: 'tr-1', planId: 'plan-1', id: 'e-1', name: 'app.css', form: 'partidas' };
/** Valid values for required query parameters that are not the one under test. */
const SAMPLE_QUERY: Record<string, string> = { eventId: 'e-1', from: '0', to: '1' };
/** Query parameters that hold a position or a size. */
const NUMERIC = /^(atPosition|after|limit|treeSize|from|to)$/;

describe('positions and sizes out of range: 400 on every route and page, never 500', () => {
  let ledger: AuditTestLedger;
  beforeAll(async () => {
    ledger = await startAuditTestLedger();
    const lg = { type: 'LocalGovernmentRegistered', data: { lgId: '080701', name: 'Municipalidad 080701', level: 'district', province: 'P', department: 'D' } };
    expect((await ledger.post('/api/events', lg)).statusCode).toBe(201);
    expect((await ledger.post('/api/audit/checkpoints')).statusCode).toBe(201);
  });
  afterAll(async () => ledger?.close());

  const cases = (urls: string[]) => urls.flatMap((u) => [TOO_BIG, HUGE].map((n) => u.replaceAll('{n}', n)));

  it.each(cases(API))('given GET %s, then 400 VALIDATION_FAILED as problem+json', async (url) => {
    const response = await ledger.get(url);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it.each(cases(PAGES))('given page %s, then a 400 HTML page naming the parameter', async (url) => {
    const response = await ledger.get(url);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toMatch(/atPosition|after/);
  });

  it.each([...API.filter((u) => !/limit|treeSize|consistency|checkpoints/.test(u)), ...PAGES])(
    'given %s at the largest position a store holds, then it is answered without an error',
    async (url) => {
      const response = await ledger.get(url.replaceAll('{n}', LARGEST));
      expect(response.statusCode).toBeLessThan(500);
      expect(response.statusCode).not.toBe(400);
    },
  );

  it('given the OpenAPI document, when every GET route is walked with each position or size parameter out of range, then each answers 400 VALIDATION_FAILED', async () => {
    const doc = (await ledger.get('/openapi.json')).json() as { paths: Record<string, Record<string, { parameters?: { in: string; name: string; required?: boolean }[] }>> };
    let walked = 0;
    for (const [template, operations] of Object.entries(doc.paths)) {
      const parameters = operations.get?.parameters ?? [];
      const path = template.replace(/\{(\w+)\}/g, (_m, name: string) => SAMPLE_PARAMS[name]!);
      for (const parameter of parameters.filter((p) => p.in === 'query' && NUMERIC.test(p.name))) {
        for (const value of [TOO_BIG, HUGE]) {
          const query = new URLSearchParams(parameters.filter((p) => p.in === 'query' && p.required && p.name !== parameter.name).map((p): [string, string] => [p.name, SAMPLE_QUERY[p.name]!]));
          query.set(parameter.name, value);
          const response = await ledger.get(`${path}?${query}`);
          expect(response.statusCode, `${path}?${query}`).toBe(400);
          expect(response.json().code, `${path}?${query}`).toBe('VALIDATION_FAILED');
          walked++;
        }
      }
    }
    expect(walked).toBeGreaterThanOrEqual(2 * 15);
  });

  it('given every page the app registers, when it is asked for a position out of range, then it answers a 400 page', async () => {
    await ledger.app.ready();
    const pages = registeredRoutes(ledger.app.printRoutes({ commonPrefix: false }))
      .filter((r) => r.methods.includes('GET') && !/^\/(api|docs|static|openapi\.json|checkpoint|tile)(\/|$)/.test(r.path) && !r.path.includes('*')) // C2SP's tlog routes are API, not pages
      .map((r) => r.path);
    // The log download reads no query: it is always the whole log.
    const readsNoQuery = new Set(['/auditoria/registro.jsonl']);
    expect(pages).toEqual(expect.arrayContaining(['/', '/gobiernos-locales/:lgId', '/transiciones/:transitionId', '/auditoria', '/ingresar']));
    for (const page of pages) {
      const url = `${page.replace(/:(\w+)/g, (_m, name: string) => SAMPLE_PARAMS[name]!)}?atPosition=${TOO_BIG}`;
      const response = await ledger.get(url);
      if (readsNoQuery.has(page)) expect(response.statusCode, url).toBe(200);
      else {
        expect(response.statusCode, url).toBe(400);
        expect(response.headers['content-type'], url).toMatch(/^text\/html/);
      }
    }
  });
});
