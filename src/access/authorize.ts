import { isEventType, isWrittenBy, type LedgerEvent } from '../domain/events/catalogue.ts';
import { TRANSITION_OPENINGS } from '../domain/directives/directives.ts';
import { namespaceOf } from '../domain/idNamespace.ts';
import { isSystemStream, streams } from '../domain/streams.ts';
import { ForbiddenError, type ForbiddenReason } from '../errors/forbiddenError.ts';
import type { EventStore } from '../eventStore/eventStore.ts';
import type { StoredEvent } from '../records/storedEvent.ts';
import type { Writer } from '../commandHandling/writer.ts';
import { ACCESS_STREAM } from './accessEvents.ts';

/**
 * Who may write what. Every write needs scopes, named as strings so a 403 can say which one was
 * missing. The catalogue says, per event type, whose scope it takes (`writtenBy`); this file turns
 * that into scopes:
 * - `role:registrar`: the registry's own records (local governments, technical tables, projects);
 * - `lg:<lgId>`: a local government's terms, plan lifecycle, inheritance decisions and allocations
 *   (held by its authority); plan events use the lgId the plan's stream records, retracted or not;
 * - `id:<id>`: introducing a ledger-wide id (a plan's, a transition's): the registrar; a local
 *   government's authority or commission only for an id in its namespace (src/domain/idNamespace.ts),
 *   a commission moreover only for a transition id its grant names;
 * - `commission:<lgId>`: forming or writing the transitions of a local government: its authority
 *   (forming only) and its commission;
 * - `transition:<transitionId>`: writing into a transition: a commission whose grant names it;
 * - `plan:<planId>`: a plan no draft is recorded for: only the registrar (the rules refuse it anyway);
 * - `system:<stream>`: a system stream (src/domain/streams.ts), held by no HTTP credential;
 * - `checkpoint:create`: the auditor's and registrar's one write, through the audit routes;
 * - `role:data-protection-officer`: recording PersonalDataErased (the officer and the registrar);
 * - `documents:keep`: keeping a filed document's file (PUT /api/documents): whoever files documents,
 *   a local government's authority or commission (and the registrar); the file is checked against its
 *   digest, so no scope narrower than this is needed.
 * The registrar holds every scope but `system:`; the auditor holds none but `checkpoint:create`.
 * A retraction needs the scopes of the event it retracts.
 */
export const REGISTRAR_SCOPE = 'role:registrar';
export const CHECKPOINT_SCOPE = 'checkpoint:create';
/** Recording PersonalDataErased: the data-protection officer's one write (and the registrar's). */
export const DATA_PROTECTION_SCOPE = 'role:data-protection-officer';
/** Keeping a document's file, content-addressed: the writers who file documents. */
export const DOCUMENT_SCOPE = 'documents:keep';

/** Facts about the log that scope decisions need, as the streams record them, retracted or not. */
export interface ScopeLookup {
  /** The local government of the plan's first PlanDrafted, or undefined if no draft is recorded. */
  planLgId(planId: string): Promise<string | undefined>;
  /** The local government of the transition's opening event (TransitionCommissionFormed or TransitionOpened), or undefined if none is recorded. */
  transitionLgId(transitionId: string): Promise<string | undefined>;
}

/** Authorization hook of the recorder: resolves when `writer` may record `event`, throws ForbiddenError otherwise. */
export type AuthorizeWrite = (writer: Writer, event: LedgerEvent, context: AuthorizeContext) => Promise<void>;

/** The scopes writing `event` takes, in the order they are checked. */
export async function requiredScopes(event: LedgerEvent, lookup: ScopeLookup, retractionTarget?: StoredEvent): Promise<string[]> {
  if (isWrittenBy(event, 'registrar')) return [REGISTRAR_SCOPE];
  if (isWrittenBy(event, 'localGovernment')) return [`lg:${event.data.lgId}`];
  if (isWrittenBy(event, 'planDraft')) return [`lg:${event.data.lgId}`, `id:${event.data.planId}`];
  if (isWrittenBy(event, 'plan') || isWrittenBy(event, 'planInheritance')) {
    const planLg = await lookup.planLgId(event.data.planId);
    // An undrafted plan belongs to nobody yet: only the registrar may write about it (the rules refuse it anyway).
    const owner = planLg === undefined ? `plan:${event.data.planId}` : `lg:${planLg}`;
    return event.type === 'PlanInheritanceDecided' ? [...new Set([`lg:${event.data.lgId}`, owner])] : [owner];
  }
  if (isWrittenBy(event, 'transitionFormation')) return [`commission:${event.data.lgId}`, `id:${event.data.transitionId}`];
  if (isWrittenBy(event, 'transition')) {
    const lgId = await lookup.transitionLgId(event.data.transitionId);
    // Not formed: the rules refuse it (TRANSITION_UNKNOWN), unless the batch forms it first.
    const scope = `transition:${event.data.transitionId}`;
    return lgId === undefined ? [scope] : [scope, `commission:${lgId}`];
  }
  if (isWrittenBy(event, 'retraction')) {
    if (retractionTarget && isSystemStream(retractionTarget.stream)) return [`system:${retractionTarget.stream}`];
    if (!retractionTarget || !isEventType(retractionTarget.type)) return [REGISTRAR_SCOPE];
    const target = { type: retractionTarget.type, data: retractionTarget.data } as LedgerEvent;
    if (target.type === 'EntryRetracted') return [REGISTRAR_SCOPE];
    return requiredScopes(target, lookup);
  }
  if (isWrittenBy(event, 'dataProtection')) return [DATA_PROTECTION_SCOPE];
  const _exhaustive: never = event;
  return _exhaustive;
}

