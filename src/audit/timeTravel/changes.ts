import type { LedgerView } from '../../../projections/ledgerView.ts';
import { localGovernmentView } from '../../../projections/localGovernmentView.ts';
import type { PointInTime } from '../../../projections/pointInTime.ts';
import { transitionDossierView } from '../../../projections/transitionDossierView.ts';
import { occurredOn } from '../../domain/events/catalogue.ts';
import { isCalendarDate } from '../../domain/primitives.ts';
import type { EventStore } from '../../eventStore/eventStore.ts';
import { parseLedgerPosition } from '../../records/ledgerPosition.ts';
import type { StoredEvent } from '../../records/storedEvent.ts';
import { ValidationError } from '../../errors/validationError.ts';
import { structuralDiff, type FieldChange } from './structuralDiff.ts';
import { streams as streamNames } from '../../domain/streams.ts';

/**
 * A point of a diff: a ledger position (`"120"`: the record as it stood once position 120 was
 * recorded) or a business date (`"2019-01-02"`: the world as recorded facts describe it on that day,
 * the `asOf` of every read). Both ends of one diff are of the same kind.
 */
export type DiffPoint = { position: bigint } | { date: string };

export function parseDiffPoint(text: string): DiffPoint | undefined {
  const position = parseLedgerPosition(text);
  if (position !== undefined) return { position };
  if (isCalendarDate(text)) return { date: text };
  return undefined;
}

/** Parses `from`/`to`, both positions or both dates, from ≤ to; VALIDATION_FAILED otherwise. */
export function parsePoints(q: { from: string; to: string }): { from: DiffPoint; to: DiffPoint } {
  const from = parseDiffPoint(q.from);
  const to = parseDiffPoint(q.to);
  const issues = [
    ...(from ? [] : [{ path: 'querystring/from', message: 'must be a ledger position or a date YYYY-MM-DD' }]),
    ...(to ? [] : [{ path: 'querystring/to', message: 'must be a ledger position or a date YYYY-MM-DD' }]),
  ];
  if (from && to) {
    if ('position' in from !== 'position' in to) issues.push({ path: 'querystring', message: 'from and to must both be positions or both be dates' });
    else if (('position' in from && 'position' in to && from.position > to.position) || ('date' in from && 'date' in to && from.date > to.date)) {
      issues.push({ path: 'querystring', message: 'from must not be after to' });
    }
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return { from: from!, to: to! };
}

export function pointInTime(p: DiffPoint): PointInTime {
  return 'position' in p ? { atPosition: p.position } : { asOf: p.date };
}

/** Whether the event happened between the points: recorded after `from` up to `to`, or dated after `from` up to `to`. */
export function isBetween(e: StoredEvent, from: DiffPoint, to: DiffPoint): boolean {
  if ('position' in from && 'position' in to) return e.position > from.position && e.position <= to.position;
  if ('date' in from && 'date' in to) {
    const on = occurredOn(e);
    return on !== null && on > from.date && on <= to.date;
  }
  return false;
}

/**
 * The events between the points for which `concerns` holds, in log order. Between positions only
 * that stretch of the log is read; between dates the whole log is (a fact may be recorded late).
 */
export async function eventsBetween(
  store: Pick<EventStore, 'readAll'>,
  from: DiffPoint,
  to: DiffPoint,
  concerns: (e: StoredEvent) => boolean,
): Promise<StoredEvent[]> {
  const range = 'position' in from && 'position' in to ? { after: from.position, upTo: to.position } : {};
  const out: StoredEvent[] = [];
  for await (const e of store.readAll(range)) if (concerns(e) && isBetween(e, from, to)) out.push(e);
  return out;
}

export interface StateChanges<T> {
  /** The events between the points that concern the subject, in log order. */
  events: StoredEvent[];
  /** The subject's state at each point; undefined where it did not exist. */
  before: T | undefined;
  after: T | undefined;
  /** What differs between the two states (provenance fields aside). */
  changes: FieldChange[];
}

/** Views of a local government and of a transition at a point, from some whole-ledger view. */
export const subjects = {
  localGovernment: (lgId: string) => (view: LedgerView) => localGovernmentView(view, lgId),
  transition: (transitionId: string) => (view: LedgerView) => transitionDossierView(view, transitionId),
};

/** The structural diff of two states of one subject, with the events that lie between them. */
export function stateChanges<T extends { atPosition: string; asOf?: string }>(before: T | undefined, after: T | undefined, events: StoredEvent[]): StateChanges<T> {
  return { events, before, after, changes: structuralDiff(withoutProvenance(before), withoutProvenance(after)) };
}

/** `atPosition` and `asOf` always differ between two points; they say where, not what changed. */
function withoutProvenance<T extends { atPosition: string; asOf?: string }>(v: T | undefined): Omit<T, 'atPosition' | 'asOf'> | undefined {
  if (v === undefined) return undefined;
  const { atPosition: _p, asOf: _a, ...rest } = v;
  return rest;
}
