/** A term of office as the rules and read models see it. */
export interface Term {
  termId: string;
  startedOn: string;
  endedOn?: string;
}

/**
 * The term in office on `date` (ISO dates compare as strings): started on or before it and not
 * ended before it. Undefined when nobody was in office.
 */
export function termOn(terms: readonly Term[], date: string): Term | undefined {
  return terms.find((t) => t.startedOn <= date && (t.endedOn === undefined || t.endedOn >= date));
}

/** Years a term id names, e.g. `2019-2022` → [2019, 2022]. */
export function termYears(termId: string): [number, number] {
  return [Number(termId.slice(0, 4)), Number(termId.slice(5, 9))];
}
