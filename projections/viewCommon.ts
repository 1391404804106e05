import type { LedgerView } from './ledgerViewTypes.ts';

/**
 * What every view carries: the point in time it describes. `atPosition` is the last ledger position
 * taken into account, as a decimal string (positions exceed 2^53 on EventStoreDB).
 */
export interface Provenance {
  asOf?: string;
  atPosition: string;
}

export function provenance(view: LedgerView): Provenance {
  return view.asOf === undefined
    ? { atPosition: view.lastPosition.toString() }
    : { asOf: view.asOf, atPosition: view.lastPosition.toString() };
}

/** `items` in log order (by the position that created each), so every view lists deterministically. */
export function inLogOrder<T extends { position: bigint }>(items: Iterable<T>): T[] {
  return [...items].sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
}
