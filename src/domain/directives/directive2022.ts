import type { DirectiveProcess, Source } from './directiveProcess.ts';

/*
 * What is known here of Directiva N° 016-2022-CG/PREVI comes from the Contraloría's guidance and
 * municipal portals, not from the directive's numbered text: sources cite the directive as a whole,
 * and no numeral is invented. Its deadlines are not known here and are not rules (docs/directives.md).
 */
const directive: Source = {
  citation: 'Directiva N° 016-2022-CG/PREVI, «Rendición de Cuentas de Titulares y Transferencia de Gestión», aprobada por Resolución de Contraloría N° 267-2022-CG (publicada el 5 de agosto de 2022)',
};
const composition: Source = {
  citation: `${directive.citation}: la Comisión de Transferencia la integran ambos titulares y ambos equipos de trabajo de transferencia`,
};
const ette: Source = {
  citation: `${directive.citation}: el ETTE lo integran al menos tres personas, funcionarios o servidores y/o ciudadanos, con un responsable que designa el titular entrante`,
};
const act: Source = {
  citation: `${directive.citation}: el Acta de Transferencia de Gestión es una declaración jurada suscrita por el titular entrante, el titular saliente, el funcionario responsable y el responsable del ETTE`,
};
const stages: Source = { citation: `${directive.citation}: etapas del proceso de transferencia de gestión` };

