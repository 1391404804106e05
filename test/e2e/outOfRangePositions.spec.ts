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
});
