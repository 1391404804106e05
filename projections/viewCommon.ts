import type { LedgerView } from './ledgerViewTypes.ts';
import type { Provenance } from './readModelSchemas.ts';

export type { Provenance } from './readModelSchemas.ts';

export function provenance(view: LedgerView): Provenance {
  return view.asOf === undefined
    ? { atPosition: view.lastPosition.toString() }
    : { asOf: view.asOf, atPosition: view.lastPosition.toString() };
}

/** `items` in log order (by the position that created each), so every view lists deterministically. */
export function inLogOrder<T extends { position: bigint }>(items: Iterable<T>): T[] {
  return [...items].sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
}
