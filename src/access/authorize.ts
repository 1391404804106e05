import { isEventType, type LedgerEvent } from '../domain/events/catalogue.ts';
import { ForbiddenError } from '../errors/forbiddenError.ts';
import type { EventStore } from '../eventStore/eventStore.ts';
import type { StoredEvent } from '../records/storedEvent.ts';
import type { Writer } from '../commandHandling/writer.ts';
import { ACCESS_STREAM } from './accessEvents.ts';

/**
 * Who may write what. Every write needs scopes, named as strings so a 403 can say which one was
 * missing:
 * - `transition:<transitionId>` for the events of a transition (held by its commission);
 * - `lg:<lgId>` for a local government's terms, plan lifecycle, inheritance decisions and allocations
 *   (held by its authority); plan events that carry no lgId use the lgId of the plan's draft;
 * - `role:registrar` for everything else (registering local governments, technical tables, projects);
 * - `access:manage` for the access stream, held by no HTTP credential: only the `tokens` CLI grants.
 * The registrar holds every scope but `access:manage`; the auditor holds none (it reads and may
 * create checkpoints). A retraction needs the scopes of the event it retracts.
 */
export const REGISTRAR_SCOPE = 'role:registrar';
export const ACCESS_SCOPE = 'access:manage';
export const CHECKPOINT_SCOPE = 'checkpoint:create';

/** Facts about the log that scope decisions need. */
export interface ScopeLookup {
  /** The local government a plan was drafted for, or undefined if no draft is recorded. */
  planLgId(planId: string): Promise<string | undefined>;
}

/** Authorization hook of the recorder: resolves when `writer` may record `event`, throws ForbiddenError otherwise. */
export type AuthorizeWrite = (writer: Writer, event: LedgerEvent, context: AuthorizeContext) => Promise<void>;

/** The scopes writing `event` takes, in the order they are checked. */
export async function requiredScopes(event: LedgerEvent, lookup: ScopeLookup, retractionTarget?: StoredEvent): Promise<string[]> {
  switch (event.type) {
    case 'TransitionCommissionFormed':
    case 'CommissionDecisionRecorded':
    case 'HandoverItemRecorded':
    case 'HandoverObservationRaised':
    case 'HandoverObservationResolved':
    case 'HandoverActSigned':
      return [`transition:${event.data.transitionId}`];
    case 'AuthorityTermStarted':
    case 'AuthorityTermEnded':
    case 'PlanDrafted':
    case 'BudgetAllocated':
      return [`lg:${event.data.lgId}`];
    case 'PlanInheritanceDecided': {
      const planLg = await lookup.planLgId(event.data.planId);
      return [...new Set([`lg:${event.data.lgId}`, planLg === undefined ? `plan:${event.data.planId}` : `lg:${planLg}`])];
    }
    case 'PlanUpdated':
    case 'PlanAdopted':
    case 'PlanRecognizedAsPublicPolicy': {
      const planLg = await lookup.planLgId(event.data.planId);
      // An undrafted plan belongs to nobody yet: only the registrar may write about it (the rules refuse it anyway).
      return [planLg === undefined ? `plan:${event.data.planId}` : `lg:${planLg}`];
    }
    case 'EntryRetracted': {
      if (retractionTarget?.stream === ACCESS_STREAM) return [ACCESS_SCOPE];
      if (!retractionTarget || !isEventType(retractionTarget.type)) return [REGISTRAR_SCOPE];
      const target = { type: retractionTarget.type, data: retractionTarget.data } as LedgerEvent;
      return target.type === 'EntryRetracted' ? [REGISTRAR_SCOPE] : requiredScopes(target, lookup);
    }
    case 'LocalGovernmentRegistered':
    case 'TechnicalTableEstablished':
    case 'TechnicalTableMemberJoined':
    case 'ProjectRegistered':
    case 'FundingCommitted':
      return [REGISTRAR_SCOPE];
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

/** True when the writer's role and scope cover `scope`. A writer without a known role holds nothing. */
export function holdsScope(writer: Writer, scope: string): boolean {
  if (scope === ACCESS_SCOPE) return false;
  switch (writer.role) {
    case 'registrar':
      return true;
    case 'commission':
      return scope.startsWith('transition:') && (writer.scope?.transitionIds ?? []).includes(scope.slice('transition:'.length));
    case 'authority':
      return writer.scope?.lgId !== undefined && scope === `lg:${writer.scope.lgId}`;
    case 'auditor':
      return scope === CHECKPOINT_SCOPE;
    default:
      return false;
  }
}

/** Throws ForbiddenError naming the first scope the writer lacks. */
export async function authorize(writer: Writer, event: LedgerEvent, lookup: ScopeLookup, retractionTarget?: StoredEvent): Promise<void> {
  // The registrar holds every scope but the access stream's: skip the lookups on the hot path.
  if (writer.role === 'registrar' && retractionTarget?.stream !== ACCESS_STREAM) return;
  for (const scope of await requiredScopes(event, lookup, retractionTarget)) {
    if (!holdsScope(writer, scope)) throw new ForbiddenError(scope);
  }
}

/** For a checkpoint route: registrars and auditors may create checkpoints. */
export function requireCheckpointScope(writer: Writer): void {
  if (!holdsScope(writer, CHECKPOINT_SCOPE)) throw new ForbiddenError(CHECKPOINT_SCOPE);
}

/** What the recorder knows when it authorizes a fact: the event retracted, the batch, and the log as its group sees it. */
export interface AuthorizeContext {
  retractionTarget?: StoredEvent;
  /** Every fact of the batch: a plan drafted earlier in the same batch counts as drafted. */
  batch?: readonly LedgerEvent[];
  source: Pick<EventStore, 'readStream'>;
}

/** Looks plans up in the batch, then in the log: the lgId of the plan's PlanDrafted. */
export function scopeLookup(source: Pick<EventStore, 'readStream'>, batch: readonly LedgerEvent[] = []): ScopeLookup {
  return {
    async planLgId(planId) {
      for (const e of await source.readStream(`plan-${planId}`)) {
        if (e.type === 'PlanDrafted') return (e.data as { lgId?: string }).lgId;
      }
      const drafted = batch.find((e) => e.type === 'PlanDrafted' && e.data.planId === planId);
      return drafted?.type === 'PlanDrafted' ? drafted.data.lgId : undefined;
    },
  };
}

/** The recorder's default authorization: the writer's scopes against the facts' required scopes. */
export const authorizeByScope: AuthorizeWrite = (writer, event, context) =>
  authorize(writer, event, scopeLookup(context.source, context.batch), context.retractionTarget);
