import { z } from 'zod';
import * as budget from './budgetEvents.ts';
import * as lg from './localGovernmentEvents.ts';
import * as personalData from './personalDataEvents.ts';
import * as plan from './planEvents.ts';
import * as project from './projectEvents.ts';
import * as retraction from './retractionEvents.ts';
import * as table from './technicalTableEvents.ts';
import * as transfer from './transferEvents.ts';
import * as transition from './transitionEvents.ts';
import { streams } from '../streams.ts';

/**
 * Catalogue v1: every fact the ledger accepts from clients. An event's `type` is its schema's
 * name; `schemaVersion` changes only with a new schema, and old versions stay readable forever.
 *
 * Each entry also declares, once for the whole code base:
 * - `stream`: the stream the fact belongs to (the consistency boundary that `expectedRevision`
 *   refers to), named by src/domain/streams.ts. EntryRetracted has none of its own: it is appended
 *   to the stream of the event it retracts, so "not yet retracted" is decided under that revision;
 * - `subject`: the kind of subject whose rules judge it (decide.ts dispatches on it);
 * - `writtenBy`: whose scope writing it takes (src/access/authorize.ts turns it into scopes);
 * - `occurredOn`: the field holding the day it happened in the world (what `asOf` filters on).
 */
export const catalogue = {
  LocalGovernmentRegistered: entry(lg.LocalGovernmentRegistered, 'localGovernment', 'registrar', (d) => streams.localGovernment(d.lgId), () => null),
  AuthorityTermStarted: entry(lg.AuthorityTermStarted, 'localGovernment', 'localGovernment', (d) => streams.localGovernment(d.lgId), (d) => d.startedOn),
  AuthorityTermEnded: entry(lg.AuthorityTermEnded, 'localGovernment', 'localGovernment', (d) => streams.localGovernment(d.lgId), (d) => d.endedOn),
  PlanDrafted: entry(plan.PlanDrafted, 'plan', 'planDraft', (d) => streams.plan(d.planId), (d) => d.draftedOn),
  PlanUpdated: entry(plan.PlanUpdated, 'plan', 'plan', (d) => streams.plan(d.planId), (d) => d.updatedOn),
  PlanAdopted: entry(plan.PlanAdopted, 'plan', 'plan', (d) => streams.plan(d.planId), (d) => d.adoptedOn),
  PlanRecognizedAsPublicPolicy: entry(plan.PlanRecognizedAsPublicPolicy, 'plan', 'plan', (d) => streams.plan(d.planId), (d) => d.recognizedOn),
  PlanInheritanceDecided: entry(plan.PlanInheritanceDecided, 'plan', 'planInheritance', (d) => streams.plan(d.planId), (d) => d.decidedOn),
  TransitionCommissionFormed: entry(transition.TransitionCommissionFormed, 'transition', 'transitionFormation', (d) => streams.transition(d.transitionId), (d) => d.formedOn, 2),
  CommissionDecisionRecorded: entry(transition.CommissionDecisionRecorded, 'transition', 'transition', (d) => streams.transition(d.transitionId), (d) => d.decidedOn),
  HandoverItemRecorded: entry(transition.HandoverItemRecorded, 'transition', 'transition', (d) => streams.transition(d.transitionId), (d) => d.recordedOn),
  HandoverObservationRaised: entry(transition.HandoverObservationRaised, 'transition', 'transition', (d) => streams.transition(d.transitionId), (d) => d.raisedOn),
  HandoverObservationResolved: entry(transition.HandoverObservationResolved, 'transition', 'transition', (d) => streams.transition(d.transitionId), (d) => d.resolvedOn),
  HandoverActSigned: entry(transition.HandoverActSigned, 'transition', 'transition', (d) => streams.transition(d.transitionId), (d) => d.signedOn, 2),
  TransitionOpened: entry(transfer.TransitionOpened, 'transition', 'transitionFormation', (d) => streams.transition(d.transitionId), (d) => d.openedOn),
  TransferTeamDesignated: entry(transfer.TransferTeamDesignated, 'transition', 'transition', (d) => streams.transition(d.transitionId), (d) => d.designatedOn),
  TransferTeamInstalled: entry(transfer.TransferTeamInstalled, 'transition', 'transition', (d) => streams.transition(d.transitionId), (d) => d.installedOn),
  AccountabilityReportFiled: entry(transfer.AccountabilityReportFiled, 'transition', 'transition', (d) => streams.transition(d.transitionId), (d) => d.filedOn),
  TransferReportFiled: entry(transfer.TransferReportFiled, 'transition', 'transition', (d) => streams.transition(d.transitionId), (d) => d.filedOn),
  TransferCommissionInstalled: entry(transfer.TransferCommissionInstalled, 'transition', 'transition', (d) => streams.transition(d.transitionId), (d) => d.installedOn),
  SupplementaryReportFiled: entry(transfer.SupplementaryReportFiled, 'transition', 'transition', (d) => streams.transition(d.transitionId), (d) => d.filedOn),
  TransferActSigned: entry(transfer.TransferActSigned, 'transition', 'transition', (d) => streams.transition(d.transitionId), (d) => d.signedOn),
  TechnicalTableEstablished: entry(table.TechnicalTableEstablished, 'table', 'registrar', (d) => streams.table(d.tableId), (d) => d.establishedOn, 2),
  TechnicalTableMemberJoined: entry(table.TechnicalTableMemberJoined, 'table', 'registrar', (d) => streams.table(d.tableId), (d) => d.joinedOn, 2),
  ProjectRegistered: entry(project.ProjectRegistered, 'project', 'registrar', (d) => streams.project(d.projectId), (d) => d.registeredOn),
  FundingCommitted: entry(project.FundingCommitted, 'project', 'registrar', (d) => streams.project(d.projectId), (d) => d.committedOn),
  BudgetAllocated: entry(budget.BudgetAllocated, 'budget', 'localGovernment', (d) => streams.budget(d.lgId), (d) => d.allocatedOn),
  EntryRetracted: entry(retraction.EntryRetracted, 'retraction', 'retraction', () => null, (d) => d.retractedOn),
  PersonalDataErased: entry(personalData.PersonalDataErased, 'personalData', 'dataProtection', (d) => streams.personalData(d.subjectId), (d) => d.erasedOn),
} as const;

