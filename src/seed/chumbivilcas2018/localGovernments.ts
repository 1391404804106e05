import type { SeedFact } from '../seedFact.ts';
import { seedFact } from './scenario.ts';

/**
 * The eight local governments of the province of Chumbivilcas (Cusco), by INEI ubigeo. The
 * provincial municipality also governs the capital district, Santo Tomás, which is why the source
 * speaks of "eight district municipalities". Mayors' names are illustrative.
 */
export interface ChumbivilcasLg {
  lgId: string;
  /** Place name used in titles: the seat for the province, the district otherwise. */
  place: string;
  name: string;
  level: 'provincial' | 'district';
  /** Suffix of the municipality's instruments, e.g. `MPCH` in "Ordenanza Municipal N° 015-2018-MPCH". */
  acronym: string;
  mayor2015: string;
  mayor2019: string;
}

export const OUTGOING_TERM = '2015-2018';
export const INCOMING_TERM = '2019-2022';

export const PROVINCIAL = '080701';
export const QUINOTA = '080707';

export const LOCAL_GOVERNMENTS: readonly ChumbivilcasLg[] = [
  lg('080701', 'Santo Tomás', 'Municipalidad Provincial de Chumbivilcas', 'provincial', 'MPCH', 'Marco Antonio Huillca Quispe', 'Rosa Elena Ccahuana Mamani'),
  lg('080702', 'Capacmarca', 'Municipalidad Distrital de Capacmarca', 'district', 'MDCAP', 'Teófilo Condori Puma', 'Edwin Layme Choque'),
  lg('080703', 'Chamaca', 'Municipalidad Distrital de Chamaca', 'district', 'MDCHA', 'Hilario Mendoza Ccori', 'Nilda Huamaní Soncco'),
  lg('080704', 'Colquemarca', 'Municipalidad Distrital de Colquemarca', 'district', 'MDCOL', 'Florencio Anccasi Cusi', 'Raúl Challco Yupanqui'),
  lg('080705', 'Livitaca', 'Municipalidad Distrital de Livitaca', 'district', 'MDL', 'Gregorio Ccasa Huarca', 'Yeni Pacco Quispe'),
  lg('080706', 'Llusco', 'Municipalidad Distrital de Llusco', 'district', 'MDLL', 'Benito Alanoca Taipe', 'Fredy Huaracha Mollo'),
  lg('080707', 'Quiñota', 'Municipalidad Distrital de Quiñota', 'district', 'MDQ', 'Eusebio Chalco Ancco', 'Lucía Ttito Huamán'),
  lg('080708', 'Velille', 'Municipalidad Distrital de Velille', 'district', 'MDV', 'Américo Ccallo Surco', 'Walter Quispe Sullca'),
];

export const ALL_LG_IDS: readonly string[] = LOCAL_GOVERNMENTS.map((l) => l.lgId);

/** The local government with ubigeo `lgId`; throws on a typo in the scenario itself. */
export function lgById(lgId: string): ChumbivilcasLg {
  const found = LOCAL_GOVERNMENTS.find((l) => l.lgId === lgId);
  if (!found) throw new Error(`unknown local government in the Chumbivilcas scenario: ${lgId}`);
  return found;
}

/**
 * Per local government: its registration and both terms. The outgoing term is ended before the
 * incoming one starts, so terms never overlap whichever order the streams are submitted in.
 */
export function localGovernmentFacts(): SeedFact[] {
  return LOCAL_GOVERNMENTS.flatMap((l) => [
    seedFact('LocalGovernmentRegistered', l.lgId, {
      lgId: l.lgId,
      name: l.name,
      level: l.level,
      province: 'Chumbivilcas',
      department: 'Cusco',
    }),
    seedFact('AuthorityTermStarted', `${l.lgId}/${OUTGOING_TERM}`, {
      lgId: l.lgId,
      termId: OUTGOING_TERM,
      mayor: l.mayor2015,
      startedOn: '2015-01-01',
    }),
    seedFact('AuthorityTermEnded', `${l.lgId}/${OUTGOING_TERM}`, {
      lgId: l.lgId,
      termId: OUTGOING_TERM,
      endedOn: '2018-12-31',
    }),
    seedFact('AuthorityTermStarted', `${l.lgId}/${INCOMING_TERM}`, {
      lgId: l.lgId,
      termId: INCOMING_TERM,
      mayor: l.mayor2019,
      startedOn: '2019-01-01',
    }),
  ]);
}

function lg(
  lgId: string,
  place: string,
  name: string,
  level: ChumbivilcasLg['level'],
  acronym: string,
  mayor2015: string,
  mayor2019: string,
): ChumbivilcasLg {
  return { lgId, place, name, level, acronym, mayor2015: illustrative(mayor2015), mayor2019: illustrative(mayor2019) };
}

/** Marks an invented detail (a person, an instrument) as such, in the data itself. */
export function illustrative(s: string): string {
  return `${s} (ilustrativo)`;
}
