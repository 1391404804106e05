import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLedger } from '../../src/seed/seedLedger.ts';
import { ADMIN_TOKEN, startTestLedger, type TestLedger } from './support/testLedger.ts';

/** Real parallel HTTP: many connections to a listening server, not app.inject(). */
describe('concurrency over real HTTP: one winner per revision, no lost update, rules checked against the state appended to', () => {
  let ledger: TestLedger;
  let base: string;
  const figures = { attempts: 0, conflicts: 0, ruleRefusals: 0, winners: 0 };

  const post = async (body: unknown) => {
    const response = await fetch(`${base}/api/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const funding = (commitmentId: string, expectedRevision?: number) => ({
    type: 'FundingCommitted',
    ...(expectedRevision === undefined ? {} : { expectedRevision }),
    data: { commitmentId, projectId: 'proy-race', funder: 'MEF', amount: '1000.00', currency: 'PEN', committedOn: '2019-05-01' },
  });

  beforeAll(async () => {
    ledger = await startTestLedger();
    await seedLedger(ledger.record, 'chumbivilcas-2018');
    const registered = await ledger.post({ type: 'ProjectRegistered', data: { projectId: 'proy-race', title: 'Proyecto de carrera', sector: 'other', lgIds: ['080707'], registeredOn: '2019-04-01' } });
    expect(registered.statusCode).toBe(201);
    base = await ledger.app.listen({ port: 0, host: '127.0.0.1' });
  }, 60_000);
  afterAll(async () => {
    console.log(`[concurrency] ${figures.attempts} racing requests: ${figures.winners} won, ${figures.conflicts} got 409 CONCURRENCY_CONFLICT, ${figures.ruleRefusals} got 422 RULE_VIOLATED`);
    await ledger.close();
  });

  it('given 15 rounds of 20 clients appending with the same expectedRevision, then each round has exactly one 201 and nineteen 409, and every winner is in the stream', async () => {
    const winners: string[] = [];
    for (let round = 0; round < 15; round++) {
      const revision = Number(await ledger.store.streamRevision('project-proy-race'));
      const results = await Promise.all(Array.from({ length: 20 }, (_, c) => post(funding(`r${round}-c${c}`, revision))));
      figures.attempts += results.length;
      const won = results.filter((r) => r.status === 201);
      const lost = results.filter((r) => r.status === 409);
      figures.winners += won.length;
      figures.conflicts += lost.length;
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(19);
      for (const r of lost) expect(r.body).toMatchObject({ code: 'CONCURRENCY_CONFLICT', stream: 'project-proy-race', expectedRevision: String(revision) });
      expect(won[0]!.body.events[0].revision).toBe(revision + 1);
      winners.push(won[0]!.body.events[0].id);
    }
    const stream = await ledger.store.readStream('project-proy-race');
    expect(stream.slice(1).map((e) => e.id)).toEqual(winners);
  });

  it('given 60 clients appending to one stream without expectedRevision, then all succeed with distinct, contiguous revisions and the chain verifies', async () => {
    const before = Number(await ledger.store.streamRevision('project-proy-race'));
    const results = await Promise.all(Array.from({ length: 60 }, (_, c) => post(funding(`free-${c}`))));
    figures.attempts += results.length;
    figures.winners += results.filter((r) => r.status === 201).length;
    expect(results.map((r) => r.status)).toEqual(Array(60).fill(201));
    const revisions = results.map((r) => r.body.events[0].revision).sort((a: number, b: number) => a - b);
    expect(revisions).toEqual(Array.from({ length: 60 }, (_, i) => before + 1 + i));
    const commitments = (await ledger.store.readStream('project-proy-race')).map((e) => (e.data as { commitmentId: string }).commitmentId);
    for (let c = 0; c < 60; c++) expect(commitments).toContain(`free-${c}`);
    expect(((await (await fetch(`${base}/api/audit/verify`)).json()) as { ok: boolean }).ok).toBe(true);
  });

  it('given 20 clients allocating the same allocationId at once, then exactly one passes the rule and the rest are refused by it', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, c) =>
        post({
          type: 'BudgetAllocated',
          data: {
            allocationId: 'pp2019-080707-race', lgId: '080707', fiscalYear: 2019, projectId: 'proy-2018-agr-03', planId: 'pdlc-080707-2017-2021',
            process: 'participatory', amount: `${1000 + c}.00`, currency: 'PEN', allocatedOn: '2019-03-08',
          },
        }),
      ),
    );
    figures.attempts += results.length;
    const won = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status === 422);
    figures.winners += won.length;
    figures.ruleRefusals += refused.length;
    expect(won).toHaveLength(1);
    expect(refused).toHaveLength(19);
    for (const r of refused) expect(r.body).toMatchObject({ code: 'RULE_VIOLATED', rule: 'ALLOCATION_ALREADY_RECORDED' });
    const recorded = (await ledger.store.readStream('budget-080707')).filter((e) => (e.data as { allocationId: string }).allocationId === 'pp2019-080707-race');
    expect(recorded).toHaveLength(1);
  });

  it('given 12 clients deciding the inheritance of one plan by one term at once, each differently, then exactly one decision is recorded', async () => {
    const decisions = ['continue', 'revise', 'replace'] as const;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, c) =>
        post({ type: 'PlanInheritanceDecided', data: { planId: 'pdlc-080702-2017-2021', lgId: '080702', termId: '2019-2022', decision: decisions[c % 3], decidedOn: '2019-02-01' } }),
      ),
    );
    figures.attempts += results.length;
    const won = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status === 422);
    figures.winners += won.length;
    figures.ruleRefusals += refused.length;
    expect(won).toHaveLength(1);
    expect(refused).toHaveLength(11);
    for (const r of refused) expect(r.body).toMatchObject({ code: 'RULE_VIOLATED', rule: 'INHERITANCE_ALREADY_DECIDED' });
  });
});
