import type { Sector } from '../../domain/events/projectEvents.ts';
import type { SeedFact } from '../seedFact.ts';
import { ALL_LG_IDS } from './localGovernments.ts';
import { ids, seedFact } from './scenario.ts';

/**
 * The 32 projects to which national agencies committed 166 million soles in 2018, through the
 * Technical Table for the Development of Chumbivilcas, in four sectors. The source gives only the
 * totals: titles, local governments, funders, dates and the split of the amount are illustrative,
 * and the amounts add up to exactly 166000000.00 PEN (checked in céntimos by the tests).
 */

export type SeedSector = Extract<Sector, 'agriculture' | 'education' | 'housing' | 'transportation'>;

export interface SeedProject {
  projectId: string;
  commitmentId: string;
  sector: SeedSector;
  title: string;
  lgIds: readonly string[];
  funder: string;
  amount: string;
}

/** Total of the 2018 commitments, as the source states it. */
export const COMMITTED_TOTAL = '166000000.00';

const PSI = 'Programa Subsectorial de Irrigaciones';
const SIERRA_AZUL = 'Fondo Sierra Azul';
const AGRO_RURAL = 'Programa de Desarrollo Productivo Agrario Rural (AGRO RURAL)';
const MINAGRI = 'Ministerio de Agricultura y Riego';
const PRONIED = 'Programa Nacional de Infraestructura Educativa (PRONIED)';
const MINEDU = 'Ministerio de Educación';
const PNVR = 'Programa Nacional de Vivienda Rural';
const VIVIENDA = 'Ministerio de Vivienda, Construcción y Saneamiento';
const PROVIAS = 'Provías Descentralizado';
const MTC = 'Ministerio de Transportes y Comunicaciones';

/** Day the projects of a sector were registered, and day of the table session that committed them. */
const SESSIONS: Record<SeedSector, { registeredOn: string; committedOn: string }> = {
  agriculture: { registeredOn: '2018-05-04', committedOn: '2018-05-18' },
  housing: { registeredOn: '2018-05-04', committedOn: '2018-05-18' },
  education: { registeredOn: '2018-07-06', committedOn: '2018-07-20' },
  transportation: { registeredOn: '2018-09-07', committedOn: '2018-09-21' },
};

const PREFIX: Record<SeedSector, string> = { agriculture: 'agr', education: 'edu', housing: 'viv', transportation: 'tra' };

type Row = [title: string, lgIds: readonly string[], funder: string, amount: string];

