import type { EventOf } from '../events/catalogue.ts';
import type { LedgerState } from '../ledgerState.ts';
import { termYears } from '../terms.ts';
import { getExistingLocalGovernment, getExistingTerm } from './lookups.ts';
import { violate } from './violate.ts';

export type LocalGovernmentEvent = EventOf<'localGovernment'>;

/** Rules of the `lg-{lgId}` stream: registration and terms of office. Throws RuleViolationError. */
export function checkLocalGovernmentEvent(event: LocalGovernmentEvent, state: LedgerState): void {
  switch (event.type) {
    case 'LocalGovernmentRegistered': {
      const { lgId } = event.data;
      if (state.localGovernments.has(lgId)) {
        violate('LOCAL_GOVERNMENT_ALREADY_REGISTERED', `local government ${lgId} is already registered`, { lgId });
      }
      return;
    }
    case 'AuthorityTermStarted': {
      const { lgId, termId, startedOn } = event.data;
      const lg = getExistingLocalGovernment(state, lgId);
      if (lg.terms.some((t) => t.termId === termId)) {
        violate('TERM_ALREADY_STARTED', `term ${termId} of local government ${lgId} has already started`, { lgId, termId });
      }
      requireWithinTermYears(termId, startedOn, 'starts');
      // [startedOn, open) overlaps [t.startedOn, t.endedOn] unless t ended before startedOn; an
      // open term overlaps everything after its start. So a term also cannot be slipped in
      // before one already recorded: record terms in order.
      const clash = lg.terms.find((t) => t.endedOn === undefined || t.endedOn >= startedOn);
      if (clash) {
        const why = clash.endedOn === undefined ? 'which has not ended' : `which ends on ${clash.endedOn}`;
        violate(
          'TERMS_OVERLAP',
          `term ${termId} of local government ${lgId} would start on ${startedOn}, overlapping term ${clash.termId} (started on ${clash.startedOn}), ${why}`,
          { lgId, termId, startedOn, overlappingTermId: clash.termId, overlappingStartedOn: clash.startedOn, overlappingEndedOn: clash.endedOn },
        );
      }
      return;
    }
    case 'AuthorityTermEnded': {
      const { lgId, termId, endedOn } = event.data;
      const term = getExistingTerm(getExistingLocalGovernment(state, lgId), termId);
      if (term.endedOn !== undefined) {
        violate('TERM_ALREADY_ENDED', `term ${termId} of local government ${lgId} already ended on ${term.endedOn}`, {
          lgId,
          termId,
          endedOn: term.endedOn,
        });
      }
      if (endedOn < term.startedOn) {
        violate('TERM_ENDS_BEFORE_START', `term ${termId} of local government ${lgId} started on ${term.startedOn} and cannot end on ${endedOn}`, {
          lgId,
          termId,
          startedOn: term.startedOn,
          endedOn,
        });
      }
      requireWithinTermYears(termId, endedOn, 'ends');
      return;
    }
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

function requireWithinTermYears(termId: string, date: string, verb: 'starts' | 'ends'): void {
  const [from, to] = termYears(termId);
  const year = Number(date.slice(0, 4));
  if (year < from || year > to) {
    violate('TERM_OUTSIDE_ITS_YEARS', `term ${termId} ${verb} on ${date}, outside the years ${from} to ${to}`, { termId, date });
  }
}
