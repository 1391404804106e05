import { brotliDecompressSync } from 'node:zlib';
import { v4 as uuidv4 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appendAll } from '../../bench/ledgerFile.ts';
import { itemEvent, syntheticLedger, toAppend } from '../../bench/synthetic.ts';
import { buildLedgerView } from '../../projections/ledgerView.ts';
import { localGovernmentView } from '../../projections/localGovernmentView.ts';
import { LocalGovernmentView } from '../../projections/readModelSchemas.ts';
import type { StoredEvent } from '../../src/records/storedEvent.ts';
import { allEvents } from '../support/allEvents.ts';
import { startTestLedger, type TestLedger } from '../e2e/support/testLedger.ts';

const LGS = ['100000', '100001', '100002'];

/**
 * What GET /api/local-governments/:lgId?atPosition=N answered before answers were kept by the
 * local government's last event: the whole log up to N folded, viewed and serialized as the route's
 * response schema serializes it. Undefined where it is a 404 (not registered by then).
 */
function wholeLogAnswer(events: StoredEvent[], lgId: string, atPosition: bigint): string | undefined {
  const head = events.at(-1)!.position;
  const upTo = atPosition > head ? head : atPosition;
  const view = localGovernmentView(buildLedgerView(events.filter((e) => e.position <= upTo), { atPosition: upTo }), lgId);
  return view === undefined ? undefined : JSON.stringify(z.encode(LocalGovernmentView, view));
}

describe('answers of one local government pinned by atPosition, kept by its last event at or before the position', () => {
  let ledger: TestLedger;
  const get = (url: string, headers: Record<string, string> = {}) => ledger.app.inject({ method: 'GET', url, headers });
  const append = (stream: string, type: string, data: unknown) =>
    ledger.store.appendToStream(stream, [{ id: uuidv4(), type, schemaVersion: 1, data, recordedAt: new Date().toISOString(), actor: 'test' }]);

  /** Every lg at every position in `order` (and past the head): the route's bytes equal the whole-log fold's. */
  async function expectExactEverywhere(order: 'ascending' | 'descending'): Promise<number> {
    const events = await allEvents(ledger.store);
    const positions = events.map((e) => e.position);
    positions.push(positions.at(-1)! + 7n);
    if (order === 'descending') positions.reverse();
    let compared = 0;
    for (const lgId of LGS) {
      for (const at of positions) {
        const expected = wholeLogAnswer(events, lgId, at);
        const response = await get(`/api/local-governments/${lgId}?atPosition=${at}`);
        if (expected === undefined) {
          expect(response.statusCode, `${lgId} at ${at}`).toBe(404);
          continue;
        }
        expect(response.statusCode, `${lgId} at ${at}`).toBe(200);
        expect(response.body, `${lgId} at ${at}`).toBe(expected);
        expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
        compared++;
      }
    }
    return compared;
  }

  beforeEach(async () => {
    ledger = await startTestLedger();
    // Three local governments of ~200 events each (handover items mostly), a project shared by two.
    await appendAll(ledger.store, [...syntheticLedger(600, LGS.length)].map(({ stream, events }) => ({ stream, events: toAppend(events) })));
  });
  afterEach(async () => ledger.close());

  it('given a ledger, when every local government is read at every position, in either order, then each answer is the whole-log fold’s, byte for byte', async () => {
    expect(await expectExactEverywhere('ascending')).toBeGreaterThan(1000);
    // Now mostly answered from what the first pass kept.
    expect(await expectExactEverywhere('descending')).toBeGreaterThan(1000);
  });

  it('given answers kept, when a retraction, a backfill and more events are appended, then every position still answers the whole-log fold', async () => {
    expect(await expectExactEverywhere('ascending')).toBeGreaterThan(1000);
    // 100002 cites 100000's plan and project: 100000's earlier plan events now concern 100002 too (a backfill).
    await append('budget-100002', 'BudgetAllocated', {
      allocationId: 'cross', lgId: '100002', fiscalYear: 2020, projectId: 'pry-100000-1', planId: 'cdp-100000', process: 'participatory', amount: '12.00', currency: 'PEN', allocatedOn: '2019-03-02',
    });
    const item = (await allEvents(ledger.store)).find((e) => e.type === 'HandoverItemRecorded' && e.stream.endsWith('100001-2018'))!;
    await append('corrections', 'EntryRetracted', { eventId: item.id, reason: 'Registrado por error', retractedOn: '2019-03-03' });
    // And the cross allocation itself taken back: 100002's allocations drop it from there on.
    const cross = (await allEvents(ledger.store)).find((e) => e.type === 'BudgetAllocated' && (e.data as { allocationId: string }).allocationId === 'cross')!;
    expect((await get(`/api/local-governments/100002?atPosition=${cross.position}`)).body).toContain('"cross"');
    await append('corrections', 'EntryRetracted', { eventId: cross.id, reason: 'Registrado por error', retractedOn: '2019-03-04' });
    for (let n = 0; n < 20; n++) await ledger.store.appendToStream(`transition-tr-${LGS[n % 3]}-2018`, toAppend([itemEvent(`tr-${LGS[n % 3]}-2018`, 3000 + n)]));
    expect(await expectExactEverywhere('descending')).toBeGreaterThan(1000);
    expect(await expectExactEverywhere('ascending')).toBeGreaterThan(1000);
    expect((await get(`/api/local-governments/100002?atPosition=${cross.position}`)).body).toContain('"cross"');
    expect((await get('/api/local-governments/100002?atPosition=99999')).body).not.toContain('"cross"');
  });

  it('given a pinned read, then its headers are those of an immutable answer, and its brotli bytes decode to the identity answer', async () => {
    const events = await allEvents(ledger.store);
    const at = events.at(-40)!.position;
    const url = `/api/local-governments/100001?atPosition=${at}`;
    for (let pass = 0; pass < 2; pass++) {
      const plain = await get(url);
      expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(plain.headers.etag).toMatch(/^"pinned-[\w-]+-identity"$/);
      const br = await get(url, { 'accept-encoding': 'br' });
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers.etag).toMatch(/^"pinned-[\w-]+-br"$/);
      expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(wholeLogAnswer(events, '100001', at));
      expect((await get(url, { 'if-none-match': String(br.headers.etag), 'accept-encoding': 'br' })).statusCode).toBe(304);
    }
  });
});
