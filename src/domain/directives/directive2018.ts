import type { DirectiveProcess, Source } from './directiveProcess.ts';

const directive: Source = { citation: 'Directiva N° 008-2018-CG/GTN, «Transferencia de Gestión en las Entidades del Estado»' };
const ledger: Source = { citation: 'Modelo de transferencia de 2018 de este registro (docs/directives.md): comisión, entrega, observaciones y acta' };

/**
 * The 2018 process as this ledger has recorded it since its first version: a commission of both
 * authorities, the items handed over, observations, decisions and one act. Its events, their meaning
 * and the 2018 demo's facts are unchanged; this data only names them. The act is signed by persons
 * listed by name, not by role, so no signatory role is required. The 2018 Acta Complementaria is not
 * modelled here.
 */
export const DIRECTIVE_2018: DirectiveProcess = {
  id: '008-2018-CG/GTN',
  title: 'Transferencia de Gestión en las Entidades del Estado',
  source: directive,
  opensWith: 'TransitionCommissionFormed',
  events: [
    'TransitionCommissionFormed',
    'CommissionDecisionRecorded',
    'HandoverItemRecorded',
    'HandoverObservationRaised',
    'HandoverObservationResolved',
    'HandoverActSigned',
  ],
  stages: [
    { id: 'commission-formed', title: { es: 'Conformación de la comisión de transferencia', en: 'Transfer commission formed' }, source: ledger },
    { id: 'handover', title: { es: 'Entrega de información y revisión', en: 'Information handed over and reviewed' }, source: ledger },
    { id: 'act', title: { es: 'Suscripción del acta de transferencia', en: 'Handover act signed' }, source: ledger },
  ],
  documents: [
    {
      id: 'commission-formation',
      title: { es: 'Conformación de la comisión de transferencia', en: 'Forming of the transfer commission' },
      stage: 'commission-formed',
      evidencedBy: 'TransitionCommissionFormed',
      required: 'always',
      source: ledger,
    },
    {
      id: 'handover-items',
      title: { es: 'Relación de información entregada', en: 'Information handed over' },
      stage: 'handover',
      evidencedBy: 'HandoverItemRecorded',
      required: 'always',
      repeatable: true,
      source: ledger,
    },
    {
      id: 'handover-act',
      title: { es: 'Acta de transferencia de gestión', en: 'Handover act' },
      stage: 'act',
      evidencedBy: 'HandoverActSigned',
      required: 'always',
      source: ledger,
    },
  ],
  signatories: [],
  rules: [
    { rule: 'TRANSITION_TERMS_NOT_SUCCESSIVE', source: ledger },
    { rule: 'COMMISSION_SIDE_MISSING', source: ledger },
    { rule: 'OBSERVATIONS_OPEN', source: ledger },
    { rule: 'HANDOVER_ACT_ALREADY_SIGNED', source: ledger },
  ],
};
