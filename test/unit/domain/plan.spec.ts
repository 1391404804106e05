import { describe, it } from 'vitest';
import { eventId, given } from '../../support/decider.ts';
import {
  CHUMBIVILCAS,
  OUTGOING,
  entryRetracted,
  inheritanceDecided,
  lgRegistered,
  planAdopted,
  planDrafted,
  planRecognized,
  planUpdated,
  quinotaAfterElections,
  quinotaWithAdoptedPlan,
  termStarted,
} from './fixtures.ts';

describe('a plan', () => {
  it('is drafted for a registered local government', () => {
    given([lgRegistered()]).when(planDrafted()).then([planDrafted()]);
  });

  it('is not drafted for a local government that is not registered', () => {
    given([]).when(planDrafted()).thenViolates('LOCAL_GOVERNMENT_UNKNOWN');
  });

  it('is drafted only once', () => {
    given([lgRegistered(), planDrafted()]).when(planDrafted({ title: 'Otro PDC' })).thenViolates('PLAN_ALREADY_DRAFTED');
  });

  it('that was never drafted cannot be updated', () => {
    given([lgRegistered()]).when(planUpdated()).thenViolates('PLAN_UNKNOWN');
  });

  it('is updated to the next version', () => {
    given([lgRegistered(), planDrafted()]).when(planUpdated({ version: 2 })).then([planUpdated({ version: 2 })]);
    given([lgRegistered(), planDrafted(), planUpdated({ version: 2 })])
      .when(planUpdated({ version: 3, updatedOn: '2017-09-01' }))
      .then([planUpdated({ version: 3, updatedOn: '2017-09-01' })]);
  });

  it('does not skip or repeat a version', () => {
    given([lgRegistered(), planDrafted()]).when(planUpdated({ version: 3 })).thenViolates('PLAN_VERSION_NOT_CONSECUTIVE');
    given([lgRegistered(), planDrafted(), planUpdated()]).when(planUpdated({ version: 2 })).thenViolates('PLAN_VERSION_NOT_CONSECUTIVE');
  });

  it('is not updated before it was drafted', () => {
    given([lgRegistered(), planDrafted()]).when(planUpdated({ updatedOn: '2016-02-29' })).thenViolates('DATED_BEFORE_SUBJECT');
  });

  it('is adopted at an existing version', () => {
    given([lgRegistered(), planDrafted()]).when(planAdopted()).then([planAdopted()]);
  });

  it('is not adopted at a version that does not exist', () => {
    given([lgRegistered(), planDrafted()]).when(planAdopted({ version: 2 })).thenViolates('PLAN_VERSION_UNKNOWN');
  });

  it('is adopted again at a newer version', () => {
    const v2 = planAdopted({ version: 2, adoptedOn: '2017-06-01' });
    given([...quinotaWithAdoptedPlan(), planUpdated()]).when(v2).then([v2]);
  });

  it('is not adopted twice at the same version, nor back at an older one', () => {
    given(quinotaWithAdoptedPlan()).when(planAdopted({ adoptedOn: '2016-07-01' })).thenViolates('PLAN_VERSION_ALREADY_ADOPTED');
    given([...quinotaWithAdoptedPlan(), planUpdated(), planAdopted({ version: 2, adoptedOn: '2017-06-01' })])
      .when(planAdopted({ version: 1, adoptedOn: '2017-07-01' }))
      .thenViolates('PLAN_VERSION_ALREADY_ADOPTED');
  });

  it('whose adoption was retracted can be adopted again', () => {
    const history = [...quinotaWithAdoptedPlan(), entryRetracted({ eventId: eventId(3), retractedOn: '2016-07-01' })];
    given(history).when(planAdopted({ adoptedOn: '2016-08-01' })).then([planAdopted({ adoptedOn: '2016-08-01' })]);
  });
});

describe('recognizing a plan as public policy', () => {
  it('is done once the plan is adopted', () => {
    given(quinotaWithAdoptedPlan()).when(planRecognized()).then([planRecognized()]);
  });

  it('is refused for a plan not adopted', () => {
    given([lgRegistered(), planDrafted()]).when(planRecognized()).thenViolates('PLAN_NOT_ADOPTED');
  });

  it('is refused when dated before the adoption', () => {
    given(quinotaWithAdoptedPlan()).when(planRecognized({ recognizedOn: '2016-05-31' })).thenViolates('PLAN_NOT_ADOPTED');
  });

  it('is refused for a plan never drafted', () => {
    given([lgRegistered()]).when(planRecognized()).thenViolates('PLAN_UNKNOWN');
  });

  it('happens only once', () => {
    given([...quinotaWithAdoptedPlan(), planRecognized()])
      .when(planRecognized({ recognizedOn: '2018-01-01' }))
      .thenViolates('PLAN_ALREADY_RECOGNIZED');
  });
});

describe('inheriting a plan', () => {
  /** Quiñota after the 2018 elections, with a CDP adopted under the outgoing term. */
  const inherited = () => [...quinotaAfterElections(), planDrafted(), planAdopted()];

  it('is decided by the incoming term while in office', () => {
    for (const decision of ['continue', 'revise', 'replace'] as const) {
      given(inherited()).when(inheritanceDecided({ decision })).then([inheritanceDecided({ decision })]);
    }
  });

  it('is decided once per plan and term', () => {
    given([...inherited(), inheritanceDecided()])
      .when(inheritanceDecided({ decision: 'replace', decidedOn: '2019-05-01' }))
      .thenViolates('INHERITANCE_ALREADY_DECIDED');
  });

  it('is not decided by a term that has not started', () => {
    given([lgRegistered(), termStarted(), planDrafted(), planAdopted()])
      .when(inheritanceDecided({ decidedOn: '2018-12-01' }))
      .thenViolates('TERM_UNKNOWN');
  });

  it('is not decided on a day another term was in office', () => {
    given(inherited()).when(inheritanceDecided({ decidedOn: '2018-12-01' })).thenViolates('INHERITANCE_NOT_BY_TERM_IN_OFFICE');
    given(inherited())
      .when(inheritanceDecided({ termId: OUTGOING, decidedOn: '2019-02-01' }))
      .thenViolates('INHERITANCE_NOT_BY_TERM_IN_OFFICE');
  });

  it('is not decided for a plan of another local government', () => {
    const provincial = lgRegistered({ lgId: CHUMBIVILCAS, name: 'Municipalidad Provincial de Chumbivilcas', level: 'provincial' });
    given([...inherited(), provincial])
      .when(inheritanceDecided({ lgId: CHUMBIVILCAS }))
      .thenViolates('PLAN_OF_ANOTHER_LOCAL_GOVERNMENT');
  });

  it('is not decided for a local government that is not registered', () => {
    given([planDrafted(), planAdopted()]).when(inheritanceDecided()).thenViolates('LOCAL_GOVERNMENT_UNKNOWN');
  });

  it('is not decided for a plan that was never adopted', () => {
    given([...quinotaAfterElections(), planDrafted()]).when(inheritanceDecided()).thenViolates('PLAN_NOT_ADOPTED');
  });

  it('is not decided for a plan never drafted', () => {
    given(quinotaAfterElections()).when(inheritanceDecided()).thenViolates('PLAN_UNKNOWN');
  });

  it('is not decided for a plan the term adopted itself', () => {
    given([...quinotaAfterElections(), planDrafted(), planAdopted({ adoptedOn: '2019-01-01' })])
      .when(inheritanceDecided({ decidedOn: '2019-02-01' }))
      .thenViolates('PLAN_NOT_INHERITED');
  });
});
