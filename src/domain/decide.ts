import { occurredOn, type LedgerEvent } from './events/catalogue.ts';
import type { LedgerState } from './ledgerState.ts';
import { checkBudgetAllocated } from './rules/budgetRules.ts';
import { checkLocalGovernmentEvent } from './rules/localGovernmentRules.ts';
import { checkPlanEvent } from './rules/planRules.ts';
import { checkProjectEvent } from './rules/projectRules.ts';
import { checkRetraction, type RetractionTarget } from './rules/retractionRules.ts';
import { checkTechnicalTableEvent } from './rules/technicalTableRules.ts';
import { checkTransitionEvent } from './rules/transitionRules.ts';
import { violate } from './rules/violate.ts';

/** A fact a client submits, already validated by zod, with the id and stream it will be stored under. */
export interface Command {
  id: string;
  stream: string;
  event: LedgerEvent;
}

/** What `decide` needs from outside the domain; never read from a clock or the store inside it. */
export interface DecisionContext {
  /** The server's date, `YYYY-MM-DD`, on which the fact is recorded. */
  recordedOn: string;
  /** For EntryRetracted: the event it names, set by the handler when that id is recorded. */
  retractionTarget?: RetractionTarget;
}

export type { RetractionTarget };

/**
 * Judges a fact against the state folded from the streams it involves (referencedStreams).
 * Returns the events to append, `[command.event]`, when the fact is acceptable; throws
 * RuleViolationError (code RULE_VIOLATED, `rule` a RuleId) otherwise. Pure: reads neither clock
 * nor store, and does not modify `state`.
 */
export function decide(command: Command, state: LedgerState, context: DecisionContext): LedgerEvent[] {
  const { event } = command;
  const date = occurredOn(event);
  if (date !== null && date > context.recordedOn) {
    violate('DATED_AFTER_RECORDING', `${event.type} is dated ${date}, after the day it is recorded, ${context.recordedOn}`, {
      type: event.type,
      occurredOn: date,
      recordedOn: context.recordedOn,
    });
  }

  switch (event.type) {
    case 'LocalGovernmentRegistered':
    case 'AuthorityTermStarted':
    case 'AuthorityTermEnded':
      checkLocalGovernmentEvent(event, state);
      break;
    case 'PlanDrafted':
    case 'PlanUpdated':
    case 'PlanAdopted':
    case 'PlanRecognizedAsPublicPolicy':
    case 'PlanInheritanceDecided':
      checkPlanEvent(event, state);
      break;
    case 'TransitionCommissionFormed':
    case 'CommissionDecisionRecorded':
    case 'HandoverItemRecorded':
    case 'HandoverObservationRaised':
    case 'HandoverObservationResolved':
    case 'HandoverActSigned':
      checkTransitionEvent(event, state);
      break;
    case 'TechnicalTableEstablished':
    case 'TechnicalTableMemberJoined':
      checkTechnicalTableEvent(event, state);
      break;
    case 'ProjectRegistered':
    case 'FundingCommitted':
      checkProjectEvent(event, state);
      break;
    case 'BudgetAllocated':
      checkBudgetAllocated(event.data, state);
      break;
    case 'EntryRetracted':
      checkRetraction(event.data, state, context.retractionTarget);
      break;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
  return [event];
}
