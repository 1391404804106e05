import { isEventType, type LedgerEvent } from './events/catalogue.ts';

/**
 * Ids are never freed. Each fact that introduces an id (a plan, a transition, a handover item, an
 * allocation, …) claims it for its stream for ever: a retraction hides the fact from the views, but
 * the id stays taken, so no later fact (of another local government, say) can take it over. The
 * write model keeps these claims from every folded event, retracted or not (foldLedgerState.ts).
 *
 * Each key names the scope in which the id must be unique: plans, transitions, tables and projects
 * ledger-wide (their ids name streams), the rest within their stream. Registrations of local
 * governments and terms are not claims: their ids (an INEI ubigeo, a term's years) name things of
 * the world, always in the same stream, and recording one again after a retraction is how a wrong
 * registration or date is corrected.
 */
export const idKeys = {
  plan: (planId: string) => `plan:${planId}`,
  transition: (transitionId: string) => `transition:${transitionId}`,
  table: (tableId: string) => `table:${tableId}`,
  project: (projectId: string) => `project:${projectId}`,
  allocation: (lgId: string, allocationId: string) => `allocation:${lgId}/${allocationId}`,
  commitment: (projectId: string, commitmentId: string) => `commitment:${projectId}/${commitmentId}`,
  item: (transitionId: string, itemId: string) => `item:${transitionId}/${itemId}`,
  decision: (transitionId: string, decisionId: string) => `decision:${transitionId}/${decisionId}`,
  observation: (transitionId: string, observationId: string) => `observation:${transitionId}/${observationId}`,
  supplementaryReport: (transitionId: string, reportId: string) => `supplementary-report:${transitionId}/${reportId}`,
} as const;

/** The keys of the ids `event` introduces (none for types outside the catalogue). */
export function idsIntroducedBy(event: { type: string; data: unknown }): string[] {
  if (!isEventType(event.type)) return [];
  // A recorded event of a catalogue type carries that type's data: the union narrows it per case.
  const fact = event as LedgerEvent;
  switch (fact.type) {
    case 'PlanDrafted':
      return [idKeys.plan(fact.data.planId)];
    case 'TransitionCommissionFormed':
    case 'TransitionOpened':
      return [idKeys.transition(fact.data.transitionId)];
    case 'TechnicalTableEstablished':
      return [idKeys.table(fact.data.tableId)];
    case 'ProjectRegistered':
      return [idKeys.project(fact.data.projectId)];
    case 'BudgetAllocated':
      return [idKeys.allocation(fact.data.lgId, fact.data.allocationId)];
    case 'FundingCommitted':
      return [idKeys.commitment(fact.data.projectId, fact.data.commitmentId)];
    case 'HandoverItemRecorded':
      return [idKeys.item(fact.data.transitionId, fact.data.itemId)];
    case 'CommissionDecisionRecorded':
      return [idKeys.decision(fact.data.transitionId, fact.data.decisionId)];
    case 'HandoverObservationRaised':
      return [idKeys.observation(fact.data.transitionId, fact.data.observationId)];
    case 'SupplementaryReportFiled':
      return [idKeys.supplementaryReport(fact.data.transitionId, fact.data.reportId)];
    default:
      return [];
  }
}
