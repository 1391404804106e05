import { describe, it } from 'vitest';
import { given } from '../../support/decider.ts';
import {
  CHUMBIVILCAS,
  OUTGOING,
  PLAN,
  PROJECT,
  actSigned,
  commissionFormed,
  decisionRecorded,
  itemRecorded,
  lgRegistered,
  observationRaised,
  observationResolved,
  planDrafted,
  projectRegistered,
  termStarted,
} from './fixtures.ts';

/** Quiñota's outgoing term in office and its transition commission formed on 2018-11-15. */
const formed = () => [lgRegistered(), termStarted(), commissionFormed()];

describe('a transition commission', () => {
  it('is formed for a recorded outgoing term, with both sides, before the incoming term starts', () => {
    given([lgRegistered(), termStarted()]).when(commissionFormed()).then([commissionFormed()]);
  });

  it('is formed only once', () => {
    given(formed()).when(commissionFormed({ formedOn: '2018-11-20' })).thenViolates('TRANSITION_ALREADY_FORMED');
  });

  it('is not formed for a local government that is not registered', () => {
    given([]).when(commissionFormed()).thenViolates('LOCAL_GOVERNMENT_UNKNOWN');
  });

  it('is not formed for an outgoing term that was never recorded', () => {
    given([lgRegistered()]).when(commissionFormed()).thenViolates('TERM_UNKNOWN');
  });

  it('goes to a term whose years start after the outgoing term ends', () => {
    given([lgRegistered(), termStarted()]).when(commissionFormed({ incomingTermId: '2018-2022' })).thenViolates('TRANSITION_TERMS_NOT_SUCCESSIVE');
    given([lgRegistered(), termStarted()]).when(commissionFormed({ incomingTermId: OUTGOING })).thenViolates('TRANSITION_TERMS_NOT_SUCCESSIVE');
  });

  it('has members of both the outgoing and the incoming authority', () => {
    const onlyOutgoing = commissionFormed({ members: [{ name: 'Saliente', role: 'Presidente', side: 'outgoing' }] });
    const onlyIncoming = commissionFormed({ members: [{ name: 'Entrante', role: 'Presidente', side: 'incoming' }] });
    given([lgRegistered(), termStarted()]).when(onlyOutgoing).thenViolates('COMMISSION_SIDE_MISSING');
    given([lgRegistered(), termStarted()]).when(onlyIncoming).thenViolates('COMMISSION_SIDE_MISSING');
  });
});

describe('a handover record', () => {
  it('is recorded once the commission is formed', () => {
    given(formed()).when(decisionRecorded()).then([decisionRecorded()]);
    given(formed()).when(itemRecorded({ recordedOn: '2018-11-15' })).then([itemRecorded({ recordedOn: '2018-11-15' })]);
  });

  it('is not recorded in a transition whose commission was never formed', () => {
    given([lgRegistered(), termStarted()]).when(decisionRecorded()).thenViolates('TRANSITION_UNKNOWN');
    given([lgRegistered(), termStarted()]).when(actSigned()).thenViolates('TRANSITION_UNKNOWN');
  });

  it('is not dated before the commission was formed', () => {
    given(formed()).when(itemRecorded({ recordedOn: '2018-11-14' })).thenViolates('DATED_BEFORE_SUBJECT');
    given(formed()).when(decisionRecorded({ decidedOn: '2018-11-01' })).thenViolates('DATED_BEFORE_SUBJECT');
  });

  it('is not recorded after the act is signed, a second act included', () => {
    const signed = [...formed(), actSigned()];
    given(signed).when(itemRecorded({ recordedOn: '2018-12-21' })).thenViolates('HANDOVER_ACT_ALREADY_SIGNED');
    given(signed).when(observationRaised({ raisedOn: '2018-12-21' })).thenViolates('HANDOVER_ACT_ALREADY_SIGNED');
    given(signed).when(actSigned({ signedOn: '2018-12-22' })).thenViolates('HANDOVER_ACT_ALREADY_SIGNED');
  });

  it('does not reuse a decision id', () => {
    given([...formed(), decisionRecorded()]).when(decisionRecorded({ subject: 'Otro' })).thenViolates('COMMISSION_DECISION_ALREADY_RECORDED');
  });
});

