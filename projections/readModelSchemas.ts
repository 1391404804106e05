import { z } from 'zod';
import { BudgetAllocated } from '../src/domain/events/budgetEvents.ts';
import { LocalGovernmentRegistered } from '../src/domain/events/localGovernmentEvents.ts';
import { PlanDrafted, PlanInheritanceDecided } from '../src/domain/events/planEvents.ts';
import { Sector } from '../src/domain/events/projectEvents.ts';
import { PersonalInput, SealedValue } from '../src/domain/personalText.ts';
import { DirectiveId } from '../src/domain/directives/directiveId.ts';
import { Sha256Hex } from '../src/domain/events/filedDocument.ts';
import { AccountabilityReportFiled, ActSignatoryRole, TransferReportSectionId, TransferSide, TransferTeamMember } from '../src/domain/events/transferEvents.ts';

/**
 * The read models as they are served: one zod schema per view, from which the views' TypeScript
 * types are inferred (so the code and /openapi.json cannot disagree) and which the HTTP routes use
 * as response schemas. Enums come from the event schemas they are copied from. Money is a decimal
 * string, positions are decimal strings (they exceed 2^53 on EventStoreDB), dates are YYYY-MM-DD.
 */

const Money = z.string().regex(/^-?\d+\.\d{2}$/).describe('Exact amount in soles, two decimals');
const Position = z.string().regex(/^\d+$/).describe('A ledger position');
const Level = LocalGovernmentRegistered.shape.level;
const PlanKind = PlanDrafted.shape.kind;

/** What every view carries: the point in time it describes. */
export const Provenance = z.object({
  asOf: z.string().optional().describe('The business date the view describes, when one was asked for'),
  atPosition: Position.describe('The last ledger position taken into account'),
});
export type Provenance = z.infer<typeof Provenance>;

export const PlanStatus = z.enum(['drafted', 'adopted', 'public-policy']);
export type PlanStatus = z.infer<typeof PlanStatus>;
export const InheritanceStatus = z.enum([...PlanInheritanceDecided.shape.decision.options, 'pending']);
export type InheritanceStatus = z.infer<typeof InheritanceStatus>;
export const TransitionStatus = z.enum(['open', 'signed']);
export type TransitionStatus = z.infer<typeof TransitionStatus>;
export const SectorKey = z.enum([...Sector.options, 'unknown']).describe('`unknown` for an allocation citing a project the view does not hold');
export type SectorKey = z.infer<typeof SectorKey>;

export const TermSummary = z.object({ termId: z.string(), mayor: z.string(), startedOn: z.string(), endedOn: z.string().nullable() });
export type TermSummary = z.infer<typeof TermSummary>;

export const AllocationSummary = z.object({
  allocationId: z.string(),
  lgId: z.string(),
  fiscalYear: z.number().int(),
  projectId: z.string(),
  planId: z.string(),
  objectiveCode: z.string().nullable(),
  process: BudgetAllocated.shape.process,
  amount: Money,
  currency: z.literal('PEN'),
  allocatedOn: z.string(),
  position: Position,
});
export type AllocationSummary = z.infer<typeof AllocationSummary>;

export const SectorTotals = z.object({
  sector: SectorKey,
  committed: Money,
  allocated: Money,
  projects: z.number().int().describe('Projects of this sector in scope (registered, whether or not funded yet)'),
});
export type SectorTotals = z.infer<typeof SectorTotals>;

export const LocalGovernmentSummary = z.object({
  lgId: z.string(),
  name: z.string(),
  level: Level,
  province: z.string(),
  department: z.string(),
  currentTerm: z.object({ termId: z.string(), mayor: z.string() }).nullable(),
  transitionStatus: TransitionStatus.nullable().describe('Status of the latest transition, or null when none was formed'),
  plans: z.object({ total: z.number().int(), drafted: z.number().int(), adopted: z.number().int(), publicPolicy: z.number().int() }),
  committed: Money,
  allocated: Money,
});
export type LocalGovernmentSummary = z.infer<typeof LocalGovernmentSummary>;

export const LocalGovernmentList = Provenance.extend({ localGovernments: z.array(LocalGovernmentSummary) });
export type LocalGovernmentList = z.infer<typeof LocalGovernmentList>;

export const LocalGovernmentPlan = z.object({
  planId: z.string(),
  kind: PlanKind,
  title: z.string(),
  status: PlanStatus,
  currentVersion: z.number().int(),
  adoptedVersion: z.number().int().nullable(),
  adoptedOn: z.string().nullable(),
  adoptedUnderTermId: z.string().nullable(),
  currentTermDecision: InheritanceStatus.nullable().describe('`pending` for a plan adopted under an earlier term and not yet decided on; null when there is nothing to decide'),
});
export type LocalGovernmentPlan = z.infer<typeof LocalGovernmentPlan>;

