import { v4 as uuidv4 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLedger, type TestLedger } from './support/testLedger.ts';

/**
 * "Which events concern a local government" has one definition (src/readModels/lgScope.ts), kept by
 * the lg index; the changes API, the CLI diff and the report read it instead of keeping their own.
 */
describe('the events that concern a local government, one definition for the index, the changes API and the report', () => {
  let ledger: TestLedger;
  let head: string;
  const append = (stream: string, type: string, data: unknown) =>
    ledger.store.appendToStream(stream, [{ id: uuidv4(), type, schemaVersion: 1, data, recordedAt: '2020-01-01T00:00:00.000Z', actor: 'test' }]);
  const lg = (lgId: string) => ({ lgId, name: `Municipalidad ${lgId}`, level: 'district', province: 'P', department: 'D' });

  beforeAll(async () => {
    ledger = await startTestLedger();
    // Appended to the store directly: today's rules forbid citing another one's plan, but a fold must answer for any log.
    await append('lg-111111', 'LocalGovernmentRegistered', lg('111111'));
    await append('lg-222222', 'LocalGovernmentRegistered', lg('222222'));
    await append('plan-p', 'PlanDrafted', { planId: 'p', lgId: '111111', kind: 'CDP', title: 'PDC', horizon: { from: 2016, to: 2021 }, objectives: [{ code: 'OE1', text: 'x' }], draftedOn: '2016-01-01' });
    await append('project-x', 'ProjectRegistered', { projectId: 'x', title: 'Riego', sector: 'agriculture', lgIds: ['111111'], registeredOn: '2016-01-01' });
    await append('table-t', 'TechnicalTableEstablished', { tableId: 't', name: 'Mesa técnica', scope: 'municipal-led', lgIds: ['111111'], members: [{ name: 'Ana', sector: 'salud' }], establishedOn: '2016-03-01' });
    await append('budget-222222', 'BudgetAllocated', { allocationId: 'a', lgId: '222222', fiscalYear: 2017, projectId: 'x', planId: 'p', process: 'participatory', amount: '10.00', currency: 'PEN', allocatedOn: '2017-01-01' });
    head = String(await ledger.store.headPosition());
  });
  afterAll(async () => ledger.close());

  const typesBetween = async (from: string, to: string) => {
    const response = await ledger.get(`/api/local-governments/111111/changes?from=${from}&to=${to}`);
    expect(response.statusCode).toBe(200);
    return (response.json().events as Array<{ type: string; stream: string }>).map((e) => `${e.type}@${e.stream}`);
  };

  it('given another local government’s allocation citing its plan and a technical table naming it, when its changes are read between positions, then both are listed', async () => {
    expect(await typesBetween('0', head)).toEqual([
      'LocalGovernmentRegistered@lg-111111', 'PlanDrafted@plan-p', 'ProjectRegistered@project-x', 'TechnicalTableEstablished@table-t', 'BudgetAllocated@budget-222222',
    ]);
  });

  it('given the same log, when its changes are read between dates, then they are the same events that happened in between', async () => {
    expect(await typesBetween('2016-02-01', '2017-12-31')).toEqual(['TechnicalTableEstablished@table-t', 'BudgetAllocated@budget-222222']);
  });

  it('given the other local government, when its changes are read, then its allocation and the plan and project it cites are listed, the first one’s table is not', async () => {
    const response = await ledger.get(`/api/local-governments/222222/changes?from=0&to=${head}`);
    expect((response.json().events as Array<{ stream: string }>).map((e) => e.stream)).toEqual(['lg-222222', 'plan-p', 'project-x', 'budget-222222']);
  });
});
