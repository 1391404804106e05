import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLedger, type TestLedger } from './support/testLedger.ts';

/** Issue 10, item 5: only text a strict RFC 8785 verifier can hash, and no invisible reordering in ids and names. */
const lg = (lgId: string, name: string) => ({ type: 'LocalGovernmentRegistered', data: { lgId, name, level: 'district', province: 'Chumbivilcas', department: 'Cusco' } });
const item = (description: string, itemId = 'it-01') => ({
  type: 'HandoverItemRecorded',
  data: { transitionId: 'tr-080799-2022', itemId, category: 'document', description, recordedOn: '2022-11-20' },
});

describe('well-formed text', () => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await startTestLedger();
  });
  afterAll(async () => ledger.close());

  const refused = async (body: unknown, path: string) => {
    const head = await ledger.store.headPosition();
    const response = await ledger.post(body);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(response.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(await ledger.store.headPosition()).toBe(head);
  };

  it.each([
    ['a lone high surrogate in a name', lg('080799', 'Quiñota \ud800'), 'data/name'],
    ['a lone low surrogate in free text', item('Acta \udc00 de arqueo'), 'data/description'],
    ['a lone surrogate in an event type', { type: 'PlanDrafted\ud800', data: {} }, 'type'],
    ['a lone surrogate in an id', item('Acta', 'it-\ud800'), 'data/itemId'],
    ['a lone surrogate in an unknown field', { type: 'LocalGovernmentRegistered', data: { ...lg('080799', 'Quiñota').data, ['x\ud800']: 'y' } }, 'data/x\ufffd'],
  ])('given %s, when posted, then 400 VALIDATION_FAILED names the field and nothing is stored', async (_case, body, path) => {
    await refused(body, path);
  });

  it('given a lone surrogate in an event of a batch, then the path names that event', async () => {
    await refused({ events: [lg('080798', 'Bien'), lg('080799', 'Mal \udfff')] }, 'events/1/data/name');
  });

  it.each([
    ['a right-to-left override', '\u202e'],
    ['a left-to-right isolate', '\u2066'],
    ['a right-to-left mark', '\u200f'],
    ['an Arabic letter mark', '\u061c'],
    ['a zero-width space', '\u200b'],
    ['a zero-width joiner', '\u200d'],
    ['a word joiner', '\u2060'],
    ['a byte-order mark', '\ufeff'],
  ])('given %s inside a name, when posted, then 400 names the field', async (_case, character) => {
    await refused(lg('080799', `Quiñ${character}ota`), 'data/name');
  });

  it('given a bidi override in free text, then 400; a zero-width joiner there (an emoji sequence) is kept', async () => {
    await refused(item('Acta \u202eadicional'), 'data/description');
    expect((await ledger.post(lg('080799', 'Distrito de prueba'))).statusCode).toBe(201);
    await ledger.post({ type: 'AuthorityTermStarted', data: { lgId: '080799', termId: '2019-2022', mayor: 'Alcaldesa', startedOn: '2019-01-01' } });
    await ledger.post({
      type: 'TransitionCommissionFormed',
      data: { transitionId: 'tr-080799-2022', lgId: '080799', outgoingTermId: '2019-2022', incomingTermId: '2023-2026', formedOn: '2022-11-02', members: [{ name: 'Ana', role: 'presidenta', side: 'outgoing' }, { name: 'Luis', role: 'miembro', side: 'incoming' }] },
    });
    const family = 'Acta firmada por la familia \u{1F468}\u200d\u{1F469}\u200d\u{1F467}';
    const recorded = await ledger.post(item(family, 'it-zwj'));
    expect(recorded.statusCode).toBe(201);
    expect((await ledger.get(`/api/events/${recorded.json().events[0].id}`)).json().data.description).toBe(family);
  });
});