export const LocalGovernmentTransition = z.object({
  transitionId: z.string(),
  outgoingTermId: z.string(),
  incomingTermId: z.string(),
  formedOn: z.string(),
  status: TransitionStatus,
  signedOn: z.string().nullable(),
  openObservations: z.number().int(),
});
export type LocalGovernmentTransition = z.infer<typeof LocalGovernmentTransition>;

export const LocalGovernmentView = Provenance.extend({
  lgId: z.string(),
  name: z.string(),
  level: Level,
  province: z.string(),
  department: z.string(),
  currentTerm: TermSummary.nullable(),
  terms: z.array(TermSummary),
  plans: z.array(LocalGovernmentPlan),
  transitions: z.array(LocalGovernmentTransition),
  allocations: z.object({ items: z.array(AllocationSummary), total: Money }),
  committedFunding: z.object({ total: Money, projects: z.number().int() }),
  bySector: z.array(SectorTotals),
});
export type LocalGovernmentView = z.infer<typeof LocalGovernmentView>;

export const InheritedPlan = z.object({
  planId: z.string(),
  kind: PlanKind,
  title: z.string(),
  adoptedOn: z.string(),
  adoptedUnderTermId: z.string(),
  recognizedAsPublicPolicy: z.boolean(),
  decision: InheritanceStatus.describe('What the current term decided; `pending` until it records a decision'),
  decidedOn: z.string().nullable(),
  citedByAllocations: z.boolean(),
  allocations: z.array(AllocationSummary),
  allocatedTotal: Money,
});
export type InheritedPlan = z.infer<typeof InheritedPlan>;

export const InheritedPlansView = Provenance.extend({ lgId: z.string(), currentTerm: TermSummary.nullable(), plans: z.array(InheritedPlan) });
export type InheritedPlansView = z.infer<typeof InheritedPlansView>;

const Objective = z.object({ code: z.string(), text: z.string() });

export const PlanLineageStep = z.discriminatedUnion('step', [
  z.object({ step: z.literal('drafted'), on: z.string(), version: z.literal(1), position: Position }),
  z.object({ step: z.literal('updated'), on: z.string(), version: z.number().int(), summary: z.string(), objectivesReplaced: z.boolean(), position: Position }),
  z.object({ step: z.literal('adopted'), on: z.string(), version: z.number().int(), instrument: z.string(), termId: z.string().nullable(), position: Position }),
  z.object({ step: z.literal('recognized-as-public-policy'), on: z.string(), instrument: z.string(), position: Position }),
  z.object({ step: z.literal('inheritance-decided'), on: z.string(), lgId: z.string(), termId: z.string(), decision: PlanInheritanceDecided.shape.decision, position: Position }),
]);
export type PlanLineageStep = z.infer<typeof PlanLineageStep>;

export const PlanView = Provenance.extend({
  planId: z.string(),
  lgId: z.string(),
  kind: PlanKind,
  title: z.string(),
  horizon: z.object({ from: z.number().int(), to: z.number().int() }),
  status: PlanStatus,
  currentVersion: z.number().int(),
  objectives: z.array(Objective),
  lineage: z.array(PlanLineageStep).describe('In log order'),
  allocations: z.array(AllocationSummary),
  allocatedTotal: Money,
});
export type PlanView = z.infer<typeof PlanView>;

export const FunderTotals = z.object({ funder: z.string(), committed: Money, commitments: z.number().int(), projects: z.number().int() });
export type FunderTotals = z.infer<typeof FunderTotals>;

export const LocalGovernmentTotals = z.object({
  lgId: z.string(),
  name: z.string().nullable().describe('Null for an ubigeo named by a project or allocation but not registered at that point'),
  committed: Money.describe('Full commitments of every project naming this local government'),
  allocated: Money,
  projects: z.number().int(),
});
export type LocalGovernmentTotals = z.infer<typeof LocalGovernmentTotals>;

export const BudgetView = Provenance.extend({
  committed: Money,
  allocated: Money,
  projects: z.number().int().describe('Registered projects'),
  fundedProjects: z.number().int().describe('Projects with at least one commitment'),
  commitments: z.number().int(),
  bySector: z.array(SectorTotals),
  byFunder: z.array(FunderTotals),
  byLocalGovernment: z.array(LocalGovernmentTotals),
});
export type BudgetView = z.infer<typeof BudgetView>;

