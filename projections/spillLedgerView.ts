import type { ListSpill } from './listSpill.ts';
import type { LedgerView, TransitionState } from './ledgerViewTypes.ts';

/**
 * The same view with the handover items and commission decisions of every transition moved to
 * `spill`: the lists that grow with the log (hundreds of items per transition, millions in all).
 * Everything else the view holds is bounded by the number of local governments and their plans,
 * projects and budgets, not by the length of the log, and stays in memory.
 *
 * Not a fold step (it writes to `spill`); the reader calls it between steps, every so many events,
 * so a rebuild holds at most the items folded since the last call (see LedgerReader). Answers do not
 * change: a spilled list equals the one it came from, and reads its elements back when asked.
 */
export function spillLedgerView(view: LedgerView, spill: ListSpill): LedgerView {
  let transitions = view.transitions;
  for (const t of view.transitions.values()) {
    if (t.items.resident === 0 && t.decisions.resident === 0) continue;
    const spilled: TransitionState = { ...t, items: t.items.spill(spill), decisions: t.decisions.spill(spill) };
    transitions = transitions.set(t.transitionId, spilled);
  }
  return transitions === view.transitions ? view : { ...view, transitions };
}
