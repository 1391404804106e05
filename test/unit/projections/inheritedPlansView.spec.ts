import { expect } from 'vitest';
import { describe, it } from 'vitest';
import { inheritedPlansView } from '../../../projections/inheritedPlansView.ts';
import type { Fact } from '../../support/storedEvents.ts';
import { given } from './given.ts';
import { CDP, QUINOTA, cdpAdopted, cdpContinued, newTerm, registered } from './quinota.ts';

const allocation = (allocationId: string, amount: string, allocatedOn: string): Fact => ({
  type: 'BudgetAllocated',
  data: {
    allocationId, lgId: QUINOTA, fiscalYear: 2019, projectId: 'riego-1', planId: CDP, objectiveCode: 'OE1',
    process: 'participatory', amount, currency: 'PEN', allocatedOn,
  },
});

const story: Fact[] = [
  ...registered, ...cdpAdopted, ...newTerm, cdpContinued,
  allocation('a1', '0.10', '2019-03-01'), allocation('a2', '0.20', '2019-04-01'),
];

const inherited = {
  planId: CDP, kind: 'CDP', title: 'Plan de Desarrollo Concertado de Quiñota', adoptedOn: '2016-07-01',
  adoptedUnderTermId: '2015-2018', recognizedAsPublicPolicy: false,
};

describe('inheritedPlansView', () => {
  it('shows a plan adopted under 2015-2018 and continued by 2019-2022, with the allocations citing it', () => {
    given(story).expect((v) => inheritedPlansView(v, QUINOTA)).toEqual({
      atPosition: '10',
      lgId: QUINOTA,
      currentTerm: { termId: '2019-2022', mayor: 'Alcaldesa B (ilustrativa)', startedOn: '2019-01-01', endedOn: null },
      plans: [{
        ...inherited,
        decision: 'continue',
        decidedOn: '2019-02-15',
        citedByAllocations: true,
        allocations: [
          expect.objectContaining({ allocationId: 'a1', amount: '0.10', objectiveCode: 'OE1', position: '9' }),
          expect.objectContaining({ allocationId: 'a2', amount: '0.20', position: '10' }),
        ],
        allocatedTotal: '0.30',
      }],
    });
  });

  it('shows it pending before the decision, and not yet cited', () => {
    given(story).at({ asOf: '2019-02-14' }).expect((v) => inheritedPlansView(v, QUINOTA)?.plans).toEqual([{
      ...inherited, decision: 'pending', decidedOn: null, citedByAllocations: false, allocations: [], allocatedTotal: '0.00',
    }]);
  });

  it('shows it pending as known before the decision was recorded', () => {
    const beforeDecision = BigInt(registered.length + cdpAdopted.length + newTerm.length);
    given(story).at({ atPosition: beforeDecision }).expect((v) => inheritedPlansView(v, QUINOTA)?.plans[0]?.decision).toBe('pending');
  });

  it('has nothing inherited while the adopting term is still in office', () => {
    given(story).at({ asOf: '2018-12-31' }).expect((v) => inheritedPlansView(v, QUINOTA)).toMatchObject({
      currentTerm: { termId: '2015-2018' }, plans: [],
    });
  });

  it('does not count a plan adopted by the current term itself', () => {
    const adoptedLate: Fact[] = [...registered, ...cdpAdopted.slice(0, 2), ...newTerm,
      { type: 'PlanAdopted', data: { planId: CDP, version: 2, instrument: 'Ordenanza 001-2019 (ilustrativa)', adoptedOn: '2019-01-20' } }];
    given(adoptedLate).expect((v) => inheritedPlansView(v, QUINOTA)?.plans).toEqual([]);
  });

  it('is undefined for an unregistered local government', () => {
    given(story).expect((v) => inheritedPlansView(v, '080799')).toBeUndefined();
  });
});