export const DossierObservation = z.object({
  observationId: z.string(),
  itemId: z.string().nullable(),
  text: z.string(),
  raisedOn: z.string(),
  resolution: z.object({ resolution: z.string(), resolvedOn: z.string() }).nullable(),
});
export type DossierObservation = z.infer<typeof DossierObservation>;

/**
 * An erasable name: the view holds it sealed; every response reveals it for its reader first
 * (src/http/personalDataEdge.ts), so clients get a string: the name, `[dato personal]` or `[dato personal suprimido]`.
 */
// (The view's type also admits what the write path seals, since it folds the events' own type.)
const PersonalName = z.union([z.string(), SealedValue, PersonalInput]).describe('Personal data: the name for a reader who may see it, else "[dato personal]"; "[dato personal suprimido]" once erased');

const Member = z.object({ name: PersonalName, role: z.string() });

/** A filed document as served (plain strings: a response schema must encode, and the event's text schemas normalize on input). */
export const FiledDocumentJson = z.object({
  title: z.string(),
  sha256: Sha256Hex,
  sizeBytes: z.number().int(),
  contraloriaRef: z.string().optional(),
  publishedAt: z.string().optional().describe('Where it is published (an http or https URL)'),
});

const filing = <T extends string, D extends z.ZodRawShape>(type: T, data: D) => z.object({ type: z.literal(type), position: Position, data: z.object(data) });

/** A filing of the 2022 process as recorded (its transitionId dropped), names erasable as the commission's are. */
export const DossierFiling = z.discriminatedUnion('type', [
  filing('TransferTeamDesignated', {
    side: TransferSide,
    members: z.array(z.object({ name: PersonalName, role: TransferTeamMember.shape.role, kind: TransferTeamMember.shape.kind, position: z.string().optional() })),
    instrument: FiledDocumentJson,
    designatedOn: z.string(),
  }),
  filing('TransferTeamInstalled', { side: TransferSide, installationAct: FiledDocumentJson, installedOn: z.string() }),
  filing('AccountabilityReportFiled', { version: AccountabilityReportFiled.shape.version, constancia: z.string(), report: FiledDocumentJson, filedOn: z.string() }),
  filing('TransferReportFiled', {
    constancia: z.string(),
    report: FiledDocumentJson,
    sections: z.array(z.object({ section: TransferReportSectionId, summary: z.string(), documents: z.array(FiledDocumentJson) })),
    filedOn: z.string(),
  }),
  filing('TransferCommissionInstalled', { installationAct: FiledDocumentJson, installedOn: z.string() }),
  filing('SupplementaryReportFiled', { reportId: z.string(), summary: z.string(), report: FiledDocumentJson, filedOn: z.string() }),
  filing('TransferActSigned', { signatories: z.array(z.object({ role: ActSignatoryRole, name: PersonalName })), act: FiledDocumentJson, signedOn: z.string() }),
]);
export type DossierFiling = z.infer<typeof DossierFiling>;

export const TransitionDossierView = Provenance.extend({
  transitionId: z.string(),
  directive: DirectiveId.describe('The Contraloría directive whose process the transition follows'),
  lgId: z.string(),
  outgoingTermId: z.string(),
  incomingTermId: z.string(),
  formedOn: z.string(),
  status: TransitionStatus,
  commission: z.object({ outgoing: z.array(Member), incoming: z.array(Member) }),
  decisions: z.array(z.object({ decisionId: z.string(), subject: z.string(), decision: z.string(), decidedOn: z.string() })),
  items: z.array(z.object({ itemId: z.string(), category: z.string(), ref: z.string().nullable(), description: z.string(), recordedOn: z.string() })),
  observations: z.object({ open: z.array(DossierObservation), resolved: z.array(DossierObservation) }),
  act: z.object({ signatories: z.array(PersonalName), signedOn: z.string() }).nullable().describe('The 2018 handover act; a 2022 transfer act is a filing'),
  filings: z.array(DossierFiling).describe('Filings of the 2022 process (teams, reports, installation, act), in log order; empty for a 2018 transition'),
});
export type TransitionDossierView = z.infer<typeof TransitionDossierView>;

const Bilingual = z.object({ es: z.string(), en: z.string() });
const SourceCitation = z.object({ citation: z.string(), url: z.string().optional() }).describe('Where the requirement comes from, as an official cites it');

