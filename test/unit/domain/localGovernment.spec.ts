import { describe, it } from 'vitest';
import { eventId, given } from '../../support/decider.ts';
import { INCOMING, OUTGOING, entryRetracted, lgRegistered, quinotaAfterElections, termEnded, termStarted } from './fixtures.ts';

describe('a local government', () => {
  it('is registered once', () => {
    given([]).when(lgRegistered()).then([lgRegistered()]);
  });

  it('is not registered twice', () => {
    given([lgRegistered()]).when(lgRegistered({ name: 'Otra Quiñota' })).thenViolates('LOCAL_GOVERNMENT_ALREADY_REGISTERED');
  });
});

describe('a term of office', () => {
  it('starts in a registered local government', () => {
    given([lgRegistered()]).when(termStarted()).then([termStarted()]);
  });

  it('does not start in a local government that is not registered', () => {
    given([]).when(termStarted()).thenViolates('LOCAL_GOVERNMENT_UNKNOWN');
  });

  it('starts only once', () => {
    given([lgRegistered(), termStarted()]).when(termStarted({ mayor: 'Otro' })).thenViolates('TERM_ALREADY_STARTED');
  });

  it('starts within the years its id names', () => {
    given([lgRegistered()]).when(termStarted({ startedOn: '2018-12-31' })).then([termStarted({ startedOn: '2018-12-31' })]);
  });

  it('does not start before the years its id names', () => {
    given([lgRegistered()]).when(termStarted({ startedOn: '2014-12-31' })).thenViolates('TERM_OUTSIDE_ITS_YEARS');
  });

  it('starts after the previous term ended', () => {
    const next = termStarted({ termId: INCOMING, startedOn: '2019-01-01' });
    given([lgRegistered(), termStarted(), termEnded()]).when(next).then([next]);
  });

  it('does not start while the previous term has not ended', () => {
    given([lgRegistered(), termStarted()]).when(termStarted({ termId: INCOMING, startedOn: '2019-01-01' })).thenViolates('TERMS_OVERLAP');
  });

  it('does not start on the day the previous term ended', () => {
    given([lgRegistered(), termStarted(), termEnded({ endedOn: '2018-12-31' })])
      .when(termStarted({ termId: '2018-2022', startedOn: '2018-12-31' }))
      .thenViolates('TERMS_OVERLAP');
  });

  it('is not slipped in before a term already recorded', () => {
    given(quinotaAfterElections()).when(termStarted({ termId: '2011-2014', startedOn: '2011-01-01' })).thenViolates('TERMS_OVERLAP');
  });

  it('ends once, on or after the day it started', () => {
    given([lgRegistered(), termStarted()]).when(termEnded()).then([termEnded()]);
    given([lgRegistered(), termStarted()]).when(termEnded({ endedOn: '2015-01-01' })).then([termEnded({ endedOn: '2015-01-01' })]);
  });

  it('does not end twice', () => {
    given([lgRegistered(), termStarted(), termEnded()]).when(termEnded({ endedOn: '2018-12-30' })).thenViolates('TERM_ALREADY_ENDED');
  });

  it('does not end before it started', () => {
    given([lgRegistered(), termStarted({ startedOn: '2015-06-01' })])
      .when(termEnded({ endedOn: '2015-05-31' }))
      .thenViolates('TERM_ENDS_BEFORE_START');
  });

  it('does not end after the years its id names', () => {
    given([lgRegistered(), termStarted()]).when(termEnded({ endedOn: '2019-01-01' })).thenViolates('TERM_OUTSIDE_ITS_YEARS');
  });

  it('that never started cannot end', () => {
    given([lgRegistered()]).when(termEnded()).thenViolates('TERM_UNKNOWN');
    given([lgRegistered(), termStarted()]).when(termEnded({ termId: INCOMING, endedOn: '2022-12-31' })).thenViolates('TERM_UNKNOWN');
  });

  it('of an unregistered local government cannot end', () => {
    given([]).when(termEnded({ termId: OUTGOING })).thenViolates('LOCAL_GOVERNMENT_UNKNOWN');
  });

  it('whose start was retracted can be started again', () => {
    // The retracted start no longer counts, so the same term starts afresh (with the right date).
    const retraction = entryRetracted({ eventId: eventId(1), retractedOn: '2015-03-01' });
    given([lgRegistered(), termStarted({ startedOn: '2015-02-01' }), retraction])
      .when(termStarted())
      .then([termStarted()]);
  });
});
