import { occurredOn, type EventOf } from '../events/catalogue.ts';
import type { LedgerState, TransitionState } from '../ledgerState.ts';
import {
  getExistingLocalGovernment,
  getExistingPlan,
  getExistingProject,
  getExistingTerm,
  getExistingTransition,
  requireNotBefore,
  requirePlanOf,
  requireProjectOf,
} from './lookups.ts';
import { idKeys } from '../recordedIds.ts';
import { requireSuccessiveTerms } from './successiveTerms.ts';
import { checkDirectiveProcess, checkTransitionOpened } from './transferRules.ts';
import { violate } from './violate.ts';

export type TransitionEvent = EventOf<'transition'>;

type HandoverRecord = Exclude<TransitionEvent, { type: 'TransitionCommissionFormed' | 'TransitionOpened' }>;

/**
 * Rules of the `transition-{transitionId}` stream: its opening (a 2018 commission, or a transition
 * opened under another directive), then every record, judged by the common rules here and by its
 * directive's process (transferRules.ts).
 */
export function checkTransitionEvent(event: TransitionEvent, state: LedgerState): void {
  if (event.type === 'TransitionCommissionFormed') return checkCommissionFormed(event.data, state);
  if (event.type === 'TransitionOpened') return checkTransitionOpened(event.data, state);
  checkHandoverRecord(event, state);
}

function checkCommissionFormed(data: Extract<TransitionEvent, { type: 'TransitionCommissionFormed' }>['data'], state: LedgerState): void {
  const { transitionId, lgId, outgoingTermId, incomingTermId, members } = data;
  if (state.recordedIds.has(idKeys.transition(transitionId))) {
    violate('TRANSITION_ALREADY_FORMED', `the commission of transition ${transitionId} is already formed`, { transitionId });
  }
  getExistingTerm(getExistingLocalGovernment(state, lgId), outgoingTermId);
  requireSuccessiveTerms(transitionId, outgoingTermId, incomingTermId);
  for (const side of ['outgoing', 'incoming'] as const) {
    if (!members.some((m) => m.side === side)) {
      violate('COMMISSION_SIDE_MISSING', `the commission of transition ${transitionId} has no member of the ${side} authority`, {
        transitionId,
        side,
      });
    }
  }
}

function checkHandoverRecord(event: HandoverRecord, state: LedgerState): void {
  const transition = getExistingTransition(state, event.data.transitionId);
  if (transition.signedOn !== undefined) {
    violate(
      'HANDOVER_ACT_ALREADY_SIGNED',
      `the handover act of transition ${transition.transitionId} was signed on ${transition.signedOn}: nothing more is recorded`,
      { transitionId: transition.transitionId, signedOn: transition.signedOn },
    );
  }
  const date = occurredOn(event) as string; // every handover record has a date
  requireNotBefore(date, transition.formedOn, `the commission of transition ${transition.transitionId} was formed`);
  checkDirectiveProcess(event, transition);
  switch (event.type) {
    case 'CommissionDecisionRecorded': {
      const { decisionId } = event.data;
      if (state.recordedIds.has(idKeys.decision(transition.transitionId, decisionId))) {
        violate('COMMISSION_DECISION_ALREADY_RECORDED', `decision ${decisionId} is already recorded in transition ${transition.transitionId}`, {
          transitionId: transition.transitionId,
          decisionId,
        });
      }
      return;
    }
    case 'HandoverItemRecorded':
      return checkItem(event.data, transition, state);
    case 'HandoverObservationRaised': {
      const { observationId, itemId } = event.data;
      if (state.recordedIds.has(idKeys.observation(transition.transitionId, observationId))) {
        violate('OBSERVATION_ALREADY_RAISED', `observation ${observationId} is already raised in transition ${transition.transitionId}`, {
          transitionId: transition.transitionId,
          observationId,
        });
      }
      if (itemId !== undefined && !transition.items.has(itemId)) {
        violate('HANDOVER_ITEM_UNKNOWN', `transition ${transition.transitionId} has no item ${itemId}`, {
          transitionId: transition.transitionId,
          itemId,
        });
      }
      return;
    }
    case 'HandoverObservationResolved': {
      const { observationId, resolvedOn } = event.data;
      const observation =
        transition.observations.get(observationId) ??
        violate('OBSERVATION_UNKNOWN', `transition ${transition.transitionId} has no observation ${observationId}`, {
          transitionId: transition.transitionId,
          observationId,
        });
      if (observation.resolvedOn !== undefined) {
        violate('OBSERVATION_ALREADY_RESOLVED', `observation ${observationId} was already resolved on ${observation.resolvedOn}`, {
          transitionId: transition.transitionId,
          observationId,
          resolvedOn: observation.resolvedOn,
        });
      }
      requireNotBefore(resolvedOn, observation.raisedOn, `observation ${observationId} was raised`);
      return;
    }
    case 'HandoverActSigned': {
      const open = [...transition.observations].filter(([, o]) => o.resolvedOn === undefined).map(([id]) => id);
      if (open.length > 0) {
        violate('OBSERVATIONS_OPEN', `transition ${transition.transitionId} still has open observations: ${open.join(', ')}`, {
          transitionId: transition.transitionId,
          openObservationIds: open,
        });
      }
      return;
    }
    case 'TransferTeamDesignated':
    case 'TransferTeamInstalled':
    case 'AccountabilityReportFiled':
    case 'TransferReportFiled':
    case 'TransferCommissionInstalled':
    case 'TransferActSigned':
      return; // judged by their directive's process above
    case 'SupplementaryReportFiled': {
      const { reportId } = event.data;
      if (state.recordedIds.has(idKeys.supplementaryReport(transition.transitionId, reportId))) {
        violate('SUPPLEMENTARY_REPORT_ALREADY_FILED', `supplementary report ${reportId} is already filed in transition ${transition.transitionId}`, {
          transitionId: transition.transitionId,
          reportId,
        });
      }
      return;
    }
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

function checkItem(
  data: Extract<HandoverRecord, { type: 'HandoverItemRecorded' }>['data'],
  transition: TransitionState,
  state: LedgerState,
): void {
  const { itemId, category, ref } = data;
  if (state.recordedIds.has(idKeys.item(transition.transitionId, itemId))) {
    violate('HANDOVER_ITEM_ALREADY_RECORDED', `item ${itemId} is already recorded in transition ${transition.transitionId}`, {
      transitionId: transition.transitionId,
      itemId,
    });
  }
  // Only plans and projects have ids in the ledger; other categories' refs are external references.
  if (ref === undefined) return;
  if (category === 'plan') requirePlanOf(getExistingPlan(state, ref), transition.lgId);
  if (category === 'project') requireProjectOf(getExistingProject(state, ref), transition.lgId);
}
