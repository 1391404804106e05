import { termOn } from '../src/domain/terms.ts';
import type { LedgerView, TermState } from './ledgerViewTypes.ts';
import { byLocalGovernment } from './byLocalGovernment.ts';
import type { TermSummary } from './readModelSchemas.ts';

export type { TermSummary } from './readModelSchemas.ts';

export function termSummary(t: TermState): TermSummary {
  return { termId: t.termId, mayor: t.mayor, startedOn: t.startedOn, endedOn: t.endedOn ?? null };
}

/** Terms of a local government, latest started first (so on a handover day the incoming one wins). */
export function termsOf(view: LedgerView, lgId: string): TermState[] {
  return [...(byLocalGovernment(view).terms.get(lgId) ?? [])]
    .sort((a, b) => (a.startedOn === b.startedOn ? Number(b.position - a.position) : a.startedOn < b.startedOn ? 1 : -1));
}

/**
 * The current term: the one in office on the view's `asOf` when it has one, else the latest started
 * term not ended. Undefined between terms or before the first one.
 */
export function currentTerm(view: LedgerView, lgId: string): TermState | undefined {
  const terms = termsOf(view, lgId);
  if (view.asOf !== undefined) return termOn(terms, view.asOf) as TermState | undefined;
  return terms.find((t) => t.endedOn === undefined);
}

/** The term in office on `date` (e.g. the one a plan was adopted under). */
export function termInOffice(view: LedgerView, lgId: string, date: string): TermState | undefined {
  return termOn(termsOf(view, lgId), date) as TermState | undefined;
}
