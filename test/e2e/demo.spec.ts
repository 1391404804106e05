import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLedger } from '../../src/seed/seedLedger.ts';
import { startTestLedger, type TestLedger } from './support/testLedger.ts';

/** The Chumbivilcas 2018 story, recorded through the write path and read back through the API. */
describe('the Chumbivilcas 2018 demo, through the HTTP API', () => {
  let ledger: TestLedger;
  const json = async (url: string) => {
    const response = await ledger.get(url);
    expect(response.statusCode, url).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    ledger = await startTestLedger();
    const result = await seedLedger(ledger.record, 'chumbivilcas-2018');
    expect(result.recorded).toBeGreaterThan(200);
  });
  afterAll(async () => ledger.close());

  it('records eight local governments of the province: the provincial municipality and districts 080702–080708', async () => {
    const { localGovernments } = await json('/api/local-governments');
    expect(localGovernments.map((lg: { lgId: string }) => lg.lgId)).toEqual(['080701', '080702', '080703', '080704', '080705', '080706', '080707', '080708']);
    expect(localGovernments.find((lg: { lgId: string }) => lg.lgId === '080701')).toMatchObject({ level: 'provincial' });
    expect(localGovernments.find((lg: { lgId: string }) => lg.lgId === '080707')).toMatchObject({ name: 'Municipalidad Distrital de Quiñota', level: 'district' });
  });

  it('commits exactly S/ 166,000,000.00 to 32 projects in agriculture, education, housing and transportation', async () => {
    const budget = await json('/api/budget');
    expect(budget.committed).toBe('166000000.00');
    expect(budget.projects).toBe(32);
    expect(budget.bySector.map((s: { sector: string }) => s.sector)).toEqual(['agriculture', 'education', 'housing', 'transportation']);
    const sum = budget.bySector.reduce((acc: bigint, s: { committed: string }) => acc + BigInt(s.committed.replace('.', '')), 0n);
    expect(sum).toBe(16_600_000_000n);
  });

  it('gives every local government a CDP updated in 2018 and adopted, and recognizes four LED plans as public policy', async () => {
    let led = 0;
    for (const lgId of ['080701', '080702', '080703', '080704', '080705', '080706', '080707', '080708']) {
      const lg = await json(`/api/local-governments/${lgId}?asOf=2018-12-31`);
      const cdp = lg.plans.find((p: { kind: string }) => p.kind === 'CDP');
      expect(cdp, lgId).toMatchObject({ status: 'adopted', currentVersion: 2, adoptedUnderTermId: '2015-2018' });
      const plan = await json(`/api/plans/${cdp.planId}`);
      expect(plan.lineage.find((s: { step: string }) => s.step === 'updated').on).toMatch(/^2018-/);
      led += lg.plans.filter((p: { kind: string; status: string }) => p.kind === 'LED' && p.status === 'public-policy').length;
    }
    expect(led).toBe(4);
  });

  it('shows Quiñota governed by the outgoing authority on 2018-12-31, with its transition signed', async () => {
    const lg = await json('/api/local-governments/080707?asOf=2018-12-31');
    expect(lg.currentTerm).toMatchObject({ termId: '2015-2018', endedOn: '2018-12-31' });
    expect(lg.terms.map((t: { termId: string }) => t.termId)).toEqual(['2015-2018']);
    expect(lg.transitions).toEqual([expect.objectContaining({ transitionId: 'tr-080707-2018', status: 'signed' })]);
    const inherited = await json('/api/local-governments/080707/inherited-plans?asOf=2018-12-31');
    expect(inherited.plans).toEqual([]);
  });

  it('shows Quiñota governed by the incoming authority on 2019-01-02, its inherited CDP still pending', async () => {
    const lg = await json('/api/local-governments/080707?asOf=2019-01-02');
    expect(lg.currentTerm).toMatchObject({ termId: '2019-2022', startedOn: '2019-01-01' });
    const inherited = await json('/api/local-governments/080707/inherited-plans?asOf=2019-01-02');
    expect(inherited.plans.find((p: { kind: string }) => p.kind === 'CDP')).toMatchObject({ decision: 'pending', adoptedUnderTermId: '2015-2018' });
  });

  it('shows the new authorities of Chumbivilcas and Quiñota continuing their predecessors’ CDPs and citing them in 2019 participatory budgeting', async () => {
    for (const lgId of ['080701', '080707']) {
      const inherited = await json(`/api/local-governments/${lgId}/inherited-plans`);
      const cdp = inherited.plans.find((p: { kind: string }) => p.kind === 'CDP');
      expect(cdp, lgId).toMatchObject({ decision: 'continue', citedByAllocations: true });
      expect(cdp.allocations.every((a: { process: string; fiscalYear: number }) => a.process === 'participatory' && a.fiscalYear === 2019)).toBe(true);
    }
    const others = await json('/api/local-governments/080703/inherited-plans');
    expect(others.plans.find((p: { kind: string }) => p.kind === 'CDP').decision).toBe('pending');
  });

  it('hands the LED plans over in the transitions, and signs every act with no observation open', async () => {
    const dossier = await json('/api/transitions/tr-080707-2018');
    expect(dossier.status).toBe('signed');
    expect(dossier.items.some((i: { category: string; ref?: string }) => i.category === 'plan' && i.ref?.startsWith('pdel-'))).toBe(true);
    expect(dossier.observations.open).toEqual([]);
    expect(dossier.observations.resolved.length).toBeGreaterThan(0);
    expect(dossier.act).toMatchObject({ signedOn: expect.stringMatching(/^2018-12-/) });
    expect(dossier.commission.outgoing.length).toBeGreaterThan(0);
    expect(dossier.commission.incoming.length).toBeGreaterThan(0);
  });

  it('answers as known at a past position: before the decision was recorded, the CDP is pending', async () => {
    const { events } = await json('/api/events?type=PlanInheritanceDecided&limit=10');
    const quinota = events.find((e: { data: { lgId: string } }) => e.data.lgId === '080707');
    const before = BigInt(quinota.position) - 1n;
    const inherited = await json(`/api/local-governments/080707/inherited-plans?atPosition=${before}`);
    expect(inherited.plans.find((p: { kind: string }) => p.kind === 'CDP').decision).toBe('pending');
  });

  it('records the demo as its own actor, and the whole chain verifies', async () => {
    const { events } = await json('/api/events?limit=5');
    expect(events.every((e: { actor: string }) => e.actor === 'demo-seed')).toBe(true);
    const report = await json('/api/audit/verify');
    expect(report).toMatchObject({ ok: true, problems: [] });
    expect(report.checkedEvents).toBeGreaterThan(200);
  });
});
