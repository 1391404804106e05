import { catalogue, isEventType, type LedgerEvent } from '../src/domain/events/catalogue.ts';
import type { EventForFold } from '../src/records/eventForFold.ts';
import { PersistentList } from './persistentList.ts';
import { PersistentMap } from './persistentMap.ts';
import {
  termKey, type CommissionDecision, type HandoverItem, type HandoverObservation, type LedgerView, type PlanState, type TransferFiling,
  type TransitionState,
} from './ledgerViewTypes.ts';
import { DIRECTIVE_OF_COMMISSION_FORMED } from '../src/domain/directives/directives.ts';

/**
 * Whether this fold reads the event's schema version: 1, and up to the catalogue's own. v2 differs from
 * v1 only in that its erasable fields may hold sealed values, which the view carries through as they
 * are (revealed at the edge, src/personalData/reveal.ts); any later version would need an upcaster first.
 */
const readsVersion = (type: keyof typeof catalogue, version: number) => version >= 1 && version <= catalogue[type].schemaVersion;

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
export function evolveLedgerView(view: LedgerView, event: EventForFold): LedgerView {
  // The event itself is the `{ type, data }` pair: a catalogue type's data passed its schema when recorded.
  const next = isEventType(event.type) && readsVersion(event.type, event.schemaVersion)
    ? apply(view, event as EventForFold & LedgerEvent, event.position)
    : view;
  if (next === view) return { ...view, lastPosition: event.position };
  // `next` was made by this step and nobody holds it yet: setting its position is no mutation of a
  // view anyone can see, and saves copying the view a second time at every event.
  next.lastPosition = event.position;
  return next;
}

/**
 * The view after `events[from..to)`, folded in order: exactly what evolveLedgerView gives folded
 * over them one by one, without the views in between (nobody sees them). A run of handover items of
 * one transition, the bulk of a large log, is folded as one change of that transition: one copy of
 * it and of the view, and one appendAll, instead of one of each per item.
 */
export function evolveLedgerViewAll(view: LedgerView, events: readonly EventForFold[], from = 0, to = events.length): LedgerView {
  let i = from;
  while (i < to) {
    const event = events[i]!;
    const transitionId = itemOf(event);
    let end = i + 1;
    if (transitionId !== undefined) while (end < to && itemOf(events[end]!) === transitionId) end++;
    view = end - i > 1 ? appendItems(view, transitionId!, events, i, end) : evolveLedgerView(view, event);
    i = end;
  }
  return view;
}

/** The transition of a HandoverItemRecorded this fold reads, or undefined for any other event. */
function itemOf(event: EventForFold): string | undefined {
  return event.type === 'HandoverItemRecorded' && readsVersion(event.type, event.schemaVersion)
    ? (event.data as { transitionId: string }).transitionId
    : undefined;
}

/** evolveLedgerView over `events[from..to)`, all HandoverItemRecorded of `transitionId`. */
function appendItems(view: LedgerView, transitionId: string, events: readonly EventForFold[], from: number, to: number): LedgerView {
  const lastPosition = events[to - 1]!.position;
  const transition = view.transitions.get(transitionId);
  if (!transition) return { ...view, lastPosition };
  const items = new Array<HandoverItem>(to - from);
  for (let i = from; i < to; i++) {
    const event = events[i]! as EventForFold & Extract<LedgerEvent, { type: 'HandoverItemRecorded' }>;
    const { transitionId: _, ...item } = event.data;
    items[i - from] = recorded(item, event.position);
  }
  return { ...view, transitions: view.transitions.set(transitionId, { ...transition, items: transition.items.appendAll(items) }), lastPosition };
}

