import { describe, it } from 'vitest';
import { eventId, given } from '../../support/decider.ts';
import {
  CHUMBIVILCAS,
  commissionFormed,
  decisionRecorded,
  entryRetracted,
  itemRecorded,
  lgRegistered,
  observationRaised,
  planDrafted,
  projectRegistered,
  quinotaAfterElections,
  tableEstablished,
  termStarted,
} from './fixtures.ts';

/** Issue 10, item 1: a retraction hides a fact from the views but never frees the id it introduced. */
describe('an id once recorded', () => {
  const retract = (index: number) => entryRetracted({ eventId: eventId(index), retractedOn: '2019-04-01' });

  it('given a plan drafted and retracted, when a plan with that id is drafted for another local government, then PLAN_ALREADY_DRAFTED', () => {
    // 0 Quiñota registered, 1 term started, 2 plan drafted, 3 Chumbivilcas registered, 4 retraction of 2.
    given([lgRegistered(), termStarted(), planDrafted(), lgRegistered({ lgId: CHUMBIVILCAS, name: 'Chumbivilcas', level: 'provincial' }), retract(2)])
      .when(planDrafted({ lgId: CHUMBIVILCAS }))
      .thenViolates('PLAN_ALREADY_DRAFTED');
  });

  it('given a transition formed and retracted, when it is formed again, then TRANSITION_ALREADY_FORMED', () => {
    const history = [...quinotaAfterElections(), commissionFormed()];
    given([...history, retract(history.length - 1)]).when(commissionFormed()).thenViolates('TRANSITION_ALREADY_FORMED');
  });

  it.each([
    ['item', itemRecorded(), 'HANDOVER_ITEM_ALREADY_RECORDED'],
    ['decision', decisionRecorded(), 'COMMISSION_DECISION_ALREADY_RECORDED'],
    ['observation', observationRaised(), 'OBSERVATION_ALREADY_RAISED'],
  ] as const)('given a handover %s recorded and retracted, when its id is recorded again, then %s', (_kind, fact, rule) => {
    const history = [...quinotaAfterElections(), commissionFormed(), fact];
    given([...history, retract(history.length - 1)]).when(fact).thenViolates(rule);
  });

  it('given a technical table and a project retracted, when their ids are used again, then TABLE_ALREADY_ESTABLISHED and PROJECT_ALREADY_REGISTERED', () => {
    given([lgRegistered(), tableEstablished(), retract(1)]).when(tableEstablished()).thenViolates('TABLE_ALREADY_ESTABLISHED');
    given([lgRegistered(), projectRegistered(), retract(1)]).when(projectRegistered()).thenViolates('PROJECT_ALREADY_REGISTERED');
  });

  it('given a local government registration retracted, when it is registered again, then it is accepted: a ubigeo names a place, not a claim', () => {
    given([lgRegistered(), retract(0)]).when(lgRegistered()).then([lgRegistered()]);
  });
});
