import type { Fact } from '../../support/storedEvents.ts';

/**
 * The district of Quiñota (ubigeo 080707, province of Chumbivilcas, Cusco) through the 2018
 * transition. Mayors' names, ordinance numbers and amounts are illustrative, not from the seed.
 * The provincial municipality of Chumbivilcas is filed under its seat's ubigeo, 080701.
 */
export const QUINOTA = '080707';
export const CHUMBIVILCAS = '080701';
export const CDP = 'cdp-080707';
export const LED = 'led-080707';
export const TRANSITION = 'tr-080707-2018';

export const registered: Fact[] = [
  { type: 'LocalGovernmentRegistered', data: { lgId: QUINOTA, name: 'Quiñota', level: 'district', province: 'Chumbivilcas', department: 'Cusco' } },
  { type: 'AuthorityTermStarted', data: { lgId: QUINOTA, termId: '2015-2018', mayor: 'Alcalde A (ilustrativo)', startedOn: '2015-01-01' } },
];

/** The CDP drafted, updated to version 2 and adopted under 2015-2018. */
export const cdpAdopted: Fact[] = [
  {
    type: 'PlanDrafted',
    data: {
      planId: CDP, lgId: QUINOTA, kind: 'CDP', title: 'Plan de Desarrollo Concertado de Quiñota',
      horizon: { from: 2016, to: 2021 }, objectives: [{ code: 'OE1', text: 'Mejorar la producción agropecuaria' }],
      draftedOn: '2016-03-01',
    },
  },
  { type: 'PlanUpdated', data: { planId: CDP, version: 2, summary: 'Actualización participativa', updatedOn: '2016-06-15' } },
  { type: 'PlanAdopted', data: { planId: CDP, version: 2, instrument: 'Ordenanza Municipal 005-2016 (ilustrativa)', adoptedOn: '2016-07-01' } },
];

/** The 2018 elections: the outgoing term ends, the incoming one starts. */
export const newTerm: Fact[] = [
  { type: 'AuthorityTermEnded', data: { lgId: QUINOTA, termId: '2015-2018', endedOn: '2018-12-31' } },
  { type: 'AuthorityTermStarted', data: { lgId: QUINOTA, termId: '2019-2022', mayor: 'Alcaldesa B (ilustrativa)', startedOn: '2019-01-01' } },
];

export const cdpContinued: Fact = {
  type: 'PlanInheritanceDecided',
  data: { planId: CDP, lgId: QUINOTA, termId: '2019-2022', decision: 'continue', decidedOn: '2019-02-15' },
};

export const commissionFormed: Fact = {
  type: 'TransitionCommissionFormed',
  data: {
    transitionId: TRANSITION, lgId: QUINOTA, outgoingTermId: '2015-2018', incomingTermId: '2019-2022',
    members: [
      { name: 'Gerente municipal saliente (ilustrativo)', role: 'presidente', side: 'outgoing' },
      { name: 'Regidor electo (ilustrativo)', role: 'presidente', side: 'incoming' },
      { name: 'Tesorero electo (ilustrativo)', role: 'miembro', side: 'incoming' },
    ],
    formedOn: '2018-11-05',
  },
};
