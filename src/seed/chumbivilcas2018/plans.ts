import type { EventData } from '../../domain/events/catalogue.ts';
import type { SeedFact } from '../seedFact.ts';
import { LOCAL_GOVERNMENTS, PROVINCIAL, QUINOTA, illustrative, lgById, type ChumbivilcasLg } from './localGovernments.ts';
import { ids, seedFact } from './scenario.ts';

/**
 * Plans. Every local government updated its Concerted Development Plan (PDLC, "CDP") in 2018 with
 * CISAL's support: drafted at version 1 earlier, updated to version 2 and adopted at version 2 in
 * 2018, horizon 2017-2021 (so it covers the 2019 participatory budget). Four Local Economic
 * Development plans (PDEL, "LED") are adopted and recognized as public policy in 2018.
 * Dates and ordinance numbers are illustrative; which four municipalities have a PDEL is too.
 */

type Objectives = EventData<'PlanDrafted'>['objectives'];

interface CdpCalendar {
  draftedOn: string;
  updatedOn: string;
  adoptedOn: string;
  ordinance: string;
}

const CDP_CALENDAR: Record<string, CdpCalendar> = {
  '080701': { draftedOn: '2016-11-18', updatedOn: '2018-06-22', adoptedOn: '2018-07-13', ordinance: '015-2018' },
  '080702': { draftedOn: '2017-02-10', updatedOn: '2018-07-06', adoptedOn: '2018-08-03', ordinance: '012-2018' },
  '080703': { draftedOn: '2017-03-17', updatedOn: '2018-07-20', adoptedOn: '2018-08-17', ordinance: '009-2018' },
  '080704': { draftedOn: '2016-12-09', updatedOn: '2018-06-29', adoptedOn: '2018-07-27', ordinance: '011-2018' },
  '080705': { draftedOn: '2017-01-27', updatedOn: '2018-07-13', adoptedOn: '2018-08-10', ordinance: '014-2018' },
  '080706': { draftedOn: '2017-04-21', updatedOn: '2018-08-03', adoptedOn: '2018-08-31', ordinance: '008-2018' },
  '080707': { draftedOn: '2017-02-24', updatedOn: '2018-06-15', adoptedOn: '2018-07-06', ordinance: '010-2018' },
  '080708': { draftedOn: '2017-03-31', updatedOn: '2018-07-27', adoptedOn: '2018-08-24', ordinance: '013-2018' },
};

interface LedCalendar {
  draftedOn: string;
  adoptedOn: string;
  adoptionOrdinance: string;
  recognizedOn: string;
  recognitionOrdinance: string;
}

/** The four municipalities with a PDEL recognized as public policy (the choice is illustrative). */
export const LED_CALENDAR: Record<string, LedCalendar> = {
  [PROVINCIAL]: { draftedOn: '2018-04-20', adoptedOn: '2018-08-24', adoptionOrdinance: '019-2018', recognizedOn: '2018-09-28', recognitionOrdinance: '022-2018' },
  '080704': { draftedOn: '2018-05-04', adoptedOn: '2018-09-07', adoptionOrdinance: '016-2018', recognizedOn: '2018-10-05', recognitionOrdinance: '018-2018' },
  '080705': { draftedOn: '2018-05-11', adoptedOn: '2018-09-14', adoptionOrdinance: '017-2018', recognizedOn: '2018-10-12', recognitionOrdinance: '020-2018' },
  [QUINOTA]: { draftedOn: '2018-04-27', adoptedOn: '2018-08-31', adoptionOrdinance: '015-2018', recognizedOn: '2018-09-21', recognitionOrdinance: '017-2018' },
};

export const LED_LG_IDS: readonly string[] = Object.keys(LED_CALENDAR).sort();

/** Codes of the PDLC objectives, one per sector of the 2018 commitments. */
export const CDP_OBJECTIVES = { agriculture: 'OE1', education: 'OE2', housing: 'OE3', transportation: 'OE4' } as const;

export function planFacts(): SeedFact[] {
  return [...LOCAL_GOVERNMENTS.flatMap(cdpFacts), ...LED_LG_IDS.map(lgById).flatMap(ledFacts)];
}

