/**
 * The largest position any store can hold: SQLite's INTEGER and EventStoreDB's commit position are
 * both signed 64-bit. A position a client sends is checked against it before it reaches a store,
 * whose driver would otherwise throw (a 500) on a value it cannot bind.
 */
export const MAX_LEDGER_POSITION = 2n ** 63n - 1n;

/** The position a decimal string names, or undefined when it is not one (signs, spaces, exponents, above the maximum). */
export function parseLedgerPosition(text: unknown): bigint | undefined {
  if (typeof text !== 'string' || !/^\d{1,19}$/.test(text)) return undefined;
  const position = BigInt(text);
  return position <= MAX_LEDGER_POSITION ? position : undefined;
}
