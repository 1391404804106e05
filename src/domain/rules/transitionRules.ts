import { occurredOn, type EventOf } from '../events/catalogue.ts';
import type { LedgerState, TransitionState } from '../ledgerState.ts';
import { termYears } from '../terms.ts';
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
import { violate } from './violate.ts';

export type TransitionEvent = EventOf<'transition'>;

type HandoverRecord = Exclude<TransitionEvent, { type: 'TransitionCommissionFormed' }>;

/** Rules of the `transition-{transitionId}` stream: the commission and its handover records. */
export function checkTransitionEvent(event: TransitionEvent, state: LedgerState): void {
  if (event.type === 'TransitionCommissionFormed') return checkCommissionFormed(event.data, state);
  checkHandoverRecord(event, state);
}

function checkCommissionFormed(data: Extract<TransitionEvent, { type: 'TransitionCommissionFormed' }>['data'], state: LedgerState): void {
  const { transitionId, lgId, outgoingTermId, incomingTermId, members } = data;
  if (state.recordedIds.has(idKeys.transition(transitionId))) {
    violate('TRANSITION_ALREADY_FORMED', `the commission of transition ${transitionId} is already formed`, { transitionId });
  }
  getExistingTerm(getExistingLocalGovernment(state, lgId), outgoingTermId);
  // The incoming term has usually not started yet (commissions work between election and
  // swearing-in), so only its years can be checked.
  if (termYears(incomingTermId)[0] <= termYears(outgoingTermId)[1]) {
    violate(
      'TRANSITION_TERMS_NOT_SUCCESSIVE',
      `incoming term ${incomingTermId} does not start after outgoing term ${outgoingTermId} ends`,
      { transitionId, outgoingTermId, incomingTermId },
    );
  }
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