const ROWS: Record<SeedSector, Row[]> = {
  agriculture: [
    ['Mejoramiento del servicio de agua para riego en el distrito de Santo Tomás', ['080701'], PSI, '6263702.80'],
    ['Instalación del servicio de riego tecnificado en el distrito de Llusco', ['080706'], SIERRA_AZUL, '3030973.63'],
    ['Mejoramiento del servicio de agua para riego en el distrito de Quiñota', ['080707'], PSI, '5480530.26'],
    ['Mejoramiento de la cadena productiva de vacunos de leche en los distritos de Livitaca y Chamaca', ['080705', '080703'], AGRO_RURAL, '4664901.05'],
    ['Recuperación del servicio ecosistémico de regulación hídrica mediante siembra y cosecha de agua en el distrito de Colquemarca', ['080704'], SIERRA_AZUL, '3826222.56'],
    ['Instalación del servicio de riego por aspersión en el distrito de Velille', ['080708'], MINAGRI, '6206034.04'],
    ['Mejoramiento de la producción de pastos cultivados en el distrito de Capacmarca', ['080702'], AGRO_RURAL, '4962688.38'],
    ['Mejoramiento de la cadena productiva de cuyes en los distritos de Quiñota y Llusco', ['080707', '080706'], MINAGRI, '4900657.21'],
    ['Mejoramiento de los servicios de sanidad animal en los distritos de Santo Tomás, Colquemarca y Velille', ['080701', '080704', '080708'], MINAGRI, '5864290.07'],
  ],
  education: [
    ['Mejoramiento del servicio educativo de nivel secundario en la ciudad de Santo Tomás', ['080701'], PRONIED, '5574159.19'],
    ['Mejoramiento del servicio educativo de nivel inicial en el distrito de Quiñota', ['080707'], PRONIED, '2617661.96'],
    ['Mejoramiento del servicio educativo de nivel primario en el distrito de Colquemarca', ['080704'], PRONIED, '4831750.53'],
    ['Mejoramiento del servicio educativo de nivel secundario en el distrito de Livitaca', ['080705'], PRONIED, '5483702.38'],
    ['Mejoramiento del servicio educativo de nivel primario en el distrito de Velille', ['080708'], MINEDU, '3434148.10'],
    ['Ampliación del servicio educativo de nivel inicial en el distrito de Chamaca', ['080703'], MINEDU, '3119352.84'],
    ['Mejoramiento del servicio educativo de nivel secundario en el distrito de Llusco', ['080706'], PRONIED, '5083355.88'],
    ['Mejoramiento del servicio educativo de nivel primario en el distrito de Capacmarca', ['080702'], MINEDU, '3505869.12'],
  ],
  housing: [
    ['Mejoramiento de viviendas rurales frente a heladas y friaje en el distrito de Santo Tomás', ['080701'], PNVR, '2869809.87'],
    ['Mejoramiento de viviendas rurales frente a heladas y friaje en los distritos de Quiñota y Llusco', ['080707', '080706'], PNVR, '2345084.91'],
    ['Mejoramiento de viviendas rurales frente a heladas y friaje en los distritos de Capacmarca y Colquemarca', ['080702', '080704'], PNVR, '2105345.56'],
    ['Mejoramiento de viviendas rurales frente a heladas y friaje en los distritos de Livitaca y Chamaca', ['080705', '080703'], PNVR, '1663602.15'],
    ['Mejoramiento de viviendas rurales frente a heladas y friaje en el distrito de Velille', ['080708'], PNVR, '1518868.39'],
    ['Mejoramiento de pistas y veredas en la ciudad de Santo Tomás', ['080701'], VIVIENDA, '5733112.14'],
    ['Mejoramiento de espacios públicos en la capital del distrito de Chamaca', ['080703'], VIVIENDA, '1664176.98'],
  ],
  transportation: [
    ['Mejoramiento del camino vecinal Santo Tomás – Llusco', ['080701', '080706'], PROVIAS, '10727661.20'],
    ['Mejoramiento del camino vecinal Llusco – Quiñota', ['080706', '080707'], PROVIAS, '6466101.49'],
    ['Mejoramiento de la carretera Santo Tomás – Colquemarca', ['080701', '080704'], MTC, '13555385.37'],
    ['Mejoramiento del camino vecinal Colquemarca – Capacmarca', ['080704', '080702'], PROVIAS, '5093249.34'],
    ['Mejoramiento del camino vecinal Livitaca – Chamaca', ['080705', '080703'], PROVIAS, '3297335.01'],
    ['Mejoramiento de la carretera Colquemarca – Velille', ['080704', '080708'], MTC, '13397332.70'],
    ['Mantenimiento periódico de caminos vecinales de la provincia de Chumbivilcas', ALL_LG_IDS, PROVIAS, '3162843.53'],
    ['Mejoramiento de la carretera Santo Tomás – Livitaca', ['080701', '080705'], MTC, '13550091.36'],
  ],
};

/** The 32 projects, sector by sector. */
export const PROJECTS: readonly SeedProject[] = (Object.keys(ROWS) as SeedSector[]).flatMap((sector) =>
  ROWS[sector].map(([title, lgIds, funder, amount], i) => {
    const n = String(i + 1).padStart(2, '0');
    return {
      projectId: `proy-2018-${PREFIX[sector]}-${n}`,
      commitmentId: `comp-2018-${PREFIX[sector]}-${n}`,
      sector,
      title: `${title}, provincia de Chumbivilcas, Cusco`,
      lgIds,
      funder,
      amount,
    };
  }),
);

/** The project with `projectId`; throws on a typo in the scenario itself. */
export function projectById(projectId: string): SeedProject {
  const found = PROJECTS.find((p) => p.projectId === projectId);
  if (!found) throw new Error(`unknown project in the Chumbivilcas scenario: ${projectId}`);
  return found;
}

/** Projects that include `lgId`. */
export function projectsOf(lgId: string): SeedProject[] {
  return PROJECTS.filter((p) => p.lgIds.includes(lgId));
}

/** Each project's registration, then its commitment (after the development table exists). */
export function projectFacts(): SeedFact[] {
  return PROJECTS.flatMap((p) => [
    seedFact('ProjectRegistered', p.projectId, {
      projectId: p.projectId,
      title: p.title,
      sector: p.sector,
      lgIds: [...p.lgIds],
      registeredOn: SESSIONS[p.sector].registeredOn,
    }),
    seedFact('FundingCommitted', p.commitmentId, {
      commitmentId: p.commitmentId,
      projectId: p.projectId,
      funder: p.funder,
      tableId: ids.developmentTable,
      amount: p.amount,
      currency: 'PEN',
      committedOn: SESSIONS[p.sector].committedOn,
    }),
  ]);
}
