import { DIRECTIVE_OF_COMMISSION_FORMED, DIRECTIVES, documentsEvidencedBy, type DirectiveId } from './directives/directives.ts';
import { isEventType, isOfSubject, occurredOn, type EventData, type LedgerEvent } from './events/catalogue.ts';
import { idsIntroducedBy } from './recordedIds.ts';
import type { Term } from './terms.ts';

/**
 * The write model: only what the rules need, folded from the events of the streams a fact
 * involves (see referencedStreams). Retracted events are removed before the fold (foldLedgerState),
 * so "adopted" here already means "adopted and not retracted"; only the ids they introduced remain.
 *
 * Ownership: `evolve` updates the state it is given in place and returns it. The fold owns its
 * state; whoever needs a snapshot to survive a later `evolve` must fold a fresh one. This keeps a
 * fold over a long stream linear instead of copying every collection at every event.
 * `decide` only reads the state.
 */
export interface LedgerState {
  localGovernments: Map<string, LocalGovernmentState>;
  plans: Map<string, PlanState>;
  transitions: Map<string, TransitionState>;
  tables: Map<string, TableState>;
  projects: Map<string, ProjectState>;
  /** Allocation ids seen in budget streams. */
  allocationIds: Set<string>;
  /** Ids named by the EntryRetracted events folded. */
  retractedIds: Set<string>;
  /** Every id introduced by an event folded, retracted ones included: ids are never freed (recordedIds.ts). */
  recordedIds: Set<string>;
}

export interface LocalGovernmentState {
  lgId: string;
  /** In the order they started (terms never overlap). */
  terms: Term[];
}

export type InheritanceDecision = EventData<'PlanInheritanceDecided'>['decision'];

export interface PlanState {
  planId: string;
  lgId: string;
  kind: 'CDP' | 'LED';
  horizon: { from: number; to: number };
  draftedOn: string;
  /** Current version: 1 when drafted, +1 at each update. */
  version: number;
  /** Objective codes of the current version. */
  objectiveCodes: Set<string>;
  adoptedVersion?: number;
  adoptedOn?: string;
  recognizedOn?: string;
  /** Decision of each term that inherited the plan, by termId. */
  inheritance: Map<string, { decision: InheritanceDecision; decidedOn: string }>;
}

export interface TransitionState {
  transitionId: string;
  lgId: string;
  /** The directive whose process the transition follows (src/domain/directives/). */
  directive: DirectiveId;
  outgoingTermId: string;
  incomingTermId: string;
  /** The day the transition was opened: its commission formed (2018) or its opening recorded (2022). */
  formedOn: string;
  /** The day each document of the directive's process was first recorded, by document id. */
  documents: Map<string, string>;
  /** Category of each handover item, by itemId. */
  items: Map<string, string>;
  decisionIds: Set<string>;
  observations: Map<string, ObservationState>;
  signedOn?: string;
}

export interface ObservationState {
  raisedOn: string;
  resolvedOn?: string;
}

export interface TableState {
  tableId: string;
  lgIds: string[];
  establishedOn: string;
}

export interface ProjectState {
  projectId: string;
  lgIds: string[];
  registeredOn: string;
  commitmentIds: Set<string>;
}

/** What `evolve` needs of a recorded event: stored events and test fixtures both fit. */
export interface EvolvableEvent {
  id: string;
  stream: string;
  type: string;
  data: unknown;
}

export function initialState(): LedgerState {
  return {
    localGovernments: new Map(),
    plans: new Map(),
    transitions: new Map(),
    tables: new Map(),
    projects: new Map(),
    allocationIds: new Set(),
    retractedIds: new Set(),
    recordedIds: new Set(),
  };
}

/**
 * Folds one recorded event into `state` (in place, see LedgerState) and returns it. Events of
 * types outside the catalogue are ignored, so audit or access events in the same log are harmless.
 * History is never refused here: an event about something the fold does not know (its subject was
 * retracted, or its stream was not read) changes nothing.
 */
