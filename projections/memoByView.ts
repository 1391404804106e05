import type { LedgerView } from './ledgerViewTypes.ts';

/**
 * `derive`, remembered for each view while the view lives: views are immutable, so the answer for
 * one can never go stale. For whole-ledger views (lists, totals) read far more often than the log moves.
 */
export function memoByView<R>(derive: (view: LedgerView) => R): (view: LedgerView) => R {
  const cache = new WeakMap<LedgerView, R>();
  return (view) => {
    if (cache.has(view)) return cache.get(view)!;
    const result = derive(view);
    cache.set(view, result);
    return result;
  };
}
