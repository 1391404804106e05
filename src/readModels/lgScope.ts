import { isEventType, type LedgerEvent } from '../domain/events/catalogue.ts';
import type { StoredEvent } from '../records/storedEvent.ts';
import { streams as streamNames } from '../domain/streams.ts';

/**
 * Which local governments an event concerns: the one definition, kept by the lg index (lgIndex.ts)
 * and read through LedgerReader by point-in-time reads, the changes API, the CLI diff and the
 * transition report. The rule: an event
 * concerns every local government linked to its own stream or to a stream it cites, and a stream is
 * linked to a local government by the events below. It must cover everything that
 * localGovernmentView and inheritedPlansView read for that local government, so that folding only
 * these events gives the same answer as folding the whole log (test/integration/ledgerReader.spec.ts):
 * - `lg-L`, `budget-L`: L itself (derived from the name, no link needed);
 * - `plan-X`: its owner (PlanDrafted) and every local government whose allocation cites it
 *   (inheritedPlansView lists allocations citing a plan, whoever made them);
 * - `project-P`: the local governments it names and those whose allocations cite it (a view gives
 *   each allocation its project's sector);
 * - `transition-T`, `table-T`: the local governments they name.
 * A link made after a stream already has events backfills them (lgIndex.ts).
 */
export interface LgScope {
  /** Streams to link to a local government, before this event is indexed. */
  links: Array<{ stream: string; lgId: string }>;
  /** Streams whose local governments this event concerns (its own first). */
  streams: string[];
  /** The event an EntryRetracted names: it concerns whoever its target concerned. */
  retracts?: string;
}

const NONE: LgScope = { links: [], streams: [] };

export function lgScopeOf(event: StoredEvent): LgScope {
  if (!isEventType(event.type)) return NONE; // audit or access events: no local government
  const e = { type: event.type, data: event.data } as LedgerEvent;
  const own = event.stream;
  switch (e.type) {
    case 'PlanDrafted':
    case 'TransitionCommissionFormed':
    case 'TransitionOpened':
      return { links: [{ stream: own, lgId: e.data.lgId }], streams: [own] };
    case 'ProjectRegistered':
    case 'TechnicalTableEstablished':
      return { links: e.data.lgIds.map((lgId) => ({ stream: own, lgId })), streams: [own] };
    case 'BudgetAllocated': {
      const plan = streamNames.plan(e.data.planId);
      const project = streamNames.project(e.data.projectId);
      return {
        links: [{ stream: plan, lgId: e.data.lgId }, { stream: project, lgId: e.data.lgId }],
        streams: [own, plan, project],
      };
    }
    case 'EntryRetracted':
      return { links: [], streams: [own], retracts: e.data.eventId };
    default:
      return { links: [], streams: [own] };
  }
}

/** The local government a stream's name itself belongs to (`lg-L`, `budget-L`), if any. */
export function lgOfStreamName(stream: string): string | undefined {
  if (stream.startsWith('lg-')) return stream.slice(3);
  if (stream.startsWith('budget-')) return stream.slice(7);
  return undefined;
}
