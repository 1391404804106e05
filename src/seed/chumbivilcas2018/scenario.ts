import { factsOf } from '../seedFact.ts';

/** Name of the scenario: part of every fact id, and the value of LEDGER_SEED that selects it. */
export const SCENARIO = 'chumbivilcas-2018';

/** `fact` bound to this scenario. */
export const seedFact = factsOf(SCENARIO);

/** Ids the scenario's facts share, so that a reference is spelled in one place. */
export const ids = {
  /** Plan de Desarrollo Local Concertado of a local government. */
  cdp: (lgId: string) => `pdlc-${lgId}-2017-2021`,
  /** Plan de Desarrollo Económico Local of a local government. */
  led: (lgId: string) => `pdel-${lgId}-2018-2021`,
  developmentTable: 'mesa-desarrollo-chumbivilcas',
  municipalLedTable: (lgId: string) => `mesa-del-${lgId}`,
  regionalLedTable: 'mesa-del-regional-chumbivilcas',
  transition: (lgId: string) => `tr-${lgId}-2018`,
} as const;