export function evolve(state: LedgerState, event: EvolvableEvent): LedgerState {
  // No per-event record of what was folded: no rule reads one, and the write-model cache would keep it for every event.
  if (!isCatalogueFact(event)) return state;
  // An id claimed earlier (even by a retracted fact) is not taken over by a later one: the first
  // draft or formation owns its stream, as the scope checks say (a log from before the rule may hold a second).
  const introduced = idsIntroducedBy(event);
  const claimedBefore = introduced.some((key) => state.recordedIds.has(key));
  for (const key of introduced) state.recordedIds.add(key);
  switch (event.type) {
    case 'LocalGovernmentRegistered': {
      const d = event.data;
      if (!state.localGovernments.has(d.lgId)) state.localGovernments.set(d.lgId, { lgId: d.lgId, terms: [] });
      break;
    }
    case 'AuthorityTermStarted': {
      const d = event.data;
      const lg = state.localGovernments.get(d.lgId);
      if (lg && !lg.terms.some((t) => t.termId === d.termId)) {
        lg.terms.push({ termId: d.termId, startedOn: d.startedOn });
        lg.terms.sort((a, b) => (a.startedOn < b.startedOn ? -1 : a.startedOn > b.startedOn ? 1 : 0));
      }
      break;
    }
    case 'AuthorityTermEnded': {
      const d = event.data;
      const term = state.localGovernments.get(d.lgId)?.terms.find((t) => t.termId === d.termId);
      if (term) term.endedOn = d.endedOn;
      break;
    }
    case 'PlanDrafted': {
      const d = event.data;
      if (claimedBefore) break;
      state.plans.set(d.planId, {
        planId: d.planId,
        lgId: d.lgId,
        kind: d.kind,
        horizon: { from: d.horizon.from, to: d.horizon.to },
        draftedOn: d.draftedOn,
        version: 1,
        objectiveCodes: new Set(d.objectives.map((o) => o.code)),
        inheritance: new Map(),
      });
      break;
    }
    case 'PlanUpdated': {
      const d = event.data;
      const plan = state.plans.get(d.planId);
      if (!plan) break;
      plan.version = d.version;
      // An update without objectives keeps the previous version's.
      if (d.objectives) plan.objectiveCodes = new Set(d.objectives.map((o) => o.code));
      break;
    }
    case 'PlanAdopted': {
      const d = event.data;
      const plan = state.plans.get(d.planId);
      if (!plan) break;
      plan.adoptedVersion = d.version;
      plan.adoptedOn = d.adoptedOn;
      break;
    }
    case 'PlanRecognizedAsPublicPolicy': {
      const d = event.data;
      const plan = state.plans.get(d.planId);
      if (plan) plan.recognizedOn = d.recognizedOn;
      break;
    }
    case 'PlanInheritanceDecided': {
      const d = event.data;
      state.plans.get(d.planId)?.inheritance.set(d.termId, { decision: d.decision, decidedOn: d.decidedOn });
      break;
    }
    case 'TransitionCommissionFormed': {
      const d = event.data;
      if (claimedBefore) break;
      state.transitions.set(d.transitionId, openedTransition(d, DIRECTIVE_OF_COMMISSION_FORMED, d.formedOn));
      break;
    }
    case 'TransitionOpened': {
      const d = event.data;
      if (claimedBefore) break;
      state.transitions.set(d.transitionId, openedTransition(d, d.directive, d.openedOn));
      break;
    }
    // What the 2022 rules need of these is which documents are recorded: kept below for every transition event.
    case 'TransferTeamDesignated':
    case 'TransferTeamInstalled':
    case 'AccountabilityReportFiled':
    case 'TransferReportFiled':
    case 'TransferCommissionInstalled':
    case 'SupplementaryReportFiled':
      break;
    case 'TransferActSigned': {
      const d = event.data;
      const transition = state.transitions.get(d.transitionId);
      if (transition) transition.signedOn = d.signedOn;
      break;
    }
    case 'CommissionDecisionRecorded': {
      const d = event.data;
      state.transitions.get(d.transitionId)?.decisionIds.add(d.decisionId);
      break;
    }
    case 'HandoverItemRecorded': {
      const d = event.data;
      state.transitions.get(d.transitionId)?.items.set(d.itemId, d.category);
      break;
    }
    case 'HandoverObservationRaised': {
      const d = event.data;
      state.transitions.get(d.transitionId)?.observations.set(d.observationId, { raisedOn: d.raisedOn });
      break;
    }
    case 'HandoverObservationResolved': {
      const d = event.data;
      const observation = state.transitions.get(d.transitionId)?.observations.get(d.observationId);
      if (observation) observation.resolvedOn = d.resolvedOn;
      break;
    }
    case 'HandoverActSigned': {
      const d = event.data;
      const transition = state.transitions.get(d.transitionId);
      if (transition) transition.signedOn = d.signedOn;
      break;
    }
    case 'TechnicalTableEstablished': {
      const d = event.data;
      if (!claimedBefore) {
        state.tables.set(d.tableId, { tableId: d.tableId, lgIds: [...d.lgIds], establishedOn: d.establishedOn });
      }
      break;
    }
    case 'TechnicalTableMemberJoined':
      break; // no rule depends on a table's members
    case 'ProjectRegistered': {
      const d = event.data;
      if (!claimedBefore) {
        state.projects.set(d.projectId, {
          projectId: d.projectId,
          lgIds: [...d.lgIds],
          registeredOn: d.registeredOn,
          commitmentIds: new Set(),
        });
      }
      break;
    }
    case 'FundingCommitted': {
      const d = event.data;
      state.projects.get(d.projectId)?.commitmentIds.add(d.commitmentId);
      break;
    }
    case 'BudgetAllocated':
      state.allocationIds.add(event.data.allocationId);
      break;
    case 'EntryRetracted':
      state.retractedIds.add(event.data.eventId);
      break;
    case 'PersonalDataErased':
      break; // no rule depends on an erasure
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
  if (isOfSubject(event, 'transition')) recordDocuments(state, event);
  return state;
}

function openedTransition(
  d: { transitionId: string; lgId: string; outgoingTermId: string; incomingTermId: string },
  directive: DirectiveId,
  openedOn: string,
): TransitionState {
  return {
    transitionId: d.transitionId,
    lgId: d.lgId,
    directive,
    outgoingTermId: d.outgoingTermId,
    incomingTermId: d.incomingTermId,
    formedOn: openedOn,
    documents: new Map(),
    items: new Map(),
    decisionIds: new Set(),
    observations: new Map(),
  };
}

/** Notes the day of each document of its directive's process that a transition event evidences (the first filing counts). */
function recordDocuments(state: LedgerState, event: LedgerEvent): void {
  const transition = state.transitions.get((event.data as { transitionId: string }).transitionId);
  if (!transition) return;
  for (const document of documentsEvidencedBy(DIRECTIVES[transition.directive], event.type, event.data)) {
    if (!transition.documents.has(document.id)) transition.documents.set(document.id, occurredOn(event) as string);
  }
}

/**
 * A recorded event of a catalogue type, typed as that fact. Its data passed the type's schema
 * before it was recorded (validateSubmission), so the type names its shape: the one place the fold
 * relies on that, instead of a cast in every case of `evolve`.
 */
function isCatalogueFact(event: EvolvableEvent): event is EvolvableEvent & LedgerEvent {
  return isEventType(event.type);
}