describe('a handover item', () => {
  it('does not reuse an item id', () => {
    given([...formed(), itemRecorded()]).when(itemRecorded({ category: 'asset' })).thenViolates('HANDOVER_ITEM_ALREADY_RECORDED');
  });

  it('refers to a plan of the same local government', () => {
    const item = itemRecorded({ category: 'plan', ref: PLAN });
    given([...formed(), planDrafted()]).when(item).then([item]);
  });

  it('does not refer to a plan never drafted', () => {
    given(formed()).when(itemRecorded({ category: 'plan', ref: PLAN })).thenViolates('PLAN_UNKNOWN');
  });

  it('does not refer to a plan of another local government', () => {
    const provincial = lgRegistered({ lgId: CHUMBIVILCAS, level: 'provincial' });
    given([...formed(), provincial, planDrafted({ lgId: CHUMBIVILCAS })])
      .when(itemRecorded({ category: 'plan', ref: PLAN }))
      .thenViolates('PLAN_OF_ANOTHER_LOCAL_GOVERNMENT');
  });

  it('refers to a project that includes the local government', () => {
    const item = itemRecorded({ category: 'project', ref: PROJECT });
    given([...formed(), projectRegistered()]).when(item).then([item]);
  });

  it('does not refer to a project that is not registered', () => {
    given(formed()).when(itemRecorded({ category: 'project', ref: PROJECT })).thenViolates('PROJECT_UNKNOWN');
  });

  it('does not refer to a project of other local governments', () => {
    given([...formed(), projectRegistered({ lgIds: [CHUMBIVILCAS] })])
      .when(itemRecorded({ category: 'project', ref: PROJECT }))
      .thenViolates('PROJECT_NOT_OF_LOCAL_GOVERNMENT');
  });

  it('of another category keeps its ref as an external reference', () => {
    const item = itemRecorded({ category: 'document', ref: 'expediente-2018-001' });
    given(formed()).when(item).then([item]);
  });
});

describe('an observation', () => {
  it('is raised about the transition or one of its items', () => {
    given(formed()).when(observationRaised()).then([observationRaised()]);
    given([...formed(), itemRecorded()]).when(observationRaised({ itemId: 'i-1' })).then([observationRaised({ itemId: 'i-1' })]);
  });

  it('is not raised about an item the transition does not have', () => {
    given(formed()).when(observationRaised({ itemId: 'i-9' })).thenViolates('HANDOVER_ITEM_UNKNOWN');
  });

  it('does not reuse an observation id', () => {
    given([...formed(), observationRaised()]).when(observationRaised({ text: 'Otra' })).thenViolates('OBSERVATION_ALREADY_RAISED');
  });

  it('is resolved once, on or after the day it was raised', () => {
    given([...formed(), observationRaised()]).when(observationResolved()).then([observationResolved()]);
  });

  it('is not resolved when it was never raised', () => {
    given(formed()).when(observationResolved()).thenViolates('OBSERVATION_UNKNOWN');
  });

  it('is not resolved twice', () => {
    given([...formed(), observationRaised(), observationResolved()])
      .when(observationResolved({ resolvedOn: '2018-12-11' }))
      .thenViolates('OBSERVATION_ALREADY_RESOLVED');
  });

  it('is not resolved before it was raised', () => {
    given([...formed(), observationRaised()]).when(observationResolved({ resolvedOn: '2018-11-30' })).thenViolates('DATED_BEFORE_SUBJECT');
  });
});

describe('the handover act', () => {
  it('is signed when every observation is resolved', () => {
    given(formed()).when(actSigned()).then([actSigned()]);
    given([...formed(), observationRaised(), observationResolved()]).when(actSigned()).then([actSigned()]);
  });

  it('is not signed while an observation is open', () => {
    given([...formed(), observationRaised(), observationRaised({ observationId: 'o-2' }), observationResolved()])
      .when(actSigned())
      .thenViolates('OBSERVATIONS_OPEN');
  });
});
