import { termYears } from '../terms.ts';
import { violate } from './violate.ts';

/**
 * The incoming term has usually not started when a transition opens (commissions and teams work
 * between election and swearing-in), so only its years can be checked: they start after the
 * outgoing term's end.
 */
export function requireSuccessiveTerms(transitionId: string, outgoingTermId: string, incomingTermId: string): void {
  if (termYears(incomingTermId)[0] <= termYears(outgoingTermId)[1]) {
    violate(
      'TRANSITION_TERMS_NOT_SUCCESSIVE',
      `incoming term ${incomingTermId} does not start after outgoing term ${outgoingTermId} ends`,
      { transitionId, outgoingTermId, incomingTermId },
    );
  }
}
