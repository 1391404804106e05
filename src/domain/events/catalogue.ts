import { z } from 'zod';
import * as budget from './budgetEvents.ts';
import * as lg from './localGovernmentEvents.ts';
import * as plan from './planEvents.ts';
import * as project from './projectEvents.ts';
import * as retraction from './retractionEvents.ts';
import * as table from './technicalTableEvents.ts';
import * as transition from './transitionEvents.ts';

/**
 * Catalogue v1: every fact the ledger accepts from clients. An event's `type` is its schema's
 * name; `schemaVersion` changes only with a new schema, and old versions stay readable forever.
 *
 * Each entry also says which stream the fact belongs to (the consistency boundary that
 * `expectedRevision` refers to) and which field holds the date on which it happened in the world
 * (what `asOf` filters on). EntryRetracted has no stream of its own: it is appended to the stream of
 * the event it retracts, so "not yet retracted" is decided under that stream's revision.
 */
export const catalogue = {
  LocalGovernmentRegistered: entry(lg.LocalGovernmentRegistered, (d) => `lg-${d.lgId}`, () => null),
  AuthorityTermStarted: entry(lg.AuthorityTermStarted, (d) => `lg-${d.lgId}`, (d) => d.startedOn),
  AuthorityTermEnded: entry(lg.AuthorityTermEnded, (d) => `lg-${d.lgId}`, (d) => d.endedOn),
  PlanDrafted: entry(plan.PlanDrafted, (d) => `plan-${d.planId}`, (d) => d.draftedOn),
  PlanUpdated: entry(plan.PlanUpdated, (d) => `plan-${d.planId}`, (d) => d.updatedOn),
  PlanAdopted: entry(plan.PlanAdopted, (d) => `plan-${d.planId}`, (d) => d.adoptedOn),
  PlanRecognizedAsPublicPolicy: entry(plan.PlanRecognizedAsPublicPolicy, (d) => `plan-${d.planId}`, (d) => d.recognizedOn),
  PlanInheritanceDecided: entry(plan.PlanInheritanceDecided, (d) => `plan-${d.planId}`, (d) => d.decidedOn),
  TransitionCommissionFormed: entry(transition.TransitionCommissionFormed, (d) => `transition-${d.transitionId}`, (d) => d.formedOn),
  CommissionDecisionRecorded: entry(transition.CommissionDecisionRecorded, (d) => `transition-${d.transitionId}`, (d) => d.decidedOn),
  HandoverItemRecorded: entry(transition.HandoverItemRecorded, (d) => `transition-${d.transitionId}`, (d) => d.recordedOn),
  HandoverObservationRaised: entry(transition.HandoverObservationRaised, (d) => `transition-${d.transitionId}`, (d) => d.raisedOn),
  HandoverObservationResolved: entry(transition.HandoverObservationResolved, (d) => `transition-${d.transitionId}`, (d) => d.resolvedOn),
  HandoverActSigned: entry(transition.HandoverActSigned, (d) => `transition-${d.transitionId}`, (d) => d.signedOn),
  TechnicalTableEstablished: entry(table.TechnicalTableEstablished, (d) => `table-${d.tableId}`, (d) => d.establishedOn),
  TechnicalTableMemberJoined: entry(table.TechnicalTableMemberJoined, (d) => `table-${d.tableId}`, (d) => d.joinedOn),
  ProjectRegistered: entry(project.ProjectRegistered, (d) => `project-${d.projectId}`, (d) => d.registeredOn),
  FundingCommitted: entry(project.FundingCommitted, (d) => `project-${d.projectId}`, (d) => d.committedOn),
  BudgetAllocated: entry(budget.BudgetAllocated, (d) => `budget-${d.lgId}`, (d) => d.allocatedOn),
  EntryRetracted: entry(retraction.EntryRetracted, () => null, (d) => d.retractedOn),
} as const;

function entry<S extends z.ZodTypeAny>(
  schema: S,
  stream: (data: z.output<S>) => string | null,
  occurredOn: (data: z.output<S>) => string | null,
) {
  return { schema, schemaVersion: 1 as const, stream, occurredOn };
}

export type EventType = keyof typeof catalogue;
export const EVENT_TYPES = Object.keys(catalogue) as EventType[];

/** A validated fact of the catalogue, discriminated by `type`. */
export type LedgerEvent = {
  [K in EventType]: { type: K; data: z.output<(typeof catalogue)[K]['schema']> };
}[EventType];

export type EventData<K extends EventType> = Extract<LedgerEvent, { type: K }>['data'];

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
