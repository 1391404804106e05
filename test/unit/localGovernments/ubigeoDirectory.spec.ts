import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCAL_GOVERNMENTS } from '../../../src/seed/chumbivilcas2018/localGovernments.ts';
import { DirectoryFormatError, localGovernmentsOf, parseUbigeoDirectory } from '../../../src/localGovernments/ubigeoDirectory.ts';

const NATIONAL = readFileSync(new URL('../../../reference/ubigeo-inei-2025.csv', import.meta.url), 'utf8');
const HEADER = 'departamento;provincia;distrito;ubigeo;capital_legal;categoría;altitud;población;latitud;longitud';

describe('the INEI directory of districts', () => {
  it('given the national file, when read, then 1,891 local governments: 196 provincial and 1,695 district', () => {
    const lgs = localGovernmentsOf(parseUbigeoDirectory(NATIONAL));
    expect(lgs).toHaveLength(1891);
    expect(lgs.filter((l) => l.level === 'provincial')).toHaveLength(196);
    expect(lgs.filter((l) => l.level === 'district')).toHaveLength(1695);
    expect(new Set(lgs.map((l) => l.lgId)).size).toBe(1891);
  });

  it('given the national file, when read, then Chumbivilcas is registered exactly as the demo registers it', () => {
    const lgs = localGovernmentsOf(parseUbigeoDirectory(NATIONAL)).filter((l) => l.lgId.startsWith('0807'));
    expect(lgs).toEqual(
      LOCAL_GOVERNMENTS.map((l) => ({ lgId: l.lgId, name: l.name, level: l.level, province: 'Chumbivilcas', department: 'Cusco' })),
    );
  });

  it('given Lima and Callao, when read, then their provincial municipalities carry their legal names', () => {
    const byId = new Map(localGovernmentsOf(parseUbigeoDirectory(NATIONAL)).map((l) => [l.lgId, l]));
    expect(byId.get('150101')).toMatchObject({ name: 'Municipalidad Metropolitana de Lima', level: 'provincial' });
    expect(byId.get('070101')).toMatchObject({ name: 'Municipalidad Provincial del Callao', level: 'provincial' });
    expect(byId.get('150102')).toMatchObject({ name: 'Municipalidad Distrital de Ancón', level: 'district', province: 'Lima' });
  });

  it.each([
    ['a header of another format', 'ubigeo;distrito\n080701;Santo Tomás\n', 'line 1'],
    ['a ubigeo that is not 6 digits', `${HEADER}\nCusco;Chumbivilcas;Santo Tomás;80701;x;x;1;1;1;1\n`, 'line 2: ubigeo "80701" is not 6 digits'],
    ['a repeated ubigeo', `${HEADER}\nCusco;Chumbivilcas;Santo Tomás;080701;x;x;1;1;1;1\nCusco;Chumbivilcas;Otro;080701;x;x;1;1;1;1\n`, 'line 3: ubigeo 080701 appears twice'],
    ['a province without its capital district', `${HEADER}\nCusco;Chumbivilcas;Quiñota;080707;x;x;1;1;1;1\n`, 'no capital district 080701'],
    ['a row with a missing column', `${HEADER}\nCusco;Chumbivilcas;Quiñota\n`, 'not a ;-separated directory file'],
  ])('given %s, when read, then it is refused naming what is wrong', (_case, csv, message) => {
    expect(() => parseUbigeoDirectory(csv)).toThrow(DirectoryFormatError);
    expect(() => parseUbigeoDirectory(csv)).toThrow(message);
  });

  it('given a byte-order mark, when read, then it is ignored', () => {
    expect(parseUbigeoDirectory(`\uFEFF${HEADER}\nCusco;Chumbivilcas;Santo Tomás;080701;x;x;1;1;1;1\n`)).toEqual([
      { department: 'Cusco', province: 'Chumbivilcas', district: 'Santo Tomás', ubigeo: '080701' },
    ]);
  });
});
