import { z } from 'zod';
import { DirectiveId } from '../directives/directiveId.ts';
import { personalText } from '../personalText.ts';
import { Id, IsoDate, LgId, TermId, list, longText, shortText } from '../primitives.ts';
import { FiledDocument } from './filedDocument.ts';

/*
 * The transfer of management under Directiva N° 016-2022-CG/PREVI (src/domain/directives/): the
 * transfer teams of both sides (ETTS, ETTE), the accountability and transfer reports with their
 * constancias, the commission's installation and the act. Each filing carries its document as
 * evidence (FiledDocument). Observations, decisions and handover items keep their 2018 events.
 */

/** Opens a transition under a directive whose process does not start with a commission (directives.ts). */
export const TransitionOpened = z.strictObject({
  transitionId: Id,
  lgId: LgId,
  directive: DirectiveId,
  outgoingTermId: TermId,
  incomingTermId: TermId,
  openedOn: IsoDate,
});
export type TransitionOpened = z.infer<typeof TransitionOpened>;

export const TransferSide = z.enum(['outgoing', 'incoming']);

export const TransferTeamMember = z.strictObject({
  /** Erasable (fieldClassification.ts): members may be private citizens. */
  name: personalText(),
  role: z.enum(['lead', 'member']),
  /** Official, servant or citizen, as the directive allows for the incoming team. */
  kind: z.enum(['official', 'servant', 'citizen']),
  /** The post held, for officials and servants (e.g. "Gerente Municipal"). */
  position: shortText().optional(),
});
export type TransferTeamMember = z.infer<typeof TransferTeamMember>;

/** A transfer team designated: the ETTS by the outgoing head's resolution, the ETTE by the incoming head. */
export const TransferTeamDesignated = z.strictObject({
  transitionId: Id,
  side: TransferSide,
  members: list(TransferTeamMember, 1),
  /** The resolution or document that forms the team. */
  instrument: FiledDocument,
  designatedOn: IsoDate,
});
export type TransferTeamDesignated = z.infer<typeof TransferTeamDesignated>;

export const TransferTeamInstalled = z.strictObject({
  transitionId: Id,
  side: TransferSide,
  /** The team's Acta de Instalación. */
  installationAct: FiledDocument,
  installedOn: IsoDate,
});
export type TransferTeamInstalled = z.infer<typeof TransferTeamInstalled>;

/** The Informe de Rendición de Cuentas de Titulares por Cese en el Cargo, initial or updated. */
export const AccountabilityReportFiled = z.strictObject({
  transitionId: Id,
  version: z.enum(['initial', 'updated']),
  /** Number of the Constancia de Presentación the Contraloría's system issued. */
  constancia: shortText(),
  report: FiledDocument,
  filedOn: IsoDate,
});
export type AccountabilityReportFiled = z.infer<typeof AccountabilityReportFiled>;

/**
 * Sections of the Informe de Transferencia de Gestión: I administrative systems; II efficacy
 * indicators; III the public services the entity provides; IV the head's results per service;
 * V information for the continuity of services.
 */
export const TransferReportSectionId = z.enum(['I', 'II', 'III', 'IV', 'V']);

export const TransferReportSection = z.strictObject({
  section: TransferReportSectionId,
  summary: longText(),
  documents: list(FiledDocument),
});
export type TransferReportSection = z.infer<typeof TransferReportSection>;

export const TransferReportFiled = z.strictObject({
  transitionId: Id,
  constancia: shortText(),
  report: FiledDocument,
  sections: list(TransferReportSection, 1),
  filedOn: IsoDate,
});
export type TransferReportFiled = z.infer<typeof TransferReportFiled>;

export const TransferCommissionInstalled = z.strictObject({
  transitionId: Id,
  /** The Acta de Instalación de la Comisión de Transferencia. */
  installationAct: FiledDocument,
  installedOn: IsoDate,
});
export type TransferCommissionInstalled = z.infer<typeof TransferCommissionInstalled>;

export const SupplementaryReportFiled = z.strictObject({
  transitionId: Id,
  reportId: Id,
  summary: longText(),
  report: FiledDocument,
  filedOn: IsoDate,
});
export type SupplementaryReportFiled = z.infer<typeof SupplementaryReportFiled>;

export const ActSignatoryRole = z.enum(['incoming-head', 'outgoing-head', 'responsible-official', 'incoming-team-lead']);

export const ActSignatory = z.strictObject({
  role: ActSignatoryRole,
  /** Erasable: sealed by the write path. */
  name: personalText(),
});
export type ActSignatory = z.infer<typeof ActSignatory>;

/** The Acta de Transferencia de Gestión, a sworn statement, signed and filed. */
export const TransferActSigned = z.strictObject({
  transitionId: Id,
  signatories: list(ActSignatory, 1),
  act: FiledDocument,
  signedOn: IsoDate,
});
export type TransferActSigned = z.infer<typeof TransferActSigned>;
