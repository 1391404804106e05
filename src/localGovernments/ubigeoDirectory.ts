import { parse } from 'csv-parse/sync';
import type { LocalGovernmentRegistered } from '../domain/events/localGovernmentEvents.ts';

/** One district of the INEI directory, as its file spells it. */
export interface DirectoryDistrict {
  department: string;
  province: string;
  district: string;
  ubigeo: string;
}

/** Why a directory file cannot be read; `line` is 1-based, counting the header. */
export class DirectoryFormatError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line === undefined ? message : `line ${line}: ${message}`);
  }
}

const HEADER = ['departamento', 'provincia', 'distrito', 'ubigeo'];

/**
 * Provincial municipalities whose legal name is not "Municipalidad Provincial de <province>".
 * Lima's is metropolitan (Ley N° 27972, art. 151); Callao's name carries the article.
 */
const PROVINCIAL_NAMES: Readonly<Record<string, string>> = {
  '150101': 'Municipalidad Metropolitana de Lima',
  '070101': 'Municipalidad Provincial del Callao',
};

/**
 * Reads a directory in the format of the INEI 2025 file (`;`-separated, UTF-8, a header whose first
 * columns are departamento;provincia;distrito;ubigeo). Refuses, naming the line, a missing column, a
 * ubigeo that is not 6 digits, a repeated ubigeo, and a province without its capital district `PP01`.
 */
export function parseUbigeoDirectory(csv: string): DirectoryDistrict[] {
  let rows: string[][];
  try {
    rows = parse(csv.replace(/^\uFEFF/, ''), { delimiter: ';', relax_column_count: false, skip_empty_lines: true, trim: true });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new DirectoryFormatError(`not a ;-separated directory file (${(error as Error).message})`, line);
  }
  const [header, ...body] = rows;
  if (!header || HEADER.some((name, i) => header[i]?.toLowerCase() !== name)) {
    throw new DirectoryFormatError(`the header must begin with ${HEADER.join(';')}`, 1);
  }
  const seen = new Set<string>();
  const districts = body.map((row, i) => {
    const [department = '', province = '', district = '', ubigeo = ''] = row;
    const line = i + 2;
    if (!/^\d{6}$/.test(ubigeo)) throw new DirectoryFormatError(`ubigeo "${ubigeo}" is not 6 digits`, line);
    if (seen.has(ubigeo)) throw new DirectoryFormatError(`ubigeo ${ubigeo} appears twice`, line);
    if (!department || !province || !district) throw new DirectoryFormatError(`ubigeo ${ubigeo} lacks a department, province or district name`, line);
    seen.add(ubigeo);
    return { department, province, district, ubigeo };
  });
  for (const { ubigeo } of districts) {
    const capital = `${ubigeo.slice(0, 4)}01`;
    if (!seen.has(capital)) throw new DirectoryFormatError(`province ${ubigeo.slice(0, 4)} has no capital district ${capital}`);
  }
  return districts;
}

/**
 * The local governments a directory describes: one provincial municipality per province, seated in
 * (and registered under the ubigeo of) its capital district `PP01`, which it also governs; one
 * district municipality for every other district.
 */
export function localGovernmentsOf(districts: readonly DirectoryDistrict[]): LocalGovernmentRegistered[] {
  return districts.map(({ department, province, district, ubigeo }) => {
    const provincial = ubigeo.endsWith('01');
    return {
      lgId: ubigeo,
      name: provincial ? (PROVINCIAL_NAMES[ubigeo] ?? `Municipalidad Provincial de ${province}`) : `Municipalidad Distrital de ${district}`,
      level: provincial ? 'provincial' : 'district',
      province,
      department,
    };
  });
}