/** True when the writer's role and scope cover `scope`. A writer without a known role holds nothing. */
export function holdsScope(writer: Writer, scope: string): boolean {
  if (scope.startsWith('system:')) return false;
  const [kind, value = ''] = splitScope(scope);
  const lgId = writer.scope?.lgId;
  switch (writer.role) {
    case 'registrar':
      return true;
    case 'commission': {
      if (lgId === undefined) return false; // a grant from before commissions were tied to a local government
      if (scope === DOCUMENT_SCOPE) return true;
      const transitionIds = writer.scope?.transitionIds ?? [];
      if (kind === 'transition') return transitionIds.includes(value);
      if (kind === 'commission') return value === lgId;
      if (kind === 'id') return transitionIds.includes(value) && namespaceOf(value) === lgId;
      return false;
    }
    case 'authority':
      if (lgId === undefined) return false;
      if (scope === DOCUMENT_SCOPE) return true;
      if (kind === 'lg' || kind === 'commission') return value === lgId;
      if (kind === 'id') return namespaceOf(value) === lgId;
      return false;
    case 'auditor':
      return scope === CHECKPOINT_SCOPE;
    case 'data-protection-officer':
      return scope === DATA_PROTECTION_SCOPE;
    default:
      return false;
  }
}

function splitScope(scope: string): [string, string] {
  const colon = scope.indexOf(':');
  return colon < 0 ? [scope, ''] : [scope.slice(0, colon), scope.slice(colon + 1)];
}

function reasonOf(scope: string): ForbiddenReason {
  if (scope.startsWith('system:')) return 'SYSTEM_STREAM';
  if (scope.startsWith('id:')) return 'ID_OUTSIDE_NAMESPACE';
  return 'SCOPE_NOT_HELD';
}

/** Throws ForbiddenError naming the first scope the writer lacks. */
export async function authorize(writer: Writer, event: LedgerEvent, lookup: ScopeLookup, retractionTarget?: StoredEvent): Promise<void> {
  // The registrar holds every scope but the system streams': skip the lookups on the hot path.
  if (writer.role === 'registrar' && !(retractionTarget && isSystemStream(retractionTarget.stream))) return;
  for (const scope of await requiredScopes(event, lookup, retractionTarget)) {
    if (!holdsScope(writer, scope)) throw new ForbiddenError(scope, reasonOf(scope));
  }
}

/** For a checkpoint route: registrars and auditors may create checkpoints. */
export function requireCheckpointScope(writer: Writer): void {
  if (!holdsScope(writer, CHECKPOINT_SCOPE)) throw new ForbiddenError(CHECKPOINT_SCOPE, 'SCOPE_NOT_HELD');
}

/** For the document route: the writers who file documents may keep their files. */
export function requireDocumentScope(writer: Writer): void {
  if (!holdsScope(writer, DOCUMENT_SCOPE)) throw new ForbiddenError(DOCUMENT_SCOPE, 'SCOPE_NOT_HELD');
}

/** What the recorder knows when it authorizes a fact: the event retracted, the batch, and the log as its group sees it. */
export interface AuthorizeContext {
  retractionTarget?: StoredEvent;
  /** Every fact of the batch: a plan drafted earlier in the same batch counts as drafted. */
  batch?: readonly LedgerEvent[];
  source: Pick<EventStore, 'readStream'>;
}

/**
 * Looks owners up in the log, then in the batch: the lgId of the stream's first draft or formation.
 * Retracted or not, that is whose the stream is: the rules never let a second one be recorded.
 */
export function scopeLookup(source: Pick<EventStore, 'readStream'>, batch: readonly LedgerEvent[] = []): ScopeLookup {
  return new LogScopeLookup(source, batch);
}

/** scopeLookup's lookup: a class, so that the recorder's one per fact costs no closures. */
class LogScopeLookup implements ScopeLookup {
  constructor(
    private readonly source: Pick<EventStore, 'readStream'>,
    private readonly batch: readonly LedgerEvent[],
  ) {}

  planLgId(planId: string): Promise<string | undefined> {
    return this.ownerIn(streams.plan(planId), PLAN_OPENINGS, 'planId', planId);
  }

  transitionLgId(transitionId: string): Promise<string | undefined> {
    return this.ownerIn(streams.transition(transitionId), TRANSITION_OPENINGS, 'transitionId', transitionId);
  }

  private async ownerIn(stream: string, types: readonly string[], idField: 'planId' | 'transitionId', id: string): Promise<string | undefined> {
    for (const e of await this.source.readStream(stream)) {
      if (types.includes(e.type)) return (e.data as { lgId?: string }).lgId;
    }
    const inBatch = this.batch.find((e) => types.includes(e.type) && (e.data as Record<string, unknown>)[idField] === id);
    return inBatch ? (inBatch.data as { lgId: string }).lgId : undefined;
  }
}

const PLAN_OPENINGS: readonly string[] = ['PlanDrafted'];

/** The recorder's default authorization: the writer's scopes against the facts' required scopes. */
export const authorizeByScope: AuthorizeWrite = (writer, event, context) =>
  authorize(writer, event, scopeLookup(context.source, context.batch), context.retractionTarget);
