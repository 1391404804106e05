import { describe, it } from 'vitest';
import { budgetView } from '../../../projections/budgetView.ts';
import { eventIdAt, type Fact } from '../../support/storedEvents.ts';
import { given } from './given.ts';
import { CDP, CHUMBIVILCAS, QUINOTA, registered } from './quinota.ts';

const SECTORS = ['agriculture', 'education', 'housing', 'transportation'] as const;

/**
 * The seed's 2018 commitment: 166 million soles to 32 projects in four sectors. The split is
 * illustrative: 31 projects of 5,187,500.01 and one of 5,187,499.69, so céntimos must add exactly.
 */
function seedCommitments(): Fact[] {
  const facts: Fact[] = [];
  for (let i = 0; i < 32; i++) {
    const projectId = `p-${i}`;
    const lgIds = i === 0 ? [CHUMBIVILCAS, QUINOTA] : [CHUMBIVILCAS];
    facts.push(
      { type: 'ProjectRegistered', data: { projectId, title: `Proyecto ${i} (ilustrativo)`, sector: SECTORS[i % 4]!, lgIds, registeredOn: '2018-02-01' } },
      {
        type: 'FundingCommitted',
        data: { commitmentId: `c-${i}`, projectId, funder: i % 2 === 0 ? 'MINAGRI' : 'MVCS', tableId: 'mesa-chumbivilcas', amount: i === 31 ? '5187499.69' : '5187500.01', currency: 'PEN', committedOn: '2018-06-01' },
      },
    );
  }
  return facts;
}

const allocate = (allocationId: string, amount: string): Fact => ({
  type: 'BudgetAllocated',
  data: { allocationId, lgId: QUINOTA, fiscalYear: 2019, projectId: 'p-0', planId: CDP, process: 'participatory', amount, currency: 'PEN', allocatedOn: '2019-03-01' },
});

const story: Fact[] = [...registered, ...seedCommitments(), allocate('a1', '0.10'), allocate('a2', '0.20')];

describe('budgetView', () => {
  it('adds the seed commitments exactly, counting a two-lg project once', () => {
    given(story).expect(budgetView).toMatchObject({
      committed: '166000000.00',
      allocated: '0.30',
      projects: 32,
      fundedProjects: 32,
      commitments: 32,
      bySector: [
        { sector: 'agriculture', committed: '41500000.08', allocated: '0.30', projects: 8 },
        { sector: 'education', committed: '41500000.08', allocated: '0.00', projects: 8 },
        { sector: 'housing', committed: '41500000.08', allocated: '0.00', projects: 8 },
        { sector: 'transportation', committed: '41499999.76', allocated: '0.00', projects: 8 },
      ],
      byFunder: [
        { funder: 'MINAGRI', committed: '83000000.16', commitments: 16, projects: 16 },
        { funder: 'MVCS', committed: '82999999.84', commitments: 16, projects: 16 },
      ],
    });
  });

  it('credits each local government a shared project in full', () => {
    given(story).expect((v) => budgetView(v).byLocalGovernment).toEqual([
      { lgId: CHUMBIVILCAS, name: null, committed: '166000000.00', allocated: '0.00', projects: 32 },
      { lgId: QUINOTA, name: 'Quiñota', committed: '5187500.01', allocated: '0.30', projects: 1 },
    ]);
  });

  it('as of a date before the commitments, shows the projects unfunded', () => {
    given(story).at({ asOf: '2018-05-31' }).expect(budgetView).toMatchObject({
      asOf: '2018-05-31', committed: '0.00', projects: 32, fundedProjects: 0, byFunder: [],
    });
  });

  it('drops a retracted commitment once the retraction is recorded', () => {
    const c0 = registered.length + 2; // p-0's commitment
    const retracted = [...story, { type: 'EntryRetracted', data: { eventId: eventIdAt(c0), reason: 'Duplicado', retractedOn: '2018-07-01' } } as Fact];
    const end = BigInt(retracted.length);
    given(retracted).at({ atPosition: end - 1n }).expect((v) => budgetView(v).committed).toBe('166000000.00');
    given(retracted).at({ atPosition: end }).expect((v) => budgetView(v).committed).toBe('160812499.99');
  });
});