/** A filed document as evidence: what an auditor compares with the published file. */
export const DocumentEvidence = z.object({
  title: z.string(),
  sha256: Sha256Hex,
  sizeBytes: z.number().int(),
  contraloriaRef: z.string().nullable(),
  publishedAt: z.string().nullable(),
});
export type DocumentEvidence = z.infer<typeof DocumentEvidence>;

/** A recorded fact that evidences a document of the directive. */
export const ComplianceEvidence = z.object({
  on: z.string().describe('The business date of the fact (YYYY-MM-DD)'),
  eventType: z.string(),
  position: Position,
  constancia: z.string().nullable().describe('The Constancia de Presentación number, for a report filed in the Contraloría’s system'),
  document: DocumentEvidence.nullable().describe('The filed document; null for a 2018 fact, which records none'),
});
export type ComplianceEvidence = z.infer<typeof ComplianceEvidence>;

export const DocumentStatus = z.enum(['done', 'pending', 'not-applicable']);
export type DocumentStatus = z.infer<typeof DocumentStatus>;

export const ComplianceDocument = z.object({
  documentId: z.string(),
  title: Bilingual,
  required: z.enum(['always', 'where-needed']),
  repeatable: z.boolean(),
  status: DocumentStatus.describe('`done` once a fact evidences it; `pending` while an `always` document is not; `not-applicable` for a `where-needed` one never filed'),
  evidence: z.array(ComplianceEvidence).describe('The facts that evidence it, in log order (for the 2018 handover items, only the first: `count` says how many)'),
  count: z.number().int().describe('How many facts evidence it'),
  source: SourceCitation,
});
export type ComplianceDocument = z.infer<typeof ComplianceDocument>;

export const ComplianceStage = z.object({
  stageId: z.string(),
  title: Bilingual,
  status: z.enum(['done', 'pending']).describe('`done` when every `always` document of the stage is done'),
  current: z.boolean().describe('The first stage not done'),
  documents: z.array(ComplianceDocument),
  source: SourceCitation,
});
export type ComplianceStage = z.infer<typeof ComplianceStage>;

const RequiredSignatory = z.object({ role: z.string(), title: Bilingual });

export const ComplianceSignatories = z.object({
  byRole: z.boolean().describe('False where the directive names the act’s signatories by person, not by role (2018): then nothing is required or missing'),
  required: z.array(RequiredSignatory.extend({ source: SourceCitation })),
  present: z.array(RequiredSignatory.extend({ name: PersonalName })).describe('Required roles that signed the act, with the name recorded'),
  missing: z.array(RequiredSignatory).describe('Required roles without a signature (all of them until the act is signed)'),
  note: Bilingual.nullable().describe('Why nothing is required, where the directive requires no roles; else null'),
});
export type ComplianceSignatories = z.infer<typeof ComplianceSignatories>;

export const TransitionComplianceView = Provenance.extend({
  transitionId: z.string(),
  lgId: z.string(),
  directive: DirectiveId,
  directiveTitle: z.string(),
  status: TransitionStatus,
  currentStage: z.string().nullable().describe('Id of the first stage not done; null once every stage is done'),
  stages: z.array(ComplianceStage).describe('In the order the directive gives them'),
  signatories: ComplianceSignatories,
});
export type TransitionComplianceView = z.infer<typeof TransitionComplianceView>;

export const ComplianceBoardRow = z.object({
  transitionId: z.string(),
  lgId: z.string(),
  name: z.string().nullable().describe('Null for a local government not registered at that point'),
  level: Level.nullable(),
  province: z.string().nullable(),
  department: z.string().nullable(),
  directive: DirectiveId,
  formedOn: z.string(),
  currentStage: z.object({ stageId: z.string(), title: Bilingual }).nullable().describe('The first stage not done; null once every stage is done'),
  documents: z.object({ done: z.number().int(), pending: z.number().int(), notApplicable: z.number().int() }),
  signed: z.boolean(),
  signedOn: z.string().nullable(),
  openObservations: z.number().int(),
});
export type ComplianceBoardRow = z.infer<typeof ComplianceBoardRow>;

export const ComplianceBoardFilter = z.object({
  department: z.string().optional(),
  province: z.string().optional(),
  directive: DirectiveId.optional(),
});
export type ComplianceBoardFilter = z.infer<typeof ComplianceBoardFilter>;

export const ComplianceBoard = Provenance.extend({
  filter: ComplianceBoardFilter.describe('The filter applied (exact matches)'),
  transitions: z.array(ComplianceBoardRow).describe('Every transition matching the filter, in log order'),
});
export type ComplianceBoard = z.infer<typeof ComplianceBoard>;
