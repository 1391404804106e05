import { factsOf } from '../seedFact.ts';

/** Name of the scenario: part of every fact id (the 2018 story keeps its own, so its ids never move). */
export const SCENARIO = 'chumbivilcas-2026';

/** `fact` bound to this scenario. */
export const seedFact = factsOf(SCENARIO);

/** The term the 2018 story began, ended here; the term it hands over; the term that receives. */
export const ENDED_TERM = '2019-2022';
export const OUTGOING_TERM = '2023-2026';
export const INCOMING_TERM = '2027-2030';

/** The directive every transition of this scenario follows. */
export const DIRECTIVE = '016-2022-CG/PREVI';

/** Ids the scenario's facts share, each in its local government's namespace (src/domain/idNamespace.ts). */
export const ids = {
  transition: (lgId: string) => `tr-${lgId}-2026`,
  item: (lgId: string, n: number) => `tr-${lgId}-2026-it${pad(n)}`,
  observation: (lgId: string, n: number) => `tr-${lgId}-2026-obs${pad(n)}`,
  decision: (lgId: string, n: number) => `tr-${lgId}-2026-dec${pad(n)}`,
  supplementary: (lgId: string, n: number) => `ic-${lgId}-2026-${pad(n)}`,
} as const;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
