import type { DirectiveId } from '../src/domain/directives/directiveId.ts';
import type { EventData } from '../src/domain/events/catalogue.ts';
import type { PersistentMap } from './persistentMap.ts';
import type { PersistentList } from './persistentList.ts';

/**
 * The normalized state every read model is computed from. Entities are immutable records in
 * persistent maps, keyed by their ids (terms by `lgId/termId`). `position` is the ledger position of
 * the event that created an entity (or recorded a step): views sort by it, so output is in log order.
 */
export interface LedgerView {
  localGovernments: PersistentMap<LocalGovernmentState>;
  /** Keyed by `lgId/termId` (see termKey). */
  terms: PersistentMap<TermState>;
  plans: PersistentMap<PlanState>;
  transitions: PersistentMap<TransitionState>;
  tables: PersistentMap<TableState>;
  projects: PersistentMap<ProjectState>;
  commitments: PersistentMap<CommitmentState>;
  allocations: PersistentMap<AllocationState>;
  /** The business date the view was built for, when one was given. */
  asOf?: string;
  /** Last ledger position taken into account (0n before any event). */
  lastPosition: bigint;
}

type Recorded = { position: bigint };

export type LocalGovernmentState = EventData<'LocalGovernmentRegistered'> & Recorded;

export interface TermState extends Recorded {
  lgId: string;
  termId: string;
  mayor: string;
  startedOn: string;
  endedOn?: string;
}

export type PlanVersion = Omit<EventData<'PlanUpdated'>, 'planId'> & Recorded;
export type PlanAdoption = Omit<EventData<'PlanAdopted'>, 'planId'> & Recorded;
export type PlanRecognition = Omit<EventData<'PlanRecognizedAsPublicPolicy'>, 'planId'> & Recorded;
export type InheritanceDecision = Omit<EventData<'PlanInheritanceDecided'>, 'planId'> & Recorded;

export interface PlanState extends Omit<EventData<'PlanDrafted'>, 'objectives'>, Recorded {
  /** Objectives of the current version (an update may replace them). */
  objectives: EventData<'PlanDrafted'>['objectives'];
  currentVersion: number;
  /** Updates, in log order (version 1 is the draft itself). */
  versions: readonly PlanVersion[];
  /** Every adoption, in log order; the last one is in force. */
  adoptions: readonly PlanAdoption[];
  recognition?: PlanRecognition;
  inheritanceDecisions: readonly InheritanceDecision[];
}

export type CommissionDecision = Omit<EventData<'CommissionDecisionRecorded'>, 'transitionId'> & Recorded;
export type HandoverItem = Omit<EventData<'HandoverItemRecorded'>, 'transitionId'> & Recorded;
export interface HandoverObservation extends Omit<EventData<'HandoverObservationRaised'>, 'transitionId'>, Recorded {
  resolution?: { resolution: string; resolvedOn: string; position: bigint };
}
export type HandoverAct = Omit<EventData<'HandoverActSigned'>, 'transitionId'> & Recorded;

/** The filings of a transfer process beyond the 2018 events: teams, reports, the commission's installation, the act. */
export type TransferFilingType =
  | 'TransferTeamDesignated'
  | 'TransferTeamInstalled'
  | 'AccountabilityReportFiled'
  | 'TransferReportFiled'
  | 'TransferCommissionInstalled'
  | 'SupplementaryReportFiled'
  | 'TransferActSigned';

/** One filing as recorded, its transitionId dropped (the transition holds it). */
export type TransferFiling = {
  [K in TransferFilingType]: { type: K; data: Omit<EventData<K>, 'transitionId'>; position: bigint };
}[TransferFilingType];

/**
 * A transition grows by hundreds of items: they live in a PersistentList (an append does not copy
 * the ones before), and observations in a PersistentMap by id (a resolution replaces one entry).
 * A transition opened by TransitionOpened (2022) has no commission members of its own (its teams
 * are filings) and its `formedOn` is the day it was opened.
 */
export interface TransitionState extends EventData<'TransitionCommissionFormed'>, Recorded {
  /** The directive whose process it follows; a TransitionCommissionFormed is a 2018 transition. */
  directive: DirectiveId;
  /** Filings of the 2022 process, in log order (a few per transition). */
  filings: readonly TransferFiling[];
  decisions: PersistentList<CommissionDecision>;
  items: PersistentList<HandoverItem>;
  /** Keyed by observationId; iterate through inLogOrder. */
  observations: PersistentMap<HandoverObservation>;
  act?: HandoverAct;
}

export interface TableState extends EventData<'TechnicalTableEstablished'>, Recorded {}

export type ProjectState = EventData<'ProjectRegistered'> & Recorded;
export type CommitmentState = EventData<'FundingCommitted'> & Recorded;
export type AllocationState = EventData<'BudgetAllocated'> & Recorded;

/** Key of a term in LedgerView.terms. */
export function termKey(lgId: string, termId: string): string {
  return `${lgId}/${termId}`;
}
