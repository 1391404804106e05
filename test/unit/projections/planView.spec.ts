import { expect } from 'vitest';
import { describe, it } from 'vitest';
import { planView } from '../../../projections/planView.ts';
import { eventIdAt, type Fact } from '../../support/storedEvents.ts';
import { given } from './given.ts';
import { CDP, QUINOTA, cdpAdopted, cdpContinued, newTerm, registered } from './quinota.ts';

// Positions: 1-2 registered, 3 drafted, 4 updated, 5 adopted, 6-7 new term, 8 recognized,
// 9 decided, 10 allocation.
const story: Fact[] = [
  ...registered, ...cdpAdopted, ...newTerm,
  { type: 'PlanRecognizedAsPublicPolicy', data: { planId: CDP, instrument: 'Ordenanza 010-2018 (ilustrativa)', recognizedOn: '2018-10-01' } },
  cdpContinued,
  {
    type: 'BudgetAllocated',
    data: { allocationId: 'a1', lgId: QUINOTA, fiscalYear: 2019, projectId: 'riego-1', planId: CDP, process: 'participatory', amount: '250000.00', currency: 'PEN', allocatedOn: '2019-03-01' },
  },
];

describe('planView', () => {
  it('shows identity and lineage in log order, with the adopting term and citing allocations', () => {
    given(story).expect((v) => planView(v, CDP)).toEqual({
      atPosition: '10',
      planId: CDP, lgId: QUINOTA, kind: 'CDP', title: 'Plan de Desarrollo Concertado de Quiñota',
      horizon: { from: 2016, to: 2021 }, status: 'public-policy', currentVersion: 2,
      objectives: [{ code: 'OE1', text: 'Mejorar la producción agropecuaria' }],
      lineage: [
        { step: 'drafted', on: '2016-03-01', version: 1, position: '3' },
        { step: 'updated', on: '2016-06-15', version: 2, summary: 'Actualización participativa', objectivesReplaced: false, position: '4' },
        { step: 'adopted', on: '2016-07-01', version: 2, instrument: 'Ordenanza Municipal 005-2016 (ilustrativa)', termId: '2015-2018', position: '5' },
        { step: 'recognized-as-public-policy', on: '2018-10-01', instrument: 'Ordenanza 010-2018 (ilustrativa)', position: '8' },
        { step: 'inheritance-decided', on: '2019-02-15', lgId: QUINOTA, termId: '2019-2022', decision: 'continue', position: '9' },
      ],
      allocations: [expect.objectContaining({ allocationId: 'a1', amount: '250000.00' })],
      allocatedTotal: '250000.00',
    });
  });

  it('as of a date before adoption, the plan is a draft at version 2', () => {
    given(story).at({ asOf: '2016-06-30' }).expect((v) => planView(v, CDP)).toMatchObject({
      asOf: '2016-06-30', status: 'drafted', currentVersion: 2, lineage: [{ step: 'drafted' }, { step: 'updated' }], allocatedTotal: '0.00',
    });
  });

  it('is undefined before it was drafted', () => {
    given(story).at({ asOf: '2016-02-29' }).expect((v) => planView(v, CDP)).toBeUndefined();
  });

  describe('given the adoption (position 5) is retracted at position 11', () => {
    const retracted: Fact[] = [...story, { type: 'EntryRetracted', data: { eventId: eventIdAt(5), reason: 'Ordenanza mal citada', retractedOn: '2020-01-10' } }];

    it('still shows the adoption as known at position 10', () => {
      given(retracted).at({ atPosition: 10n }).expect((v) => planView(v, CDP)?.lineage.map((s) => s.step)).toContain('adopted');
    });

    it('no longer shows it from position 11, whatever the asOf', () => {
      given(retracted).expect((v) => planView(v, CDP)).toMatchObject({ atPosition: '11', status: 'public-policy' });
      given(retracted).at({ asOf: '2017-01-01' }).expect((v) => planView(v, CDP)).toMatchObject({
        atPosition: '11', status: 'drafted', lineage: [{ step: 'drafted' }, { step: 'updated' }],
      });
    });
  });
});
