/**
 * Where the older elements of the view's long lists (a transition's handover items) go during a
 * fold, so that a view of a log of any length holds only a bounded number of them in the JS heap.
 * The fold stays pure: it never calls this; the reader spills a view between steps
 * (spillLedgerView.ts) and a spilled list reads its elements back when a read needs them.
 *
 * A spilled list is identified by `listId` and grows only by appends, so elements [0, n) of one
 * list never change once written. Implemented over SQLite in src/readModels/sqliteListSpill.ts.
 */
export interface ListSpill {
  /**
   * Stores `elements` as elements [from, from + elements.length) of list `listId` (`undefined`: a
   * new list, `from` 0) and returns the id that now holds elements [0, from + elements.length):
   * `listId` itself, or a new one when that range of `listId` was already written by another list
   * that shares its first `from` elements (two folds that branched from one view).
   */
  append(listId: number | undefined, from: number, elements: readonly unknown[]): number;
  /** Elements [0, count) of list `listId`, in order. */
  read(listId: number, count: number): unknown[];
}
