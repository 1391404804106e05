import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../src/domain/events/catalogue.ts';
import { startTestLedger, type TestLedger } from './support/testLedger.ts';

const quinota = { lgId: '080707', name: 'Municipalidad Distrital de Quiñota', level: 'district', province: 'Chumbivilcas', department: 'Cusco' };

describe('API problems name their field and keep their own type', () => {
  let ledger: TestLedger;
  beforeEach(async () => {
    ledger = await startTestLedger();
  });
  afterEach(async () => ledger.close());

  it('given a fact dated in the future, when posted, then the 422 problem keeps its own type URI and names the event type apart', async () => {
    expect((await ledger.post({ type: 'LocalGovernmentRegistered', data: quinota })).statusCode).toBe(201);
    const res = await ledger.post({ type: 'ProjectRegistered', data: { projectId: 'p-1', title: 'Riego', sector: 'agriculture', lgIds: ['080707'], registeredOn: '2999-01-01' } });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.type).toBe('https://transition-ledger.pe/problems/rule-violated');
    expect(body).toMatchObject({ code: 'RULE_VIOLATED', rule: 'DATED_AFTER_RECORDING', eventType: 'ProjectRegistered' });
  });

  it('given {} posted with or without a token, when refused, then every error names a field of the body', async () => {
    for (const token of [undefined, null] as const) {
      const res = await ledger.post({}, token);
      expect(res.statusCode).toBe(400);
      const errors: { path: string; message: string }[] = res.json().errors;
      expect(errors.length).toBeGreaterThan(0);
      for (const e of errors) expect(e.path).toMatch(/^body\/\w+/);
      expect(errors.map((e) => e.path)).toEqual(expect.arrayContaining(['body/type', 'body/data']));
    }
  });

  it('given an unknown type filter, when events are listed, then 400 VALIDATION_FAILED lists the known types', async () => {
    const res = await ledger.get('/api/events?type=PlanAdoptd');
    expect(res.statusCode).toBe(400);
    const [error] = res.json().errors;
    expect(error.path).toBe('querystring/type');
    for (const type of EVENT_TYPES) expect(error.message).toContain(type);
    expect((await ledger.get('/api/events?type=PlanAdopted')).statusCode).toBe(200);
    expect((await ledger.get('/api/events?type=CheckpointSigned')).statusCode).toBe(200);
  });
});
