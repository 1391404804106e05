import type { SeedFact } from '../seedFact.ts';
import { illustrative, LOCAL_GOVERNMENTS } from '../chumbivilcas2018/localGovernments.ts';
import { ENDED_TERM, OUTGOING_TERM, seedFact } from './scenario.ts';

/** Mayors of the 2023-2026 term, by ubigeo: public officials, their names illustrative. */
export const MAYORS_2023: Readonly<Record<string, string>> = {
  '080701': illustrative('Wilber Ccoropuna Huamaní'),
  '080702': illustrative('Justina Quispe Layme'),
  '080703': illustrative('Celestino Huaylla Condori'),
  '080704': illustrative('Marisol Ccahuana Anccasi'),
  '080705': illustrative('Lucio Taipe Ccasa'),
  '080706': illustrative('Efigenia Mollo Alanoca'),
  '080707': illustrative('Dionisio Ancco Ttito'),
  '080708': illustrative('Reynaldo Sullca Chalco'),
};

/**
 * The 2018 story leaves every municipality in the 2019-2022 term: it ends on 2022-12-31 and the
 * 2023-2026 term starts on 2023-01-01 (the 2022 transfer itself is not part of the demo).
 */
export function termFacts(): SeedFact[] {
  return LOCAL_GOVERNMENTS.flatMap((l) => [
    seedFact('AuthorityTermEnded', `${l.lgId}/${ENDED_TERM}`, { lgId: l.lgId, termId: ENDED_TERM, endedOn: '2022-12-31' }),
    seedFact('AuthorityTermStarted', `${l.lgId}/${OUTGOING_TERM}`, {
      lgId: l.lgId,
      termId: OUTGOING_TERM,
      mayor: mayorOf(l.lgId),
      startedOn: '2023-01-01',
    }),
  ]);
}

export function mayorOf(lgId: string): string {
  const mayor = MAYORS_2023[lgId];
  if (!mayor) throw new Error(`no 2023-2026 mayor for ${lgId} in the Chumbivilcas 2026 scenario`);
  return mayor;
}
