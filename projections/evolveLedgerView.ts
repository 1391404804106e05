import { isEventType, type LedgerEvent } from '../src/domain/events/catalogue.ts';
import type { StoredEvent } from '../src/eventStore/eventStore.ts';
import { termKey, type LedgerView, type PlanState, type TransitionState } from './ledgerViewTypes.ts';

/** The catalogue schema version this fold reads; other versions would need an upcaster first. */
const SCHEMA_VERSION = 1;

/**
 * One pure fold step: the view after `event`. Never mutates `view` (unchanged entities are shared).
 * Every event advances `lastPosition`; unknown types (audit, access) and unknown schema versions
 * change nothing else. Facts about an entity the view does not hold (its creation was retracted or
 * lies after `asOf`) are ignored rather than invented.
 *
 * EntryRetracted also changes nothing else here: a step cannot undo a fact folded earlier. Batch
 * rebuilds drop retracted events before folding (pointInTime.ts); a live projection that meets an
 * EntryRetracted rebuilds from the log up to it (see needsRebuild in ledgerView.ts).
 */
export function evolveLedgerView(view: LedgerView, event: StoredEvent): LedgerView {
  const next = isEventType(event.type) && event.schemaVersion === SCHEMA_VERSION
    ? apply(view, { type: event.type, data: event.data } as LedgerEvent, event.position)
    : view;
  return { ...next, lastPosition: event.position };
}

function apply(view: LedgerView, event: LedgerEvent, position: bigint): LedgerView {
  switch (event.type) {
    case 'LocalGovernmentRegistered':
      return { ...view, localGovernments: view.localGovernments.set(event.data.lgId, { ...event.data, position }) };
    case 'AuthorityTermStarted': {
      const { lgId, termId, mayor, startedOn } = event.data;
      if (!view.localGovernments.has(lgId)) return view;
      return { ...view, terms: view.terms.set(termKey(lgId, termId), { lgId, termId, mayor, startedOn, position }) };
    }
    case 'AuthorityTermEnded': {
      const key = termKey(event.data.lgId, event.data.termId);
      const term = view.terms.get(key);
      return term ? { ...view, terms: view.terms.set(key, { ...term, endedOn: event.data.endedOn }) } : view;
    }
    case 'PlanDrafted':
      return {
        ...view,
        plans: view.plans.set(event.data.planId, {
          ...event.data, position, currentVersion: 1, versions: [], adoptions: [], inheritanceDecisions: [],
        }),
      };
    case 'PlanUpdated': {
      const { planId, ...version } = event.data;
      return updatePlan(view, planId, (p) => ({
        ...p,
        currentVersion: Math.max(p.currentVersion, version.version),
        objectives: version.objectives ?? p.objectives,
        versions: [...p.versions, { ...version, position }],
      }));
    }
    case 'PlanAdopted': {
      const { planId, ...adoption } = event.data;
      return updatePlan(view, planId, (p) => ({ ...p, adoptions: [...p.adoptions, { ...adoption, position }] }));
    }
    case 'PlanRecognizedAsPublicPolicy': {
      const { planId, ...recognition } = event.data;
      return updatePlan(view, planId, (p) => ({ ...p, recognition: { ...recognition, position } }));
    }
    case 'PlanInheritanceDecided': {
      const { planId, ...decision } = event.data;
      return updatePlan(view, planId, (p) => ({
        ...p,
        inheritanceDecisions: [...p.inheritanceDecisions, { ...decision, position }],
      }));
    }
    case 'TransitionCommissionFormed':
      return {
        ...view,
        transitions: view.transitions.set(event.data.transitionId, {
          ...event.data, position, decisions: [], items: [], observations: [],
        }),
      };
    case 'CommissionDecisionRecorded': {
      const { transitionId, ...decision } = event.data;
      return updateTransition(view, transitionId, (t) => ({ ...t, decisions: [...t.decisions, { ...decision, position }] }));
    }
    case 'HandoverItemRecorded': {
      const { transitionId, ...item } = event.data;
      return updateTransition(view, transitionId, (t) => ({ ...t, items: [...t.items, { ...item, position }] }));
    }
    case 'HandoverObservationRaised': {
      const { transitionId, ...observation } = event.data;
      return updateTransition(view, transitionId, (t) => ({
        ...t,
        observations: [...t.observations, { ...observation, position }],
      }));
    }
    case 'HandoverObservationResolved': {
      const { transitionId, observationId, resolution, resolvedOn } = event.data;
      return updateTransition(view, transitionId, (t) => ({
        ...t,
        observations: t.observations.map((o) =>
          o.observationId === observationId ? { ...o, resolution: { resolution, resolvedOn, position } } : o,
        ),
      }));
    }
    case 'HandoverActSigned': {
      const { transitionId, ...act } = event.data;
      return updateTransition(view, transitionId, (t) => ({ ...t, act: { ...act, position } }));
    }
    case 'TechnicalTableEstablished':
      return { ...view, tables: view.tables.set(event.data.tableId, { ...event.data, position }) };
    case 'TechnicalTableMemberJoined': {
      const table = view.tables.get(event.data.tableId);
      if (!table) return view;
      return { ...view, tables: view.tables.set(table.tableId, { ...table, members: [...table.members, event.data.member] }) };
    }
    case 'ProjectRegistered':
      return { ...view, projects: view.projects.set(event.data.projectId, { ...event.data, position }) };
    case 'FundingCommitted':
      // A commitment only means something for a project the view knows: its sector and places.
      if (!view.projects.has(event.data.projectId)) return view;
      return { ...view, commitments: view.commitments.set(event.data.commitmentId, { ...event.data, position }) };
    case 'BudgetAllocated':
      return { ...view, allocations: view.allocations.set(event.data.allocationId, { ...event.data, position }) };
    case 'EntryRetracted':
      return view;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

function updatePlan(view: LedgerView, planId: string, change: (p: PlanState) => PlanState): LedgerView {
  const plan = view.plans.get(planId);
  return plan ? { ...view, plans: view.plans.set(planId, change(plan)) } : view;
}

function updateTransition(view: LedgerView, id: string, change: (t: TransitionState) => TransitionState): LedgerView {
  const transition = view.transitions.get(id);
  return transition ? { ...view, transitions: view.transitions.set(id, change(transition)) } : view;
}
