import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/audit/verifyChain.ts';
import { seedLedger } from '../../src/seed/seedLedger.ts';
import { ADMIN_TOKEN, startTestLedger, type TestLedger } from '../e2e/support/testLedger.ts';
import { formed2022 } from './support/fixtures.ts';
import { hostileBody, VALID_ITEM } from './support/hostileBodies.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);

describe('property: hostile request bodies are refused with a 4xx problem and change nothing', () => {
  let ledger: TestLedger;
  let before: { head: bigint | undefined; hash: string | undefined };
  const tally = new Map<string, number>();
  const statuses = new Map<number, number>();

  const headAndHash = async () => {
    const report = await verifyChain(ledger.store.readAll());
    expect(report.ok).toBe(true);
    return { head: report.headPosition, hash: report.headHash };
  };

  beforeAll(async () => {
    ledger = await startTestLedger();
    await seedLedger(ledger.record, 'chumbivilcas-2018');
    expect((await ledger.post(formed2022('tr-080707-2022', '080707'))).statusCode).toBe(201);
    before = await headAndHash();
  }, 60_000);
  afterAll(async () => {
    const total = [...tally.values()].reduce((a, b) => a + b, 0);
    console.log(`[property] hostile bodies: ${total} cases posted; by kind ${JSON.stringify(Object.fromEntries(tally))}; by status ${JSON.stringify(Object.fromEntries(statuses))}`);
    await ledger.close();
  });

  it(`given ${RUNS} generated malformed and adversarial bodies, when each is posted with a valid token, then each is a 4xx problem+json and the head and its hash never move`, async () => {
    let sinceCheck = 0;
    await fc.assert(
      fc.asyncProperty(hostileBody, async ({ kind, payload, contentType }) => {
        tally.set(kind, (tally.get(kind) ?? 0) + 1);
        const response = await ledger.app.inject({
          method: 'POST',
          url: '/api/events',
          headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': contentType ?? 'application/json' },
          payload,
        });
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        expect(response.statusCode, `${kind}: ${response.body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
        expect(response.statusCode, `${kind}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        const body = response.json();
        expect(body).toMatchObject({ status: response.statusCode, code: expect.stringMatching(/^[A-Z_]+$/), title: expect.any(String) });
        // Nothing reflected back as markup: problems are JSON, and browsers are told not to sniff.
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        if (++sinceCheck === 250) {
          sinceCheck = 0;
          expect(await ledger.store.headPosition()).toBe(before.head);
        }
      }),
      { numRuns: RUNS },
    );
    expect(await headAndHash()).toEqual(before);
    // Not polluted: plain objects carry no injected properties.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  }, 120_000);

  it('given the fuzzing is over, when a valid fact is posted, then the ledger still records it and the chain verifies', async () => {
    const response = await ledger.post({ type: 'HandoverItemRecorded', data: { ...VALID_ITEM, itemId: 'after-fuzz', description: '<script>alert(1)</script> queda como texto' } });
    expect(response.statusCode).toBe(201);
    const stored = (await ledger.get(`/api/events/${response.json().events[0].id}`));
    expect(stored.headers['content-type']).toMatch(/^application\/json/);
    expect(stored.json().data.description).toBe('<script>alert(1)</script> queda como texto');
    expect((await ledger.get('/api/audit/verify')).json().ok).toBe(true);
  });
});
