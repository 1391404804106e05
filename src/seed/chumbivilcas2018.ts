/**
 * Demo scenario: the province of Chumbivilcas (Cusco, Peru) around the 2018 local elections, as
 * facts of catalogue v1, from the excerpt kept in /work/shared/seed (its `QuiƱota` is Quiñota).
 *
 * From the source, and kept exact: eight local governments; the Technical Table for the
 * Development of Chumbivilcas; 166 000 000.00 PEN committed by national agencies in 2018 to 32
 * projects in agriculture, education, housing and transportation; every PDLC updated in 2018;
 * a transition commission per municipality; the provincial municipality and Quiñota continuing
 * their predecessors' PDLC in the participatory budget; four PDEL recognized as public policy and
 * handed over; an LED roundtable per municipality and a regional LED table.
 *
 * Invented, and marked "(ilustrativo)" in the data where it names a person or an instrument:
 * people, ordinance numbers, dates the source does not give, project titles and funders, the
 * split of the 166 million, which four municipalities have a PDEL, and the 2019 allocations.
 */
import type { SeedFact } from './seedFact.ts';
import { allocationFacts, inheritanceFacts } from './chumbivilcas2018/allocations.ts';
import { localGovernmentFacts } from './chumbivilcas2018/localGovernments.ts';
import { planFacts } from './chumbivilcas2018/plans.ts';
import { projectFacts } from './chumbivilcas2018/projects.ts';
import { developmentTableFacts, ledTableFacts } from './chumbivilcas2018/tables.ts';
import { transitionFacts } from './chumbivilcas2018/transitions.ts';

export type { SeedFact } from './seedFact.ts';
export { SEED_NAMESPACE } from './seedFact.ts';
export { SCENARIO as CHUMBIVILCAS_2018_SCENARIO } from './chumbivilcas2018/scenario.ts';

/** What in the scenario comes from the source and what is illustrative (Spanish, for officials). */
export const CHUMBIVILCAS_2018_NOTE: string =
  'Escenario de demostración: provincia de Chumbivilcas (Cusco) en torno a las elecciones municipales de 2018. ' +
  'Provienen de la fuente: los ocho gobiernos locales; la Mesa Técnica para el Desarrollo de Chumbivilcas; ' +
  'los 166 000 000.00 soles comprometidos en 2018 por entidades del gobierno nacional para 32 proyectos de ' +
  'agricultura, educación, vivienda y transportes; la actualización de los Planes de Desarrollo Local Concertado ' +
  '(PDLC) en 2018; las comisiones de transferencia; el uso de los PDLC anteriores en el presupuesto participativo ' +
  'por las nuevas autoridades de la Municipalidad Provincial de Chumbivilcas y de la Municipalidad Distrital de ' +
  'Quiñota; los cuatro Planes de Desarrollo Económico Local (PDEL) reconocidos como política pública y ' +
  'transferidos; las mesas técnicas municipales de desarrollo económico local y la mesa regional. ' +
  'Son ilustrativos (inventados para la demostración): los nombres de personas y los números de ordenanzas, ' +
  'marcados con «(ilustrativo)»; las fechas que la fuente no da; los títulos, entidades financiadoras y montos ' +
  'de cada proyecto (solo el total de 166 millones y el número de proyectos son exactos); qué cuatro ' +
  'municipalidades tienen PDEL; las observaciones de las transferencias; y las asignaciones del presupuesto ' +
  'participativo 2019.';

/**
 * Every fact of the scenario, in an order that respects causality, so a seeder may submit them one
 * by one (or stream by stream, keeping this order within each stream): local governments and their
 * terms, the development table, plans, LED tables, projects and commitments, transitions, then the
 * 2019 inheritance decisions and allocations. Ids are deterministic UUID v5: re-seeding is idempotent.
 */
export function chumbivilcas2018(): SeedFact[] {
  return [
    ...localGovernmentFacts(),
    ...developmentTableFacts(),
    ...planFacts(),
    ...ledTableFacts(),
    ...projectFacts(),
    ...transitionFacts(),
    ...inheritanceFacts(),
    ...allocationFacts(),
  ];
}
