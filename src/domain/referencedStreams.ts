import { streamOf, type LedgerEvent } from './events/catalogue.ts';
import { streams as names } from './streams.ts';

/**
 * The streams whose events `decide` needs to judge `event`: its own stream plus the stream of
 * everything it refers to, named as in the catalogue. No duplicates, own stream first.
 * EntryRetracted returns []: the handler reads the stream of the event it names.
 */
export function referencedStreams(event: LedgerEvent): string[] {
  const own = streamOf(event);
  if (own === null) return [];
  // No closures here: under tsx (keepNames) each one made per call costs a defineProperty, and the
  // recorder calls this for every fact it decides.
  const streams = new Set<string>([own]);

  switch (event.type) {
    case 'LocalGovernmentRegistered':
    case 'AuthorityTermStarted':
    case 'AuthorityTermEnded':
    case 'PlanUpdated':
    case 'PlanAdopted':
    case 'PlanRecognizedAsPublicPolicy':
    case 'CommissionDecisionRecorded':
    case 'HandoverObservationRaised':
    case 'HandoverObservationResolved':
    case 'HandoverActSigned':
    case 'TransferTeamDesignated':
    case 'TransferTeamInstalled':
    case 'AccountabilityReportFiled':
    case 'TransferReportFiled':
    case 'TransferCommissionInstalled':
    case 'SupplementaryReportFiled':
    case 'TransferActSigned':
    case 'TechnicalTableMemberJoined':
    case 'EntryRetracted':
      break;
    case 'PlanDrafted':
    case 'PlanInheritanceDecided':
    case 'TransitionCommissionFormed':
    case 'TransitionOpened':
      streams.add(names.localGovernment(event.data.lgId));
      break;
    case 'HandoverItemRecorded':
      if (event.data.ref !== undefined && event.data.category === 'plan') streams.add(names.plan(event.data.ref));
      if (event.data.ref !== undefined && event.data.category === 'project') streams.add(names.project(event.data.ref));
      break;
    case 'TechnicalTableEstablished':
    case 'ProjectRegistered':
      for (const lgId of event.data.lgIds) streams.add(names.localGovernment(lgId));
      break;
    case 'FundingCommitted':
      if (event.data.tableId !== undefined) streams.add(names.table(event.data.tableId));
      break;
    case 'BudgetAllocated':
      streams.add(names.localGovernment(event.data.lgId));
      streams.add(names.plan(event.data.planId));
      streams.add(names.project(event.data.projectId));
      break;
    case 'PersonalDataErased':
      break;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
  return [...streams];
}
