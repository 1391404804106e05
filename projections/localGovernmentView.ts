import type { LedgerView, LocalGovernmentState, PlanState, TransitionState } from './ledgerViewTypes.ts';
import {
  allocationSummary, adoptedUnder, adoptionInForce, decisionOf, planStatus,
  type AllocationSummary, type InheritanceStatus, type PlanStatus,
} from './planFacts.ts';
import { allocationsOf, bySector, commitmentsTo, projectsOf, total, type SectorTotals } from './funding.ts';
import { currentTerm, termSummary, termsOf, type TermSummary } from './terms.ts';
import { inLogOrder, provenance, type Provenance } from './viewCommon.ts';
import { byLocalGovernment } from './byLocalGovernment.ts';
import type { TransitionStatus, LocalGovernmentSummary, LocalGovernmentPlan, LocalGovernmentTransition, LocalGovernmentView, LocalGovernmentList } from './readModelSchemas.ts';

export type { TransitionStatus, LocalGovernmentSummary, LocalGovernmentPlan, LocalGovernmentTransition, LocalGovernmentView, LocalGovernmentList } from './readModelSchemas.ts';

/**
 * A local government as the record shows it at a point in time.
 *
 * Money of projects shared by several local governments: `committedFunding` counts a project's full
 * commitments for every local government it names (the ledger records no split), so per-lg figures
 * can add up to more than the province's; budgetView's totals count each project once.
 */

/**
 * Event types localGovernmentView reads nothing of: a handover item changes only its transition's
 * list of items, which the view does not show (it counts observations, not items). Between two
 * events of a local government not of these types, its view differs only by the position it is read
 * at, so an answer pinned by a position can be kept by the last such event (lgIndex.ts, lastSeenOf).
 */
export const UNSEEN_BY_LOCAL_GOVERNMENT_VIEW: ReadonlySet<string> = new Set(['HandoverItemRecorded']);

/** Every local government, in registration order, with the figures a list page needs. */
export function listLocalGovernments(view: LedgerView): LocalGovernmentList {
  const localGovernments = inLogOrder(view.localGovernments.values()).map((lg): LocalGovernmentSummary => {
    const term = currentTerm(view, lg.lgId);
    const plans = plansOf(view, lg.lgId).map(planStatus);
    const latest = transitionsOf(view, lg.lgId).at(-1);
    return {
      lgId: lg.lgId,
      name: lg.name,
      level: lg.level,
      province: lg.province,
      department: lg.department,
      currentTerm: term ? { termId: term.termId, mayor: term.mayor } : null,
      transitionStatus: latest ? transitionStatus(latest) : null,
      plans: {
        total: plans.length,
        drafted: plans.filter((s) => s === 'drafted').length,
        adopted: plans.filter((s) => s === 'adopted').length,
        publicPolicy: plans.filter((s) => s === 'public-policy').length,
      },
      committed: total(commitmentsTo(view, projectsOf(view, lg.lgId))),
      allocated: total(allocationsOf(view, lg.lgId)),
    };
  });
  return { ...provenance(view), localGovernments };
}

/** One local government in full, or undefined when it is not registered at that point. */
export function localGovernmentView(view: LedgerView, lgId: string): LocalGovernmentView | undefined {
  const lg = view.localGovernments.get(lgId);
  if (!lg) return undefined;
  const term = currentTerm(view, lgId);
  const projects = projectsOf(view, lgId);
  const commitments = commitmentsTo(view, projects);
  const allocations = inLogOrder(allocationsOf(view, lgId));
  return {
    ...provenance(view),
    lgId,
    name: lg.name,
    level: lg.level,
    province: lg.province,
    department: lg.department,
    currentTerm: term ? termSummary(term) : null,
    terms: termsOf(view, lgId).reverse().map(termSummary),
    plans: plansOf(view, lgId).map((plan): LocalGovernmentPlan => {
      const adoption = adoptionInForce(plan);
      const under = adoptedUnder(view, plan);
      const inherited = term !== undefined && under !== undefined && under.startedOn < term.startedOn;
      const decision = term && decisionOf(plan, lgId, term.termId);
      return {
        planId: plan.planId,
        kind: plan.kind,
        title: plan.title,
        status: planStatus(plan),
        currentVersion: plan.currentVersion,
        adoptedVersion: adoption?.version ?? null,
        adoptedOn: adoption?.adoptedOn ?? null,
        adoptedUnderTermId: under?.termId ?? null,
        currentTermDecision: decision?.decision ?? (inherited ? 'pending' : null),
      };
    }),
    transitions: transitionsOf(view, lgId).map((t) => ({
      transitionId: t.transitionId,
      outgoingTermId: t.outgoingTermId,
      incomingTermId: t.incomingTermId,
      formedOn: t.formedOn,
      status: transitionStatus(t),
      signedOn: actSignedOn(t) ?? null,
      openObservations: [...t.observations].filter((o) => !o.resolution).length,
    })),
    allocations: { items: allocations.map(allocationSummary), total: total(allocations) },
    committedFunding: { total: total(commitments), projects: new Set(commitments.map((c) => c.projectId)).size },
    bySector: bySector(view, projects, commitments, allocations),
  };
}

export function transitionStatus(t: TransitionState): TransitionStatus {
  return actSignedOn(t) !== undefined ? 'signed' : 'open';
}

/** The day the transition's act was signed: the 2018 handover act or the 2022 transfer act. */
export function actSignedOn(t: TransitionState): string | undefined {
  return t.act?.signedOn ?? t.filings.find((f) => f.type === 'TransferActSigned')?.data.signedOn;
}

function plansOf(view: LedgerView, lgId: string): PlanState[] {
  return inLogOrder(byLocalGovernment(view).plans.get(lgId) ?? []);
}

function transitionsOf(view: LedgerView, lgId: string): TransitionState[] {
  return inLogOrder(byLocalGovernment(view).transitions.get(lgId) ?? []);
}