export const DIRECTIVE_2022: DirectiveProcess = {
  id: '016-2022-CG/PREVI',
  title: 'Rendición de Cuentas de Titulares y Transferencia de Gestión',
  source: directive,
  opensWith: 'TransitionOpened',
  events: [
    'TransitionOpened',
    'TransferTeamDesignated',
    'TransferTeamInstalled',
    'AccountabilityReportFiled',
    'TransferReportFiled',
    'TransferCommissionInstalled',
    'SupplementaryReportFiled',
    'TransferActSigned',
    'HandoverItemRecorded',
    'HandoverObservationRaised',
    'HandoverObservationResolved',
    'CommissionDecisionRecorded',
  ],
  stages: [
    {
      id: 'a',
      title: {
        es: 'Conformación del ETTS, creación de cuentas de acceso y registro de información en el aplicativo de la Contraloría',
        en: 'Outgoing transfer team formed, access accounts created, information registered in the Contraloría’s system',
      },
      source: stages,
    },
    {
      id: 'b',
      title: { es: 'Elaboración y presentación del Informe de Transferencia de Gestión', en: 'Transfer report prepared and filed' },
      source: stages,
    },
    {
      id: 'c',
      title: { es: 'Instalación de la Comisión de Transferencia y revisión de la información', en: 'Transfer commission installed; information reviewed' },
      source: stages,
    },
    {
      id: 'd',
      title: { es: 'Elaboración y presentación del Acta de Transferencia de Gestión', en: 'Transfer act prepared and filed' },
      source: stages,
    },
  ],
  documents: [
    {
      id: 'etts-resolution',
      title: { es: 'Resolución que conforma el Equipo de Trabajo de Transferencia Saliente (ETTS)', en: 'Resolution forming the outgoing transfer team (ETTS)' },
      stage: 'a',
      evidencedBy: 'TransferTeamDesignated',
      where: { side: 'outgoing' },
      required: 'always',
      source: directive,
    },
    {
      id: 'etts-installation-act',
      title: { es: 'Acta de Instalación del ETTS', en: 'Installation act of the ETTS' },
      stage: 'a',
      evidencedBy: 'TransferTeamInstalled',
      where: { side: 'outgoing' },
      required: 'always',
      after: [{ document: 'etts-resolution', rule: 'TRANSFER_TEAM_NOT_DESIGNATED' }],
      source: directive,
    },
    {
      id: 'accountability-report-initial',
      title: {
        es: 'Informe de Rendición de Cuentas de Titulares por Cese en el Cargo (inicial), con su Constancia de Presentación',
        en: 'Head’s accountability report on leaving office (initial), with its filing certificate',
      },
      stage: 'b',
      evidencedBy: 'AccountabilityReportFiled',
      where: { version: 'initial' },
      required: 'always',
      source: directive,
    },
    {
      id: 'accountability-report-updated',
      title: {
        es: 'Informe de Rendición de Cuentas de Titulares por Cese en el Cargo (actualizado), con su Constancia de Presentación',
        en: 'Head’s accountability report on leaving office (updated), with its filing certificate',
      },
      // Updated when the head actually leaves office, so it belongs with the act, not with the
      // transfer report: a transfer whose commission is installed is not held at stage b by it.
      stage: 'd',
      evidencedBy: 'AccountabilityReportFiled',
      where: { version: 'updated' },
      required: 'always',
      after: [{ document: 'accountability-report-initial', rule: 'ACCOUNTABILITY_UPDATE_BEFORE_INITIAL' }],
      source: directive,
    },
    {
      id: 'transfer-report',
      title: { es: 'Informe de Transferencia de Gestión (secciones I a V), con su Constancia de Presentación', en: 'Transfer report (sections I to V), with its filing certificate' },
      stage: 'b',
      evidencedBy: 'TransferReportFiled',
      required: 'always',
      after: [{ document: 'etts-resolution', rule: 'TRANSFER_TEAM_NOT_DESIGNATED' }],
      source: directive,
    },
    {
      id: 'ette-designation',
      title: { es: 'Documento que conforma el Equipo de Trabajo de Transferencia Entrante (ETTE)', en: 'Document forming the incoming transfer team (ETTE)' },
      stage: 'c',
      evidencedBy: 'TransferTeamDesignated',
      where: { side: 'incoming' },
      required: 'always',
      source: ette,
    },
    {
      id: 'commission-installation-act',
      title: { es: 'Acta de Instalación de la Comisión de Transferencia', en: 'Installation act of the transfer commission' },
      stage: 'c',
      evidencedBy: 'TransferCommissionInstalled',
      required: 'always',
      after: [
        { document: 'etts-resolution', rule: 'COMMISSION_TEAMS_MISSING' },
        { document: 'ette-designation', rule: 'COMMISSION_TEAMS_MISSING' },
      ],
      source: composition,
    },
    {
      id: 'supplementary-report',
      title: { es: 'Informe Complementario', en: 'Supplementary report' },
      stage: 'c',
      evidencedBy: 'SupplementaryReportFiled',
      required: 'where-needed',
      repeatable: true,
      after: [{ document: 'transfer-report', rule: 'SUPPLEMENTARY_BEFORE_TRANSFER_REPORT' }],
      source: directive,
    },
    {
      id: 'transfer-act',
      title: { es: 'Acta de Transferencia de Gestión (declaración jurada)', en: 'Transfer act (sworn statement)' },
      stage: 'd',
      evidencedBy: 'TransferActSigned',
      required: 'always',
      after: [
        { document: 'transfer-report', rule: 'ACT_BEFORE_TRANSFER_REPORT' },
        { document: 'commission-installation-act', rule: 'ACT_BEFORE_COMMISSION_INSTALLED' },
      ],
      source: act,
    },
  ],
  signatories: [
    { role: 'incoming-head', title: { es: 'Titular entrante', en: 'Incoming head' }, source: act },
    { role: 'outgoing-head', title: { es: 'Titular saliente', en: 'Outgoing head' }, source: act },
    { role: 'responsible-official', title: { es: 'Funcionario responsable', en: 'Responsible official' }, source: act },
    { role: 'incoming-team-lead', title: { es: 'Responsable del ETTE', en: 'Lead of the incoming transfer team' }, source: act },
  ],
  rules: [
    { rule: 'INCOMING_TEAM_TOO_SMALL', source: ette },
    { rule: 'TRANSFER_TEAM_LEAD', source: ette },
    { rule: 'ACT_SIGNATORIES', source: act },
    { rule: 'TRANSFER_REPORT_SECTIONS', source: { citation: `${directive.citation}: el Informe de Transferencia de Gestión tiene cinco secciones (I a V)` } },
    { rule: 'COMMISSION_NOT_INSTALLED', source: composition },
    { rule: 'DOCUMENT_ALREADY_RECORDED', source: directive },
  ],
};