function cdpFacts(l: ChumbivilcasLg): SeedFact[] {
  const planId = ids.cdp(l.lgId);
  const c = calendar(CDP_CALENDAR, l.lgId);
  return [
    seedFact('PlanDrafted', planId, {
      planId,
      lgId: l.lgId,
      kind: 'CDP',
      title: `Plan de Desarrollo Local Concertado ${of(l)} al 2021`,
      horizon: { from: 2017, to: 2021 },
      objectives: cdpObjectives(l, 1),
      draftedOn: c.draftedOn,
    }),
    seedFact('PlanUpdated', `${planId}/v2`, {
      planId,
      version: 2,
      summary:
        'Actualización concertada con el acompañamiento de CISAL: se articulan los objetivos estratégicos con las ' +
        'prioridades de inversión de la Mesa Técnica para el Desarrollo de Chumbivilcas (agricultura, educación, ' +
        'vivienda y transportes) y se precisan sus indicadores y metas al 2021.',
      objectives: cdpObjectives(l, 2),
      updatedOn: c.updatedOn,
    }),
    seedFact('PlanAdopted', `${planId}/v2`, {
      planId,
      version: 2,
      instrument: illustrative(`Ordenanza Municipal N° ${c.ordinance}-${l.acronym}`),
      adoptedOn: c.adoptedOn,
    }),
  ];
}

function ledFacts(l: ChumbivilcasLg): SeedFact[] {
  const planId = ids.led(l.lgId);
  const c = calendar(LED_CALENDAR, l.lgId);
  return [
    seedFact('PlanDrafted', planId, {
      planId,
      lgId: l.lgId,
      kind: 'LED',
      title: `Plan de Desarrollo Económico Local ${of(l)} 2018-2021`,
      horizon: { from: 2018, to: 2021 },
      objectives: [
        { code: 'OE1', text: 'Fortalecer las cadenas de valor de la leche y sus derivados y de la carne de vacuno.' },
        { code: 'OE2', text: 'Promover el turismo rural comunitario, la artesanía y la identidad cultural chumbivilcana.' },
        { code: 'OE3', text: 'Fortalecer las asociaciones de productores y emprendedores y su acceso a mercados y financiamiento.' },
      ],
      draftedOn: c.draftedOn,
    }),
    seedFact('PlanAdopted', `${planId}/v1`, {
      planId,
      version: 1,
      instrument: illustrative(`Ordenanza Municipal N° ${c.adoptionOrdinance}-${l.acronym}`),
      adoptedOn: c.adoptedOn,
    }),
    seedFact('PlanRecognizedAsPublicPolicy', planId, {
      planId,
      instrument: illustrative(`Ordenanza Municipal N° ${c.recognitionOrdinance}-${l.acronym}, que reconoce el PDEL como política pública local`),
      recognizedOn: c.recognizedOn,
    }),
  ];
}

function cdpObjectives(l: ChumbivilcasLg, version: 1 | 2): Objectives {
  const where = l.level === 'provincial' ? 'en la provincia de Chumbivilcas' : `en el distrito de ${l.place}`;
  const o = CDP_OBJECTIVES;
  if (version === 1) {
    return [
      { code: o.agriculture, text: `Mejorar la productividad agropecuaria ${where}.` },
      { code: o.education, text: `Mejorar la calidad de los servicios educativos ${where}.` },
      { code: o.housing, text: `Mejorar las condiciones de habitabilidad de la población rural ${where}.` },
      { code: o.transportation, text: `Mejorar la conectividad vial ${of(l)}.` },
    ];
  }
  return [
    { code: o.agriculture, text: `Mejorar la productividad agropecuaria ${where}, con énfasis en riego, pastos cultivados y ganadería de leche.` },
    { code: o.education, text: `Mejorar la calidad de los servicios educativos y de la infraestructura educativa ${where}.` },
    { code: o.housing, text: `Mejorar las condiciones de habitabilidad de la población rural ${where} frente a heladas y friaje.` },
    { code: o.transportation, text: `Mejorar la conectividad vial ${of(l)} con la capital provincial y los mercados regionales.` },
  ];
}

/** "de la provincia de Chumbivilcas" or "del distrito de Quiñota". */
export function of(l: ChumbivilcasLg): string {
  return l.level === 'provincial' ? 'de la provincia de Chumbivilcas' : `del distrito de ${l.place}`;
}

function calendar<T>(table: Record<string, T>, lgId: string): T {
  const c = table[lgId];
  if (!c) throw new Error(`no calendar for ${lgId} in the Chumbivilcas scenario`);
  return c;
}
