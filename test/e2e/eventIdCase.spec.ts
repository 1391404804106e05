import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/audit/verifyChain.ts';
import { startTestLedger, type TestLedger } from './support/testLedger.ts';

/**
 * RFC 9562: a UUID is case-insensitive on input and lowercase on output. EventStoreDB returns ids in
 * lowercase whatever was sent, so the edge lowercases them before anything is hashed or stored; on
 * SQLite this keeps `…ABC…` and `…abc…` one id (one event, one retry), as on EventStoreDB.
 */
describe('event ids in upper case', () => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await startTestLedger();
  });
  afterAll(async () => {
    await ledger.close();
  });

  const lg = (lgId: string) => ({ type: 'LocalGovernmentRegistered', data: { lgId, name: `Municipalidad ${lgId}`, level: 'district', province: 'Chumbivilcas', department: 'Cusco' } });

  it('given a submission whose id has capitals, when recorded, then it is stored lowercase, found in either case, and a retry in the other case is the same event', async () => {
    const upper = randomUUID().toUpperCase();
    const lower = upper.toLowerCase();
    const first = await ledger.post({ id: upper, ...lg('080711') });
    expect(first.statusCode, first.body).toBe(201);
    expect(JSON.stringify(first.json())).toContain(lower);
    expect(JSON.stringify(first.json())).not.toContain(upper);

    expect((await ledger.get(`/api/events/${upper}`)).json()).toMatchObject({ id: lower });
    expect((await ledger.get(`/api/events/${lower}`)).json()).toMatchObject({ id: lower });

    const retry = await ledger.post({ id: lower, ...lg('080711') });
    expect(retry.statusCode, retry.body).toBeLessThan(300);
    const stored = [];
    for await (const e of ledger.store.readAll()) stored.push(e);
    expect(stored.filter((e) => e.id === lower)).toHaveLength(1);
    expect(stored.map((e) => e.id).filter((id) => id !== id.toLowerCase())).toEqual([]);
    expect((await verifyChain(stored)).ok).toBe(true);
  });

  it('given a retraction naming its target in capitals, when recorded, then it finds the target', async () => {
    const target = randomUUID();
    expect((await ledger.post({ id: target, ...lg('080712') })).statusCode).toBe(201);
    const retraction = await ledger.post({ type: 'EntryRetracted', data: { eventId: target.toUpperCase(), reason: 'Registrado por error', retractedOn: '2019-01-02' } });
    expect(retraction.statusCode, retraction.body).toBe(201);
    const stored = (await ledger.store.readStream(retraction.json().events[0].stream)).at(-1);
    expect(stored?.data).toMatchObject({ eventId: target });
  });
});
