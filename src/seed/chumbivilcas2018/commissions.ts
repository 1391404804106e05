import { illustrative } from './localGovernments.ts';

/**
 * Who sat on each 2018 transition commission, when it was formed and when the act was signed.
 * Every name and date here is illustrative: the source says only that commissions were formed
 * after the 2018 local elections to support a transparent transition.
 */
export interface Commission {
  formedOn: string;
  signedOn: string;
  outgoingPresident: string;
  outgoingPlanner: string;
  incomingPresident: string;
  incomingAlderman: string;
}

export const COMMISSIONS: Record<string, Commission> = {
  '080701': commission('2018-11-12', '2018-12-28', 'Julián Ccorahua Apaza', 'Irma Choque Ttito', 'Efraín Huarca Mendoza', 'Wilfredo Huaracha Cusi'),
  '080702': commission('2018-11-15', '2018-12-27', 'Percy Huamán Layme', 'Alberto Ccama Sayhua', 'Lidia Ccori Challco', 'Gladys Pacco Ancco'),
  '080703': commission('2018-11-16', '2018-12-27', 'Ruth Mamani Ccoa', 'Zenón Taipe Huaylla', 'Samuel Condori Pacco', 'Cirilo Ttito Mamani'),
  '080704': commission('2018-11-14', '2018-12-28', 'Víctor Soncco Huaraca', 'Maribel Ancco Ccapa', 'Doris Alanoca Huamaní', 'Rosmery Huisa Puma'),
  '080705': commission('2018-11-19', '2018-12-31', 'Elmer Quispe Ccallo', 'Rubén Sullca Quispe', 'Félix Layme Taipe', 'Abel Apaza Ccorahua'),
  '080706': commission('2018-11-20', '2018-12-28', 'Hernán Puma Chuctaya', 'Carmen Llacma Puma', 'Juana Soncco Ccahuana', 'Yolanda Sayhua Huillca'),
  '080707': commission('2018-11-13', '2018-12-27', 'Nelly Huillca Taco', 'Germán Yupanqui Ccasa', 'Ronald Surco Quispe', 'Néstor Ccapa Chuctaya'),
  '080708': commission('2018-11-21', '2018-12-31', 'Óscar Cusi Anccasi', 'Sonia Chalco Huisa', 'Elsa Mollo Ccallo', 'Marleni Taco Layme'),
};

/** Observations the incoming side raised, by local government; each is resolved before the act. */
export interface ObservationSeed {
  /** Category of the handover item observed (the first item of that category). */
  on: 'plan' | 'budget' | 'asset' | 'obligation';
  text: string;
  resolution: string;
}

export const OBSERVATIONS: Record<string, ObservationSeed[]> = {
  '080701': [
    {
      on: 'budget',
      text: 'La comisión entrante observa que el estado de ejecución presupuestal 2018 no detalla las obras ejecutadas por administración directa.',
      resolution: 'La comisión saliente entregó la relación de obras por administración directa con sus avances físicos y financieros y sus liquidaciones.',
    },
  ],
  '080704': [
    {
      on: 'obligation',
      text: 'Dos obligaciones pendientes de pago con proveedores de materiales de construcción no tienen sustento documentario.',
      resolution: 'Se adjuntaron las órdenes de compra, las actas de conformidad y el cronograma de pago de ambas obligaciones.',
    },
  ],
  '080707': [
    {
      on: 'asset',
      text: 'El inventario de bienes no consigna el estado de conservación de la maquinaria pesada (cargador frontal y volquete).',
      resolution: 'Ambas comisiones verificaron la maquinaria en el almacén municipal y se actualizó el inventario con su estado de conservación.',
    },
    {
      on: 'plan',
      text: 'Se solicita la matriz de indicadores y metas del Plan de Desarrollo Local Concertado actualizado en 2018.',
      resolution: 'La comisión saliente entregó la matriz de indicadores y metas al 2021, en versión impresa y digital.',
    },
  ],
};

function commission(
  formedOn: string,
  signedOn: string,
  outgoingPresident: string,
  outgoingPlanner: string,
  incomingPresident: string,
  incomingAlderman: string,
): Commission {
  return {
    formedOn,
    signedOn,
    outgoingPresident: illustrative(outgoingPresident),
    outgoingPlanner: illustrative(outgoingPlanner),
    incomingPresident: illustrative(incomingPresident),
    incomingAlderman: illustrative(incomingAlderman),
  };
}