/** The kind of subject whose rules judge a fact. */
export type Subject = 'localGovernment' | 'plan' | 'transition' | 'table' | 'project' | 'budget' | 'retraction' | 'personalData';

/**
 * Whose scope writing a fact takes (src/access/authorize.ts):
 * - `registrar`: the registry's own records (local governments, technical tables, projects);
 * - `localGovernment`: the local government named by the fact's `lgId` (terms, allocations);
 * - `planDraft`: that local government, and an id in its namespace (src/domain/idNamespace.ts);
 * - `plan`: the local government the plan's stream records as its owner;
 * - `planInheritance`: both the deciding local government and the plan's owner;
 * - `transitionFormation`: the transition's local government (its authority or its commission);
 * - `transition`: the transition's commission, of the local government its stream records;
 * - `retraction`: the scopes of the event retracted;
 * - `dataProtection`: the entity's data-protection officer (or the registrar).
 */
export type WrittenBy = 'registrar' | 'localGovernment' | 'planDraft' | 'plan' | 'planInheritance' | 'transitionFormation' | 'transition' | 'retraction' | 'dataProtection';

function entry<S extends z.ZodTypeAny, A extends Subject, W extends WrittenBy>(
  schema: S,
  subject: A,
  writtenBy: W,
  stream: (data: z.output<S>) => string | null,
  occurredOn: (data: z.output<S>) => string | null,
  schemaVersion: 1 | 2 = 1,
) {
  // v2: the event had plain erasable fields before the write path began sealing them
  // (fieldClassification.ts). Events born after that are v1 and sealed from their first record.
  return { schema, schemaVersion, subject, writtenBy, stream, occurredOn };
}

export type EventType = keyof typeof catalogue;
export const EVENT_TYPES = Object.keys(catalogue) as EventType[];

/** A validated fact of the catalogue, discriminated by `type`. */
export type LedgerEvent = {
  [K in EventType]: { type: K; data: z.output<(typeof catalogue)[K]['schema']> };
}[EventType];

export type EventData<K extends EventType> = Extract<LedgerEvent, { type: K }>['data'];

/** The events judged by the rules of one kind of subject, e.g. `EventOf<'plan'>`. */
export type EventOf<A extends Subject> = Extract<LedgerEvent, { type: { [K in EventType]: (typeof catalogue)[K]['subject'] extends A ? K : never }[EventType] }>;

/** The events written under one kind of scope, e.g. `EventWrittenBy<'transition'>`. */
export type EventWrittenBy<W extends WrittenBy> = Extract<LedgerEvent, { type: { [K in EventType]: (typeof catalogue)[K]['writtenBy'] extends W ? K : never }[EventType] }>;

export function isOfSubject<A extends Subject>(event: LedgerEvent, subject: A): event is EventOf<A> {
  return catalogue[event.type].subject === subject;
}

export function isWrittenBy<W extends WrittenBy>(event: LedgerEvent, writtenBy: W): event is EventWrittenBy<W> {
  return catalogue[event.type].writtenBy === writtenBy;
}

export function isEventType(type: unknown): type is EventType {
  return typeof type === 'string' && Object.hasOwn(catalogue, type);
}

/** Stream a fact belongs to; null only for EntryRetracted, which joins its target's stream. */
export function streamOf(event: LedgerEvent): string | null {
  return (catalogue[event.type].stream as (d: unknown) => string | null)(event.data);
}

/**
 * The day on which a fact happened in the world. LocalGovernmentRegistered records an identity that
 * predates the ledger, so it has none and counts at every `asOf`.
 */
export function occurredOn(event: { type: string; data: unknown }): string | null {
  if (!isEventType(event.type)) return null;
  return (catalogue[event.type].occurredOn as (d: unknown) => string | null)(event.data);
}

/** zod schema of `{type, data}` for any catalogue event: a discriminated union, used by the API and OpenAPI. */
export const LedgerEventSchema = z.discriminatedUnion(
  'type',
  EVENT_TYPES.map((type) => z.strictObject({ type: z.literal(type), data: catalogue[type].schema })) as unknown as [
    z.ZodObject<{ type: z.ZodLiteral<EventType>; data: z.ZodTypeAny }>,
    ...z.ZodObject<{ type: z.ZodLiteral<EventType>; data: z.ZodTypeAny }>[],
  ],
);
