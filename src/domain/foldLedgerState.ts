import { evolve, initialState, type EvolvableEvent, type LedgerState } from './ledgerState.ts';
import { idsIntroducedBy } from './recordedIds.ts';
import { retractedIds } from './retractions.ts';

/**
 * The write model of `events` (in log order): every event not retracted among them is folded with
 * `evolve`; a retracted one is left out of the state but still claims its ids (recordedIds.ts), so
 * a retraction never frees an id.
 */
export function foldLedgerState(events: readonly EvolvableEvent[]): LedgerState {
  const retracted = retractedIds(events);
  const state = initialState();
  for (const event of events) {
    if (!retracted.has(event.id)) evolve(state, event);
    else for (const key of idsIntroducedBy(event)) state.recordedIds.add(key);
  }
  return state;
}
