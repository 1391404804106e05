import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestLedger, type TestLedger } from './support/testLedger.ts';

const quinota = { lgId: '080707', name: 'Municipalidad Distrital de Quiñota', level: 'district', province: 'Chumbivilcas', department: 'Cusco' };
const register = { type: 'LocalGovernmentRegistered', data: quinota };
const term = (termId: string, startedOn: string) => ({ type: 'AuthorityTermStarted', data: { lgId: '080707', termId, mayor: 'Alcalde (ilustrativo)', startedOn } });

describe('HTTP errors are problem+json with a stable code, and a rejected request writes nothing', () => {
  let ledger: TestLedger;
  beforeEach(async () => {
    ledger = await startTestLedger();
  });
  afterEach(async () => ledger.close());

  const head = async () => (await ledger.store.headPosition())?.toString() ?? 'empty';

  async function expectProblem(response: Awaited<ReturnType<TestLedger['post']>>, status: number, code: string) {
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = response.json();
    expect(body).toMatchObject({ status, code, title: expect.any(String), detail: expect.any(String) });
    return body;
  }

  it('given a valid fact, when it is posted, then it is recorded with its position, revision and hash', async () => {
    const response = await ledger.post(register);
    expect(response.statusCode).toBe(201);
    expect(response.json().events[0]).toMatchObject({ type: 'LocalGovernmentRegistered', stream: 'lg-080707', revision: 0, position: expect.stringMatching(/^\d+$/), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('given invalid fields, when posted, then 400 VALIDATION_FAILED lists every failing field', async () => {
    const body = await expectProblem(
      await ledger.post({ type: 'AuthorityTermStarted', data: { lgId: '80707', termId: '2019', mayor: 'A\u0007B', startedOn: '2019-02-29', extra: 1 } }),
      400,
      'VALIDATION_FAILED',
    );
    const paths = body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['data/lgId', 'data/termId', 'data/mayor', 'data/startedOn']));
    expect(body.errors.length).toBeGreaterThanOrEqual(5);
    expect(await head()).toBe('empty');
  });

  it('given a negative or float amount, when posted, then it is refused', async () => {
    for (const amount of ['-1.00', '1.005', 12.5, '1e3']) {
      const response = await ledger.post({ type: 'FundingCommitted', data: { commitmentId: 'c1', projectId: 'p1', funder: 'MEF', amount, currency: 'PEN', committedOn: '2018-05-01' } });
      await expectProblem(response, 400, 'VALIDATION_FAILED');
    }
  });

  it('given an unknown event type, when posted, then 400 names the field', async () => {
    const body = await expectProblem(await ledger.post({ type: 'PlanDeleted', data: {} }), 400, 'VALIDATION_FAILED');
    expect(body.errors[0].path).toBe('type');
  });

  it('given malformed JSON, when posted, then 400 VALIDATION_FAILED', async () => {
    const response = await ledger.app.inject({ method: 'POST', url: '/api/events', headers: { authorization: 'Bearer test-admin-token-0123456789', 'content-type': 'application/json' }, payload: '{"type":' });
    await expectProblem(response, 400, 'VALIDATION_FAILED');
  });

  it('given no token or a wrong token, when posting, then 401 without saying whether a token exists', async () => {
    const none = await expectProblem(await ledger.post(register, null), 401, 'UNAUTHORIZED');
    const wrong = await expectProblem(await ledger.post(register, 'not-the-token'), 401, 'UNAUTHORIZED');
    expect(wrong.detail).toBe(none.detail);
    expect(await head()).toBe('empty');
  });

  it('given an unknown resource, when read, then 404 NOT_FOUND', async () => {
    await expectProblem(await ledger.get('/api/local-governments/080799'), 404, 'NOT_FOUND');
    await expectProblem(await ledger.get('/api/events/5b1c9d7e-3f5a-4a57-9a53-2f0b1c7c0d11'), 404, 'NOT_FOUND');
    await expectProblem(await ledger.get('/api/nothing-here'), 404, 'NOT_FOUND');
  });

  it('given a stale expectedRevision, when posting a fact the rules would also refuse, then 409 CONCURRENCY_CONFLICT wins', async () => {
    await ledger.post(register);
    await ledger.post(term('2015-2018', '2015-01-01'));
    // Overlapping term (a rule violation) with a stale view (revision 0 while the stream is at 1).
    const body = await expectProblem(await ledger.post({ ...term('2016-2019', '2016-01-01'), expectedRevision: 0 }), 409, 'CONCURRENCY_CONFLICT');
    expect(body).toMatchObject({ stream: 'lg-080707', expectedRevision: '0', actualRevision: '1' });
    expect(await head()).toBe((await ledger.store.headPosition())!.toString());
  });

  it('given a current expectedRevision, when posting, then it is recorded', async () => {
    await ledger.post(register);
    const response = await ledger.post({ ...term('2015-2018', '2015-01-01'), expectedRevision: 0 });
    expect(response.statusCode).toBe(201);
    expect(response.json().events[0].revision).toBe(1);
  });

  it('given a recorded id, when the same fact is posted again, then the original comes back and nothing is written', async () => {
    const id = '0b8f1d2e-6a57-4c1e-9d0a-3c2b1a0f9e8d';
    const first = await ledger.post({ ...register, id });
    const before = await head();
    const again = await ledger.post({ ...register, id });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(await head()).toBe(before);
  });

  it('given a recorded id, when a different fact reuses it, then 409 DUPLICATE_EVENT_ID', async () => {
    const id = '0b8f1d2e-6a57-4c1e-9d0a-3c2b1a0f9e8d';
    await ledger.post({ ...register, id });
    const before = await head();
    await expectProblem(await ledger.post({ ...term('2015-2018', '2015-01-01'), id }), 409, 'DUPLICATE_EVENT_ID');
    expect(await head()).toBe(before);
  });

  it('given a fact that breaks a rule, when posted, then 422 RULE_VIOLATED names the rule', async () => {
    const body = await expectProblem(await ledger.post(term('2015-2018', '2015-01-01')), 422, 'RULE_VIOLATED');
    expect(body.rule).toEqual(expect.any(String));
    expect(body.detail).toContain(body.rule);
    expect(await head()).toBe('empty');
  });

  it('given a batch whose third fact breaks a rule, when posted, then nothing of the batch is written', async () => {
    await ledger.post(register);
    const before = await head();
    const response = await ledger.post({ events: [term('2015-2018', '2015-01-01'), term('2019-2022', '2019-01-01'), term('2017-2020', '2017-01-01')] });
    await expectProblem(response, 422, 'RULE_VIOLATED');
    expect(await head()).toBe(before);
    expect(await ledger.store.streamRevision('lg-080707')).toBe(0n);
  });

  it('given a batch spanning two streams, when posted, then 400 and nothing is written', async () => {
    const other = { type: 'LocalGovernmentRegistered', data: { ...quinota, lgId: '080708', name: 'Municipalidad Distrital de Velille' } };
    await expectProblem(await ledger.post({ events: [register, other] }), 400, 'VALIDATION_FAILED');
    expect(await head()).toBe('empty');
  });

  it('given a body over the limit, when posted, then 413 PAYLOAD_TOO_LARGE', async () => {
    const huge = { ...register, data: { ...quinota, name: 'x'.repeat(2 * 1024 * 1024) } };
    await expectProblem(await ledger.post(huge), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('given a closed store, when writing or reading, then 503 STORE_UNAVAILABLE with Retry-After', async () => {
    await ledger.store.close();
    const response = await ledger.post(register);
    await expectProblem(response, 503, 'STORE_UNAVAILABLE');
    expect(response.headers['retry-after']).toMatch(/^\d+$/);
    await expectProblem(await ledger.get('/api/events'), 503, 'STORE_UNAVAILABLE');
  });
});
