import { sumAmounts } from '../src/domain/money.ts';
import type { AllocationState, InheritanceDecision, LedgerView, PlanAdoption, PlanState, TermState } from './ledgerViewTypes.ts';
import { termInOffice } from './terms.ts';
import { byLocalGovernment } from './byLocalGovernment.ts';
import { inLogOrder } from './viewCommon.ts';
import type { PlanStatus, InheritanceStatus, AllocationSummary } from './readModelSchemas.ts';

export type { PlanStatus, InheritanceStatus, AllocationSummary } from './readModelSchemas.ts';

export function planStatus(plan: PlanState): PlanStatus {
  if (plan.recognition) return 'public-policy';
  return plan.adoptions.length > 0 ? 'adopted' : 'drafted';
}

/** The adoption in force: the last one recorded. */
export function adoptionInForce(plan: PlanState): PlanAdoption | undefined {
  return plan.adoptions.at(-1);
}

/** The term of the plan's local government in office on the day the plan was adopted. */
export function adoptedUnder(view: LedgerView, plan: PlanState): TermState | undefined {
  const adoption = adoptionInForce(plan);
  return adoption && termInOffice(view, plan.lgId, adoption.adoptedOn);
}

/** The latest decision `termId` of `lgId` recorded about `plan`, if any. */
export function decisionOf(plan: PlanState, lgId: string, termId: string): InheritanceDecision | undefined {
  return [...plan.inheritanceDecisions].reverse().find((d) => d.lgId === lgId && d.termId === termId);
}

export function allocationSummary(a: AllocationState): AllocationSummary {
  return {
    allocationId: a.allocationId,
    lgId: a.lgId,
    fiscalYear: a.fiscalYear,
    projectId: a.projectId,
    planId: a.planId,
    objectiveCode: a.objectiveCode ?? null,
    process: a.process,
    amount: a.amount,
    currency: a.currency,
    allocatedOn: a.allocatedOn,
    position: a.position.toString(),
  };
}

/** Allocations that cite `planId`, in log order, and their exact total. */
export function allocationsCiting(view: LedgerView, planId: string): { allocations: AllocationSummary[]; total: string } {
  const citing = inLogOrder(byLocalGovernment(view).allocationsByPlan.get(planId) ?? []);
  return { allocations: citing.map(allocationSummary), total: sumAmounts(citing.map((a) => a.amount)) };
}
