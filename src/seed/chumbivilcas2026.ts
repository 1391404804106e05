/**
 * Demo scenario: the 2026-2027 transfer of management of the eight municipalities of Chumbivilcas
 * under Directiva N° 016-2022-CG/PREVI, recorded after the 2018 story (chumbivilcas2018.ts), whose
 * local governments and 2019-2022 terms it continues. It stands as it could on 2026-12-01: the
 * 2027-2030 terms begin on 2027-01-01, so no transfer act is signed, and the eight transfers are at
 * different stages (progress.ts).
 *
 * Everything here is illustrative except the province, its municipalities and the directive's
 * process: people (mayors, team members), instrument numbers, Contraloría references, dates, the
 * observations, and the documents, whose bytes are a short text naming them as illustrative
 * (illustrativeDocument.ts) so that their SHA-256 and size are real and recomputable.
 */
import type { SeedFact } from './seedFact.ts';
import { termFacts } from './chumbivilcas2026/terms.ts';
import { transferFacts } from './chumbivilcas2026/transfers.ts';

export { SCENARIO as CHUMBIVILCAS_2026_SCENARIO } from './chumbivilcas2026/scenario.ts';

/** What in the scenario is illustrative (Spanish, for officials). */
export const CHUMBIVILCAS_2026_NOTE: string =
  'Escenario de demostración: transferencia de gestión 2026-2027 de las ocho municipalidades de la provincia de ' +
  'Chumbivilcas (Cusco), conforme a la Directiva N° 016-2022-CG/PREVI, tal como podría estar el 1 de diciembre de 2026: ' +
  'los mandatos 2027-2030 empiezan el 1 de enero de 2027, por lo que ninguna Acta de Transferencia de Gestión está suscrita. ' +
  'Son reales la provincia, sus municipalidades y las etapas y documentos del proceso que establece la directiva. ' +
  'Son ilustrativos (inventados para la demostración): los nombres de los alcaldes 2023-2026 y de los integrantes del ' +
  'ETTS y del ETTE, marcados con «(ilustrativo)»; los números de resoluciones, actas, cartas, constancias e informes, y ' +
  'sus títulos, también marcados con «(ilustrativo)»; las referencias de la Contraloría (CGR-ILUSTRATIVO-…); las ' +
  'direcciones de publicación, bajo https://example.org/ilustrativo/, que no es un portal del Estado; el contenido de ' +
  'cada documento, un texto breve que lo declara ilustrativo y cuyo SHA-256 y tamaño son los registrados; las fechas; ' +
  'el avance de cada transferencia; las observaciones y los bienes entregados. ' +
  'Un hecho fechado después del día en que se registra la demostración no se registra.';

/**
 * Every fact of the scenario, in causal order within each stream: the 2019-2022 terms ended and the
 * 2023-2026 terms started, then each municipality's transfer. Ids are deterministic UUID v5 under
 * their own scenario name, so they never collide with the 2018 story's.
 */
export function chumbivilcas2026(): SeedFact[] {
  return [...termFacts(), ...transferFacts()];
}
