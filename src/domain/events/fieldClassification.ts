import type { EventType } from './catalogue.ts';

/**
 * What each field of each event is, for Ley N° 29733:
 * - `erasable`: personal data of a private person (commission members who are not officials,
 *   technical-table members, signatories). Sealed by the write path (schema v2), erasable by subject;
 * - `public-official`: a public official's name acting in office (the mayor of a term): kept, since
 *   the office is public and its acts must stay attributable;
 * - `not-personal`: ids, dates, amounts, institutional text.
 * Free text (observations, decisions, descriptions) is `not-personal` by contract: it must name
 * people by role, not by name (docs/personal-data.md). Paths use `*` for every item of a list.
 * test/unit/domain/fieldClassification.spec.ts keeps this complete for every schema field.
 */
export type FieldClass = 'erasable' | 'public-official' | 'not-personal';

/** The fields of a FiledDocument at `path`: a document's title and references are institutional. */
const doc = (path: string) => ['title', 'sha256', 'sizeBytes', 'contraloriaRef', 'publishedAt'].map((f) => `${path}/${f}`);

const notPersonal = (...fields: string[]) => Object.fromEntries(fields.map((f) => [f, 'not-personal' as const]));

export const FIELD_CLASSIFICATION: { [K in EventType]: Record<string, FieldClass> } = {
  LocalGovernmentRegistered: notPersonal('lgId', 'name', 'level', 'province', 'department'),
  AuthorityTermStarted: { ...notPersonal('lgId', 'termId', 'startedOn'), mayor: 'public-official' },
  AuthorityTermEnded: notPersonal('lgId', 'termId', 'endedOn'),
  PlanDrafted: notPersonal('planId', 'lgId', 'kind', 'title', 'horizon/from', 'horizon/to', 'objectives/*/code', 'objectives/*/text', 'draftedOn'),
  PlanUpdated: notPersonal('planId', 'version', 'summary', 'objectives/*/code', 'objectives/*/text', 'updatedOn'),
  PlanAdopted: notPersonal('planId', 'version', 'instrument', 'adoptedOn'),
  PlanRecognizedAsPublicPolicy: notPersonal('planId', 'instrument', 'recognizedOn'),
  PlanInheritanceDecided: notPersonal('planId', 'lgId', 'termId', 'decision', 'decidedOn'),
  TransitionCommissionFormed: {
    ...notPersonal('transitionId', 'lgId', 'outgoingTermId', 'incomingTermId', 'members/*/role', 'members/*/side', 'formedOn'),
    'members/*/name': 'erasable',
  },
  CommissionDecisionRecorded: notPersonal('transitionId', 'decisionId', 'subject', 'decision', 'decidedOn'),
  HandoverItemRecorded: notPersonal('transitionId', 'itemId', 'category', 'ref', 'description', 'recordedOn'),
  HandoverObservationRaised: notPersonal('transitionId', 'observationId', 'itemId', 'text', 'raisedOn'),
  HandoverObservationResolved: notPersonal('transitionId', 'observationId', 'resolution', 'resolvedOn'),
  HandoverActSigned: { ...notPersonal('transitionId', 'signedOn'), 'signatories/*': 'erasable' },
  TransitionOpened: notPersonal('transitionId', 'lgId', 'directive', 'outgoingTermId', 'incomingTermId', 'openedOn'),
  TransferTeamDesignated: {
    ...notPersonal('transitionId', 'side', 'members/*/role', 'members/*/kind', 'members/*/position', 'designatedOn', ...doc('instrument')),
    'members/*/name': 'erasable',
  },
  TransferTeamInstalled: notPersonal('transitionId', 'side', 'installedOn', ...doc('installationAct')),
  AccountabilityReportFiled: notPersonal('transitionId', 'version', 'constancia', 'filedOn', ...doc('report')),
  TransferReportFiled: notPersonal(
    'transitionId', 'constancia', 'filedOn', ...doc('report'), 'sections/*/section', 'sections/*/summary', ...doc('sections/*/documents/*'),
  ),
  TransferCommissionInstalled: notPersonal('transitionId', 'installedOn', ...doc('installationAct')),
  SupplementaryReportFiled: notPersonal('transitionId', 'reportId', 'summary', 'filedOn', ...doc('report')),
  // The act's signatories sign in office, but the ETTE's lead may be a private citizen: all are sealed.
  TransferActSigned: { ...notPersonal('transitionId', 'signatories/*/role', 'signedOn', ...doc('act')), 'signatories/*/name': 'erasable' },
  TechnicalTableEstablished: {
    ...notPersonal('tableId', 'name', 'scope', 'lgIds/*', 'members/*/sector', 'establishedOn'),
    'members/*/name': 'erasable',
  },
  TechnicalTableMemberJoined: { ...notPersonal('tableId', 'member/sector', 'joinedOn'), 'member/name': 'erasable' },
  ProjectRegistered: notPersonal('projectId', 'title', 'sector', 'lgIds/*', 'cui', 'registeredOn'),
  // A funder is an institution (a ministry, a regional government, a cooperation agency).
  FundingCommitted: notPersonal('commitmentId', 'projectId', 'funder', 'tableId', 'amount', 'currency', 'committedOn'),
  BudgetAllocated: notPersonal('allocationId', 'lgId', 'fiscalYear', 'projectId', 'planId', 'objectiveCode', 'process', 'amount', 'currency', 'allocatedOn'),
  EntryRetracted: notPersonal('eventId', 'reason', 'retractedOn'),
  // Names no private person: who asked is an office or a role, the subject an id.
  PersonalDataErased: notPersonal('subjectId', 'requestedBy', 'legalBasis', 'erasedOn'),
};

/** The erasable field patterns of an event type, e.g. `['members/*' + '/name']`. */
export function erasableFields(type: EventType): string[] {
  return Object.entries(FIELD_CLASSIFICATION[type])
    .filter(([, c]) => c === 'erasable')
    .map(([f]) => f);
}
