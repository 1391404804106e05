import { catalogue, occurredOn, type EventOf, type LedgerEvent, type Subject } from './events/catalogue.ts';
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

  // The catalogue says whose rules judge each fact; `RULES_OF` has one entry per kind of subject.
  const check = RULES_OF[catalogue[event.type].subject] as (event: LedgerEvent, state: LedgerState, context: DecisionContext) => void;
  check(event, state, context);
  return [event];
}

/** The rules of each kind of subject, typed over exactly the events the catalogue gives it. */
const RULES_OF: { [A in Subject]: (event: EventOf<A>, state: LedgerState, context: DecisionContext) => void } = {
  localGovernment: (event, state) => checkLocalGovernmentEvent(event, state),
  plan: (event, state) => checkPlanEvent(event, state),
  transition: (event, state) => checkTransitionEvent(event, state),
  table: (event, state) => checkTechnicalTableEvent(event, state),
  project: (event, state) => checkProjectEvent(event, state),
  budget: (event, state) => checkBudgetAllocated(event.data, state),
  retraction: (event, state, context) => checkRetraction(event.data, state, context.retractionTarget),
  // An erasure needs no state: erasing a subject twice, or one never sealed, destroys nothing more.
  personalData: () => undefined,
};
