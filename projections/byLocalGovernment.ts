import type { AllocationState, CommitmentState, LedgerView, PlanState, ProjectState, TermState, TransitionState } from './ledgerViewTypes.ts';

/** A view's entities grouped by local government, each group in the maps' iteration order. */
export interface ByLocalGovernment {
  plans: ReadonlyMap<string, PlanState[]>;
  transitions: ReadonlyMap<string, TransitionState[]>;
  terms: ReadonlyMap<string, TermState[]>;
  /** A project under every local government it names. */
  projects: ReadonlyMap<string, ProjectState[]>;
  allocations: ReadonlyMap<string, AllocationState[]>;
  allocationsByPlan: ReadonlyMap<string, AllocationState[]>;
  commitmentsByProject: ReadonlyMap<string, CommitmentState[]>;
}

const cache = new WeakMap<LedgerView, ByLocalGovernment>();

/**
 * The grouping of `view`, made in one pass over its maps and kept for as long as the view lives.
 * Views are immutable, so it can never go stale; without it, the list of 1,891 local governments
 * filtered every map once per local government, which grew with the square of the ledger.
 */
export function byLocalGovernment(view: LedgerView): ByLocalGovernment {
  let grouped = cache.get(view);
  if (grouped === undefined) cache.set(view, (grouped = group(view)));
  return grouped;
}

function group(view: LedgerView): ByLocalGovernment {
  const by = <T>(items: Iterable<T>, keys: (item: T) => readonly string[]): Map<string, T[]> => {
    const out = new Map<string, T[]>();
    for (const item of items) {
      for (const key of keys(item)) {
        const list = out.get(key);
        if (list) list.push(item);
        else out.set(key, [item]);
      }
    }
    return out;
  };
  return {
    plans: by(view.plans.values(), (p) => [p.lgId]),
    transitions: by(view.transitions.values(), (t) => [t.lgId]),
    terms: by(view.terms.values(), (t) => [t.lgId]),
    projects: by(view.projects.values(), (p) => [...new Set(p.lgIds)]),
    allocations: by(view.allocations.values(), (a) => [a.lgId]),
    allocationsByPlan: by(view.allocations.values(), (a) => [a.planId]),
    commitmentsByProject: by(view.commitments.values(), (c) => [c.projectId]),
  };
}
