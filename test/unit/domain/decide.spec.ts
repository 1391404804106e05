import { describe, expect, it } from 'vitest';
import { decide } from '../../../src/domain/decide.ts';
import { streamOf, type LedgerEvent } from '../../../src/domain/events/catalogue.ts';
import { evolve, initialState } from '../../../src/domain/ledgerState.ts';
import { eventId, given } from '../../support/decider.ts';
import { QUINOTA, lgRegistered, planDrafted, quinotaAfterElections, termEnded, termStarted } from './fixtures.ts';

describe('any fact', () => {
  it('may have happened on the day it is recorded', () => {
    given([lgRegistered()]).when(termStarted(), { recordedOn: '2015-01-01' }).then([termStarted()]);
  });

  it('cannot have happened after the day it is recorded', () => {
    given([lgRegistered()]).when(termStarted(), { recordedOn: '2014-12-31' }).thenViolates('DATED_AFTER_RECORDING');
    given([lgRegistered(), termStarted()]).when(termEnded(), { recordedOn: '2018-12-30' }).thenViolates('DATED_AFTER_RECORDING');
  });

  it('without a date of its own (a registration) is recorded any day', () => {
    given([]).when(lgRegistered(), { recordedOn: '1990-01-01' }).then([lgRegistered()]);
  });
});

describe('decide and evolve', () => {
  it('accept a batch when each fact is judged on the state evolved by the previous ones', () => {
    const batch: LedgerEvent[] = [lgRegistered(), termStarted(), planDrafted()];
    let state = initialState();
    batch.forEach((event, index) => {
      const command = { id: eventId(index), stream: streamOf(event) ?? '', event };
      for (const accepted of decide(command, state, { recordedOn: '2020-01-01' })) {
        state = evolve(state, { id: command.id, stream: command.stream, ...accepted });
      }
    });
    expect(state.plans.get('cdp-quinota-2021')?.lgId).toBe(QUINOTA);
    expect(state.localGovernments.get(QUINOTA)?.terms).toEqual([{ termId: '2015-2018', startedOn: '2015-01-01' }]);
  });

  it('ignore events of types outside the catalogue, such as audit records in the same log', () => {
    const history = quinotaAfterElections().map((e, i) => ({ id: eventId(i), stream: streamOf(e) ?? '', ...e }));
    const plain = history.reduce(evolve, initialState());
    const withAudit = [
      { id: 'audit-1', stream: '$audit', type: 'AccessGranted', data: { who: 'auditor' } },
      ...history,
      { id: 'audit-2', stream: '$audit', type: 'CheckpointSigned', data: null },
    ].reduce(evolve, initialState());
    // Nothing of them is kept: the write model holds only what a rule reads, never a map of every event folded.
    expect(withAudit).toEqual(plain);
  });

  it('fold the same history into equal states', () => {
    const history = quinotaAfterElections().map((e, i) => ({ id: eventId(i), stream: streamOf(e) ?? '', ...e }));
    expect(history.reduce(evolve, initialState())).toEqual(history.reduce(evolve, initialState()));
  });

  it('keep terms in the order they started, whatever the order they were folded in', () => {
    const [registered, first, ended, second] = quinotaAfterElections();
    const folded = [registered!, second!, first!, ended!]
      .map((e, i) => ({ id: eventId(i), stream: streamOf(e) ?? '', ...e }))
      .reduce(evolve, initialState());
    expect(folded.localGovernments.get(QUINOTA)?.terms.map((t) => t.termId)).toEqual(['2015-2018', '2019-2022']);
  });
});
