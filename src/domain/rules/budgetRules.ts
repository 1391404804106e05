import type { EventData } from '../events/catalogue.ts';
import type { LedgerState } from '../ledgerState.ts';
import { termOn } from '../terms.ts';
import {
  getExistingLocalGovernment,
  getExistingPlan,
  getExistingProject,
  requirePlanOf,
  requireProjectOf,
} from './lookups.ts';
import { requireAdoptedBy } from './planRules.ts';
import { idKeys } from '../recordedIds.ts';
import { violate } from './violate.ts';

/**
 * Rules of the `budget-{lgId}` stream. An allocation cites a plan in force for the authority in
 * office on `allocatedOn`: adopted by then, covering the fiscal year, and, when the plan comes
 * from an earlier term, explicitly continued or revised by the term in office. When no term is in
 * office that day (terms not recorded), only the plan's own facts are checked.
 */
export function checkBudgetAllocated(data: EventData<'BudgetAllocated'>, state: LedgerState): void {
  const { allocationId, lgId, fiscalYear, projectId, planId, objectiveCode, allocatedOn } = data;
  const lg = getExistingLocalGovernment(state, lgId);
  if (state.recordedIds.has(idKeys.allocation(lgId, allocationId))) {
    violate('ALLOCATION_ALREADY_RECORDED', `allocation ${allocationId} is already recorded in the budget of ${lgId}`, {
      lgId,
      allocationId,
    });
  }
  requireProjectOf(getExistingProject(state, projectId), lgId);

  const plan = getExistingPlan(state, planId);
  requirePlanOf(plan, lgId);
  const adoptedOn = requireAdoptedBy(plan, allocatedOn);
  if (fiscalYear < plan.horizon.from || fiscalYear > plan.horizon.to) {
    violate(
      'FISCAL_YEAR_OUTSIDE_PLAN_HORIZON',
      `fiscal year ${fiscalYear} is outside the horizon of plan ${planId} (${plan.horizon.from}-${plan.horizon.to})`,
      { planId, fiscalYear, horizon: plan.horizon },
    );
  }
  if (objectiveCode !== undefined && !plan.objectiveCodes.has(objectiveCode)) {
    violate('OBJECTIVE_UNKNOWN', `version ${plan.version} of plan ${planId} has no objective ${objectiveCode}`, {
      planId,
      version: plan.version,
      objectiveCode,
    });
  }

  const term = termOn(lg.terms, allocatedOn);
  if (term === undefined) return;
  // A decision counts from its own date: an allocation dated earlier came before it.
  const taken = plan.inheritance.get(term.termId);
  const decision = taken !== undefined && taken.decidedOn <= allocatedOn ? taken.decision : undefined;
  if (decision === 'replace') {
    violate('PLAN_REPLACED', `term ${term.termId}, in office on ${allocatedOn}, decided on ${taken?.decidedOn} to replace plan ${planId}`, {
      planId,
      termId: term.termId,
      decidedOn: taken?.decidedOn,
      allocatedOn,
    });
  }
  if (adoptedOn < term.startedOn && decision === undefined) {
    violate(
      'PLAN_INHERITANCE_PENDING',
      `plan ${planId} was adopted on ${adoptedOn}, before term ${term.termId} started on ${term.startedOn}, and that term had not decided to continue or revise it by ${allocatedOn}`,
      { planId, termId: term.termId, adoptedOn, termStartedOn: term.startedOn, allocatedOn },
    );
  }
}
