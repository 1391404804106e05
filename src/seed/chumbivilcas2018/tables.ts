import type { SeedFact } from '../seedFact.ts';
import { ALL_LG_IDS, LOCAL_GOVERNMENTS, type ChumbivilcasLg } from './localGovernments.ts';
import { of } from './plans.ts';
import { ids, seedFact } from './scenario.ts';

/**
 * Technical tables. The Technical Table for the Development of Chumbivilcas (national government
 * and ministries, region, mining companies, local institutions) brokered the 2018 commitments; each
 * municipality has an LED Technical Roundtable; a regional LED table joins the eight
 * municipalities with producers and entrepreneurs. Dates and named members are illustrative.
 */

export const DEVELOPMENT_TABLE_ESTABLISHED_ON = '2018-03-16';

export function developmentTableFacts(): SeedFact[] {
  const tableId = ids.developmentTable;
  return [
    seedFact('TechnicalTableEstablished', tableId, {
      tableId,
      name: 'Mesa Técnica para el Desarrollo de la Provincia de Chumbivilcas',
      scope: 'provincial-development',
      lgIds: [...ALL_LG_IDS],
      members: [
        { name: 'Presidencia del Consejo de Ministros', sector: 'gobierno nacional' },
        { name: 'Ministerio de Agricultura y Riego', sector: 'gobierno nacional' },
        { name: 'Ministerio de Educación', sector: 'gobierno nacional' },
        { name: 'Ministerio de Vivienda, Construcción y Saneamiento', sector: 'gobierno nacional' },
        { name: 'Ministerio de Transportes y Comunicaciones', sector: 'gobierno nacional' },
        { name: 'Ministerio de Energía y Minas', sector: 'gobierno nacional' },
        { name: 'Gobierno Regional del Cusco', sector: 'gobierno regional' },
        { name: 'Empresa minera con operaciones en Livitaca y Velille (ilustrativo)', sector: 'empresa minera' },
        { name: 'Empresa minera del corredor minero del sur (ilustrativo)', sector: 'empresa minera' },
        { name: 'Municipalidad Provincial de Chumbivilcas y municipalidades distritales', sector: 'gobierno local' },
        { name: 'Federación campesina de la provincia de Chumbivilcas (ilustrativo)', sector: 'sociedad civil' },
        { name: 'Frente de defensa de los intereses de Chumbivilcas (ilustrativo)', sector: 'sociedad civil' },
      ],
      establishedOn: DEVELOPMENT_TABLE_ESTABLISHED_ON,
    }),
  ];
}

/** One LED Technical Roundtable per municipality, then the regional LED table. */
export function ledTableFacts(): SeedFact[] {
  return [...LOCAL_GOVERNMENTS.map(municipalLedTable), regionalLedTable()];
}

function municipalLedTable(l: ChumbivilcasLg, index: number): SeedFact {
  const tableId = ids.municipalLedTable(l.lgId);
  return seedFact('TechnicalTableEstablished', tableId, {
    tableId,
    name: `Mesa Técnica de Desarrollo Económico Local ${of(l)}`,
    scope: 'municipal-led',
    lgIds: [l.lgId],
    members: [
      { name: `${l.name}, Subgerencia de Desarrollo Económico Local`, sector: 'público' },
      { name: 'Agencia Agraria Chumbivilcas', sector: 'público' },
      { name: `Emprendimientos de turismo rural y comercio ${of(l)} (ilustrativo)`, sector: 'privado' },
      { name: `Comunidades campesinas ${of(l)} (ilustrativo)`, sector: 'comunitario' },
      { name: `Asociación de productores de leche y derivados ${of(l)} (ilustrativo)`, sector: 'asociaciones' },
      { name: `Asociación de criadores de ganado vacuno ${of(l)} (ilustrativo)`, sector: 'asociaciones' },
    ],
    // Staggered every three days through October 2018, in the order of the ubigeos.
    establishedOn: `2018-10-${String(1 + index * 3).padStart(2, '0')}`,
  });
}

function regionalLedTable(): SeedFact {
  const tableId = ids.regionalLedTable;
  return seedFact('TechnicalTableEstablished', tableId, {
    tableId,
    name: 'Mesa Técnica Regional de Desarrollo Económico Local de Chumbivilcas',
    scope: 'regional-led',
    lgIds: [...ALL_LG_IDS],
    members: [
      ...LOCAL_GOVERNMENTS.map((l) => ({ name: l.name, sector: 'gobierno local' })),
      { name: 'Representantes de productores de leche y derivados de la provincia (ilustrativo)', sector: 'productores' },
      { name: 'Representantes de criadores de ganado vacuno y ovino (ilustrativo)', sector: 'productores' },
      { name: 'Representantes de emprendedores de turismo rural y artesanía (ilustrativo)', sector: 'emprendedores' },
      { name: 'Representantes de micro y pequeñas empresas de la provincia (ilustrativo)', sector: 'emprendedores' },
    ],
    establishedOn: '2018-10-26',
  });
}