function apply(view: LedgerView, event: LedgerEvent, position: bigint): LedgerView {
  switch (event.type) {
    case 'LocalGovernmentRegistered':
      return { ...view, localGovernments: view.localGovernments.set(event.data.lgId, recorded(event.data, position)) };
    case 'AuthorityTermStarted': {
      const { lgId, termId, mayor, startedOn } = event.data;
      if (!view.localGovernments.has(lgId)) return view;
      return { ...view, terms: view.terms.set(termKey(lgId, termId), { lgId, termId, mayor, startedOn, position }) };
    }
    case 'AuthorityTermEnded': {
      const key = termKey(event.data.lgId, event.data.termId);
      const term = view.terms.get(key);
      return term ? { ...view, terms: view.terms.set(key, extend(term, { endedOn: event.data.endedOn })) } : view;
    }
    case 'PlanDrafted':
      return {
        ...view,
        plans: view.plans.set(
          event.data.planId,
          extend(recorded(event.data, position), { currentVersion: 1, versions: [], adoptions: [], inheritanceDecisions: [] }),
        ),
      };
    case 'PlanUpdated': {
      const { planId, ...version } = event.data;
      return updatePlan(view, planId, (p) => ({
        ...p,
        currentVersion: Math.max(p.currentVersion, version.version),
        objectives: version.objectives ?? p.objectives,
        versions: [...p.versions, recorded(version, position)],
      }));
    }
    case 'PlanAdopted': {
      const { planId, ...adoption } = event.data;
      return updatePlan(view, planId, (p) => ({ ...p, adoptions: [...p.adoptions, recorded(adoption, position)] }));
    }
    case 'PlanRecognizedAsPublicPolicy': {
      const { planId, ...recognition } = event.data;
      return updatePlan(view, planId, (p) => extend(p, { recognition: recorded(recognition, position) }));
    }
    case 'PlanInheritanceDecided': {
      const { planId, ...decision } = event.data;
      return updatePlan(view, planId, (p) => ({
        ...p,
        inheritanceDecisions: [...p.inheritanceDecisions, recorded(decision, position)],
      }));
    }
    case 'TransitionCommissionFormed':
      return openTransition(view, extend(recorded(event.data, position), { directive: DIRECTIVE_OF_COMMISSION_FORMED }));
    case 'TransitionOpened': {
      const { directive, openedOn, ...terms } = event.data;
      return openTransition(view, extend(recorded(terms, position), { members: [], formedOn: openedOn, directive }));
    }
    // Each filing case is spelled out so that its type and data stay one typed pair, without a cast.
    case 'TransferTeamDesignated': {
      const { transitionId, ...data } = event.data;
      return addFiling(view, transitionId, { type: event.type, data, position });
    }
    case 'TransferTeamInstalled': {
      const { transitionId, ...data } = event.data;
      return addFiling(view, transitionId, { type: event.type, data, position });
    }
    case 'AccountabilityReportFiled': {
      const { transitionId, ...data } = event.data;
      return addFiling(view, transitionId, { type: event.type, data, position });
    }
    case 'TransferReportFiled': {
      const { transitionId, ...data } = event.data;
      return addFiling(view, transitionId, { type: event.type, data, position });
    }
    case 'TransferCommissionInstalled': {
      const { transitionId, ...data } = event.data;
      return addFiling(view, transitionId, { type: event.type, data, position });
    }
    case 'SupplementaryReportFiled': {
      const { transitionId, ...data } = event.data;
      return addFiling(view, transitionId, { type: event.type, data, position });
    }
    case 'TransferActSigned': {
      const { transitionId, ...data } = event.data;
      return addFiling(view, transitionId, { type: event.type, data, position });
    }
    case 'CommissionDecisionRecorded': {
      const { transitionId, ...decision } = event.data;
      return updateTransition(view, transitionId, (t) => ({ ...t, decisions: t.decisions.append(recorded(decision, position)) }));
    }
    case 'HandoverItemRecorded': {
      const { transitionId, ...item } = event.data;
      return updateTransition(view, transitionId, (t) => ({ ...t, items: t.items.append(recorded(item, position)) }));
    }
    case 'HandoverObservationRaised': {
      const { transitionId, ...observation } = event.data;
      return updateTransition(view, transitionId, (t) => ({
        ...t,
        observations: t.observations.set(observation.observationId, recorded(observation, position)),
      }));
    }
    case 'HandoverObservationResolved': {
      const { transitionId, observationId, resolution, resolvedOn } = event.data;
      return updateTransition(view, transitionId, (t) => {
        const observation = t.observations.get(observationId);
        if (!observation) return t;
        return { ...t, observations: t.observations.set(observationId, extend(observation, { resolution: { resolution, resolvedOn, position } })) };
      });
    }
    case 'HandoverActSigned': {
      const { transitionId, ...act } = event.data;
      return updateTransition(view, transitionId, (t) => extend(t, { act: recorded(act, position) }));
    }
    case 'TechnicalTableEstablished':
      return { ...view, tables: view.tables.set(event.data.tableId, recorded(event.data, position)) };
    case 'TechnicalTableMemberJoined': {
      const table = view.tables.get(event.data.tableId);
      if (!table) return view;
      return { ...view, tables: view.tables.set(table.tableId, { ...table, members: [...table.members, event.data.member] }) };
    }
    case 'ProjectRegistered':
      return { ...view, projects: view.projects.set(event.data.projectId, recorded(event.data, position)) };
    case 'FundingCommitted':
      // A commitment only means something for a project the view knows: its sector and places.
      if (!view.projects.has(event.data.projectId)) return view;
      return { ...view, commitments: view.commitments.set(event.data.commitmentId, recorded(event.data, position)) };
    case 'BudgetAllocated':
      return { ...view, allocations: view.allocations.set(event.data.allocationId, recorded(event.data, position)) };
    case 'EntryRetracted':
      return view;
    // The view carries sealed values through; whether a key still exists is asked at the edge (src/personalData/reveal.ts).
    case 'PersonalDataErased':
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

function openTransition(view: LedgerView, opened: Omit<TransitionState, 'filings' | 'decisions' | 'items' | 'observations'>): LedgerView {
  return {
    ...view,
    transitions: view.transitions.set(
      opened.transitionId,
      extend(opened, {
        filings: [] as TransferFiling[],
        decisions: PersistentList.empty<CommissionDecision>(),
        items: PersistentList.empty<HandoverItem>(),
        observations: PersistentMap.empty<HandoverObservation>(),
      }),
    ),
  };
}

function addFiling(view: LedgerView, transitionId: string, filing: TransferFiling): LedgerView {
  return updateTransition(view, transitionId, (t) => ({ ...t, filings: [...t.filings, filing] }));
}

function updateTransition(view: LedgerView, id: string, change: (t: TransitionState) => TransitionState): LedgerView {
  const transition = view.transitions.get(id);
  return transition ? { ...view, transitions: view.transitions.set(id, change(transition)) } : view;
}

/*
 * Object shapes matter at a million entities. V8 turns `{ ...data, position }` (a spread followed by
 * a key the source lacks) into a dictionary-mode object: measured 2.2× the memory of a compact one,
 * and ~8× slower to copy, which `{ ...t, items }` does at every item. So a new key goes first
 * (`recorded`) or through Object.assign (`extend`); overriding a key the object has stays a plain spread.
 */

/** `data` and the position of the event that recorded it. Catalogue schemas are strict and none has a `position`. */
function recorded<D extends object>(data: D, position: bigint): D & { position: bigint } {
  return { position, ...data };
}

/** `{ ...base, ...fields }` for keys `base` may lack, kept compact (see above). `base` is our own state, never raw input. */
function extend<B extends object, F extends object>(base: B, fields: F): B & F {
  return Object.assign({}, base, fields);
}
