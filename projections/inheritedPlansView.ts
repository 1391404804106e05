import { termKey, type LedgerView, type PlanState } from './ledgerViewTypes.ts';
import {
  adoptedUnder, adoptionInForce, allocationsCiting, decisionOf,
  type AllocationSummary, type InheritanceStatus,
} from './planFacts.ts';
import { byLocalGovernment } from './byLocalGovernment.ts';
import { currentTerm, termSummary, type TermSummary } from './terms.ts';
import { inLogOrder, provenance, type Provenance } from './viewCommon.ts';
import type { InheritedPlan, InheritedPlansView } from './readModelSchemas.ts';

export type { InheritedPlan, InheritedPlansView } from './readModelSchemas.ts';

/**
 * Plans a local government's current term (or the term `termId`, e.g. a transition's incoming term,
 * even once it has ended) inherited: adopted (per the adoption in force) while an earlier term was
 * in office. With no such term there is nobody to inherit, so the list is empty. Undefined when the
 * local government is not registered at that point.
 */
export function inheritedPlansView(view: LedgerView, lgId: string, termId?: string): InheritedPlansView | undefined {
  if (!view.localGovernments.has(lgId)) return undefined;
  const term = termId === undefined ? currentTerm(view, lgId) : view.terms.get(termKey(lgId, termId));
  const plans: InheritedPlan[] = [];
  // Only this local government's plans (grouped once per view): sorting every plan of the ledger
  // per read made a page's cost grow with the log.
  for (const plan of inLogOrder(byLocalGovernment(view).plans.get(lgId) ?? [])) {
    if (!term) break;
    const adoption = adoptionInForce(plan);
    const under = adoptedUnder(view, plan);
    if (!adoption || !under || under.startedOn >= term.startedOn) continue;
    const decision = decisionOf(plan, lgId, term.termId);
    const { allocations, total } = allocationsCiting(view, plan.planId);
    plans.push({
      planId: plan.planId,
      kind: plan.kind,
      title: plan.title,
      adoptedOn: adoption.adoptedOn,
      adoptedUnderTermId: under.termId,
      recognizedAsPublicPolicy: plan.recognition !== undefined,
      decision: decision?.decision ?? 'pending',
      decidedOn: decision?.decidedOn ?? null,
      citedByAllocations: allocations.length > 0,
      allocations,
      allocatedTotal: total,
    });
  }
  return { ...provenance(view), lgId, currentTerm: term ? termSummary(term) : null, plans };
}
