import { directiveProcess, documentsEvidencedBy, type DirectiveProcess, type DocumentRequirement } from '../src/domain/directives/directives.ts';
import type { FiledDocument } from '../src/domain/events/filedDocument.ts';
import type { PersonalText } from '../src/domain/personalText.ts';
import type { LedgerView, TransferFiling, TransitionState } from './ledgerViewTypes.ts';
import { transitionStatus } from './localGovernmentView.ts';
import { provenance } from './viewCommon.ts';
import type {
  ComplianceDocument, ComplianceEvidence, ComplianceSignatories, ComplianceStage, DocumentEvidence, TransitionComplianceView,
} from './readModelSchemas.ts';

export type {
  ComplianceDocument, ComplianceEvidence, ComplianceSignatories, ComplianceStage, DocumentStatus, TransitionComplianceView,
} from './readModelSchemas.ts';

/**
 * A transition measured against its directive's process (src/domain/directives/), or undefined when
 * the transition does not exist at that point. The process is data, so this reads no rule of its
 * own: a document is `done` once a recorded fact evidences it (documentsEvidencedBy), `pending`
 * while an `always` document is not, and `not-applicable` for a `where-needed` document never
 * filed; a stage is done when all its `always` documents are; the current stage is the first not
 * done. No deadline is judged: none is known from the directive's text (docs/directives.md).
 */
export function transitionCompliance(view: LedgerView, transitionId: string): TransitionComplianceView | undefined {
  const t = view.transitions.get(transitionId);
  if (!t) return undefined;
  const process = directiveProcess(t.directive);
  const stages = stagesOf(process, t);
  return {
    ...provenance(view),
    transitionId,
    lgId: t.lgId,
    directive: t.directive,
    directiveTitle: process.title,
    status: transitionStatus(t),
    currentStage: stages.find((s) => s.current)?.stageId ?? null,
    stages,
    signatories: signatoriesOf(process, t),
  };
}

/** The stages of `process` as `t` stands; shared with the board (complianceBoard.ts). */
export function stagesOf(process: DirectiveProcess, t: TransitionState): ComplianceStage[] {
  const facts = factsOf(process, t);
  const stages = process.stages.map((stage) => {
    const documents = process.documents.filter((d) => d.stage === stage.id).map((d) => documentOf(process, d, facts));
    const done = documents.every((d) => d.required !== 'always' || d.status === 'done');
    return { stage, documents, done };
  });
  const current = stages.findIndex((s) => !s.done);
  return stages.map(({ stage, documents, done }, i): ComplianceStage => ({
    stageId: stage.id,
    title: stage.title,
    status: done ? 'done' : 'pending',
    current: i === current,
    documents,
    source: stage.source,
  }));
}

/** A recorded fact of the transition that may evidence a document; `count` is how many facts it stands for. */
interface Fact {
  type: string;
  data: unknown;
  evidence: ComplianceEvidence;
  count: number;
}

/**
 * 1. the opening (TransitionCommissionFormed for 2018, TransitionOpened for 2022);
 * 2. the 2022 filings, each with its document;
 * 3. the first handover item, standing for all of them (a transition has hundreds);
 * 4. the 2018 handover act.
 * Decisions and observations evidence no document of either process.
 */
function factsOf(process: DirectiveProcess, t: TransitionState): Fact[] {
  const facts: Fact[] = [{ type: process.opensWith, data: t, evidence: evidence(process.opensWith, t.formedOn, t.position), count: 1 }];
  for (const f of t.filings) {
    const { on, document, constancia } = filed(f);
    facts.push({ type: f.type, data: f.data, evidence: evidence(f.type, on, f.position, document, constancia), count: 1 });
  }
  const item = t.items.first();
  if (item) facts.push({ type: 'HandoverItemRecorded', data: item, evidence: evidence('HandoverItemRecorded', item.recordedOn, item.position), count: t.items.size });
  if (t.act) facts.push({ type: 'HandoverActSigned', data: t.act, evidence: evidence('HandoverActSigned', t.act.signedOn, t.act.position), count: 1 });
  return facts;
}

function documentOf(process: DirectiveProcess, d: DocumentRequirement, facts: readonly Fact[]): ComplianceDocument {
  const evidencing = facts.filter((f) => documentsEvidencedBy(process, f.type, f.data).some((e) => e.id === d.id));
  const status = evidencing.length > 0 ? 'done' : d.required === 'always' ? 'pending' : 'not-applicable';
  return {
    documentId: d.id,
    title: d.title,
    required: d.required,
    repeatable: d.repeatable ?? false,
    status,
    evidence: evidencing.map((f) => f.evidence),
    count: evidencing.reduce((n, f) => n + f.count, 0),
    source: d.source,
  };
}

function evidence(eventType: string, on: string, position: bigint, document?: FiledDocument, constancia?: string): ComplianceEvidence {
  return { on, eventType, position: position.toString(), constancia: constancia ?? null, document: document ? documentEvidence(document) : null };
}

function documentEvidence(d: FiledDocument): DocumentEvidence {
  return { title: d.title, sha256: d.sha256, sizeBytes: d.sizeBytes, contraloriaRef: d.contraloriaRef ?? null, publishedAt: d.publishedAt ?? null };
}

/** A filing's date, the document it files and its constancia, whatever its type. */
function filed(f: TransferFiling): { on: string; document: FiledDocument; constancia?: string } {
  switch (f.type) {
    case 'TransferTeamDesignated':
      return { on: f.data.designatedOn, document: f.data.instrument };
    case 'TransferTeamInstalled':
      return { on: f.data.installedOn, document: f.data.installationAct };
    case 'AccountabilityReportFiled':
      return { on: f.data.filedOn, document: f.data.report, constancia: f.data.constancia };
    case 'TransferReportFiled':
      return { on: f.data.filedOn, document: f.data.report, constancia: f.data.constancia };
    case 'TransferCommissionInstalled':
      return { on: f.data.installedOn, document: f.data.installationAct };
    case 'SupplementaryReportFiled':
      return { on: f.data.filedOn, document: f.data.report };
    case 'TransferActSigned':
      return { on: f.data.signedOn, document: f.data.act };
    default: {
      const _exhaustive: never = f;
      return _exhaustive;
    }
  }
}

const NO_ROLES = {
  es: 'Este proceso no exige firmantes por cargo: el acta consigna por nombre a quienes la suscriben.',
  en: 'This process requires no signatories by role: the act lists by name those who sign it.',
};

/**
 * The roles the directive requires on the act, present (with the name recorded, revealed at the
 * edge) or missing. A 2018 act is signed by persons named without a role: nothing is required.
 */
function signatoriesOf(process: DirectiveProcess, t: TransitionState): ComplianceSignatories {
  const act = t.filings.find((f) => f.type === 'TransferActSigned');
  const signed = new Map<string, PersonalText>((act?.data.signatories ?? []).map((s) => [s.role, s.name]));
  const required = process.signatories.map(({ role, title, source }) => ({ role, title, source }));
  return {
    byRole: required.length > 0,
    note: required.length > 0 ? null : NO_ROLES,
    required,
    present: process.signatories.filter((s) => signed.has(s.role)).map(({ role, title }) => ({ role, title, name: signed.get(role)! })),
    missing: process.signatories.filter((s) => !signed.has(s.role)).map(({ role, title }) => ({ role, title })),
  };
}
