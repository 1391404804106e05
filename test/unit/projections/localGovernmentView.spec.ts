import { describe, it } from 'vitest';
import { listLocalGovernments, localGovernmentView } from '../../../projections/localGovernmentView.ts';
import type { Fact } from '../../support/storedEvents.ts';
import { given } from './given.ts';
import { CDP, CHUMBIVILCAS, LED, QUINOTA, TRANSITION, cdpAdopted, cdpContinued, commissionFormed, newTerm, registered } from './quinota.ts';

const led: Fact[] = [
  {
    type: 'PlanDrafted',
    data: {
      planId: LED, lgId: QUINOTA, kind: 'LED', title: 'Plan de Desarrollo Económico Local de Quiñota',
      horizon: { from: 2017, to: 2021 }, objectives: [], draftedOn: '2017-01-10',
    },
  },
  { type: 'PlanAdopted', data: { planId: LED, version: 1, instrument: 'Ordenanza 002-2017 (ilustrativa)', adoptedOn: '2017-02-01' } },
  { type: 'PlanRecognizedAsPublicPolicy', data: { planId: LED, instrument: 'Ordenanza 003-2017 (ilustrativa)', recognizedOn: '2017-03-01' } },
];

const money: Fact[] = [
  { type: 'ProjectRegistered', data: { projectId: 'riego-1', title: 'Riego tecnificado', sector: 'agriculture', lgIds: [CHUMBIVILCAS, QUINOTA], registeredOn: '2018-03-01' } },
  { type: 'FundingCommitted', data: { commitmentId: 'c1', projectId: 'riego-1', funder: 'MINAGRI', amount: '0.10', currency: 'PEN', committedOn: '2018-04-01' } },
  { type: 'FundingCommitted', data: { commitmentId: 'c2', projectId: 'riego-1', funder: 'MINAGRI', amount: '0.20', currency: 'PEN', committedOn: '2018-05-01' } },
  { type: 'BudgetAllocated', data: { allocationId: 'a1', lgId: QUINOTA, fiscalYear: 2019, projectId: 'riego-1', planId: CDP, process: 'participatory', amount: '1500.05', currency: 'PEN', allocatedOn: '2019-03-01' } },
];

const story: Fact[] = [...registered, ...cdpAdopted, ...led, commissionFormed, ...newTerm, cdpContinued, ...money];

describe('localGovernmentView', () => {
  it('shows Quiñota with its terms, plans, transition and money', () => {
    given(story).expect((v) => localGovernmentView(v, QUINOTA)).toEqual({
      atPosition: String(story.length),
      lgId: QUINOTA, name: 'Quiñota', level: 'district', province: 'Chumbivilcas', department: 'Cusco',
      currentTerm: { termId: '2019-2022', mayor: 'Alcaldesa B (ilustrativa)', startedOn: '2019-01-01', endedOn: null },
      terms: [
        { termId: '2015-2018', mayor: 'Alcalde A (ilustrativo)', startedOn: '2015-01-01', endedOn: '2018-12-31' },
        { termId: '2019-2022', mayor: 'Alcaldesa B (ilustrativa)', startedOn: '2019-01-01', endedOn: null },
      ],
      plans: [
        {
          planId: CDP, kind: 'CDP', title: 'Plan de Desarrollo Concertado de Quiñota', status: 'adopted',
          currentVersion: 2, adoptedVersion: 2, adoptedOn: '2016-07-01', adoptedUnderTermId: '2015-2018', currentTermDecision: 'continue',
        },
        {
          planId: LED, kind: 'LED', title: 'Plan de Desarrollo Económico Local de Quiñota', status: 'public-policy',
          currentVersion: 1, adoptedVersion: 1, adoptedOn: '2017-02-01', adoptedUnderTermId: '2015-2018', currentTermDecision: 'pending',
        },
      ],
      transitions: [
        {
          transitionId: TRANSITION, outgoingTermId: '2015-2018', incomingTermId: '2019-2022', formedOn: '2018-11-05',
          status: 'open', signedOn: null, openObservations: 0,
        },
      ],
      allocations: {
        items: [{
          allocationId: 'a1', lgId: QUINOTA, fiscalYear: 2019, projectId: 'riego-1', planId: CDP, objectiveCode: null,
          process: 'participatory', amount: '1500.05', currency: 'PEN', allocatedOn: '2019-03-01', position: String(story.length),
        }],
        total: '1500.05',
      },
      committedFunding: { total: '0.30', projects: 1 },
      bySector: [{ sector: 'agriculture', committed: '0.30', allocated: '1500.05', projects: 1 }],
    });
  });

  it('as of a date in the old term (between the two commitments), shows that term as current and nothing yet to decide', () => {
    given(story).at({ asOf: '2018-04-15' }).expect((v) => localGovernmentView(v, QUINOTA)).toMatchObject({
      asOf: '2018-04-15',
      currentTerm: { termId: '2015-2018', endedOn: null },
      terms: [{ termId: '2015-2018', endedOn: null }],
      plans: [{ planId: CDP, currentTermDecision: null }, { planId: LED, currentTermDecision: null }],
      transitions: [],
      allocations: { items: [], total: '0.00' },
      committedFunding: { total: '0.10', projects: 1 },
    });
  });

  it('as of the day after the new term started, the CDP is inherited and pending', () => {
    given(story).at({ asOf: '2019-01-02' }).expect((v) => localGovernmentView(v, QUINOTA)?.plans[0]).toMatchObject({
      adoptedUnderTermId: '2015-2018', currentTermDecision: 'pending',
    });
  });

  it('as known at a position before a fact, does not show it', () => {
    const drafted = registered.length + 1;
    given(story).at({ atPosition: BigInt(drafted) }).expect((v) => localGovernmentView(v, QUINOTA)?.plans).toMatchObject([
      { planId: CDP, status: 'drafted', currentVersion: 1, adoptedVersion: null, adoptedUnderTermId: null },
    ]);
  });

  it('is undefined for a local government not registered', () => {
    given(story).expect((v) => localGovernmentView(v, '080708')).toBeUndefined();
  });
});

describe('listLocalGovernments', () => {
  it('summarizes each local government', () => {
    given(story).expect(listLocalGovernments).toEqual({
      atPosition: String(story.length),
      localGovernments: [{
        lgId: QUINOTA, name: 'Quiñota', level: 'district', province: 'Chumbivilcas', department: 'Cusco',
        currentTerm: { termId: '2019-2022', mayor: 'Alcaldesa B (ilustrativa)' },
        transitionStatus: 'open',
        plans: { total: 2, drafted: 0, adopted: 1, publicPolicy: 1 },
        committed: '0.30',
        allocated: '1500.05',
      }],
    });
  });

  it('between terms, shows no current term', () => {
    given([...registered, newTerm[0]!]).expect((v) => listLocalGovernments(v).localGovernments[0]?.currentTerm).toBeNull();
  });
});
