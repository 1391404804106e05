import type { StoredEvent } from '../src/records/storedEvent.ts';
import { evolveLedgerView, evolveLedgerViewAll } from './evolveLedgerView.ts';
import type { LedgerView } from './ledgerViewTypes.ts';
import { PersistentMap } from './persistentMap.ts';
import { countsAt, isRecordedAt, retractedIdsAt, type PointInTime } from './pointInTime.ts';

export { evolveLedgerView, evolveLedgerViewAll } from './evolveLedgerView.ts';
export * from './ledgerViewTypes.ts';

/**
 * One fold, several views: LedgerView is the normalized state, and each file next to this one
 * (localGovernmentView.ts, planView.ts…) is a pure function of it.
 *
 * Retractions, incrementally: a fold step cannot take back a fact it has already folded, so
 * - a batch rebuild (buildLedgerView) drops retracted events before folding;
 * - a streamed rebuild (buildLedgerViewFromStream) reads the log twice: retractions first, then facts;
 * - a live projection folds new events one by one with evolveLedgerView and, when needsRebuild(event)
 *   says so, rebuilds from the log up to that event instead. Retractions are rare corrections, so
 *   that costs little.
 */

/**
 * The version of the fold (evolveLedgerView and the state it builds). Bump it with any change that
 * makes a fold of the same events give another state: stored snapshots of the fold
 * (src/readModels/lgSnapshots.ts) are then dropped and rebuilt, never misread. A spec
 * (test/unit/projections/ledgerViewVersion.spec.ts) fails when the fold's files change and this does not.
 */
export const LEDGER_VIEW_VERSION = 1;

/** The view before any event. */
export function initialLedgerView(): LedgerView {
  return {
    localGovernments: PersistentMap.empty(),
    terms: PersistentMap.empty(),
    plans: PersistentMap.empty(),
    transitions: PersistentMap.empty(),
    tables: PersistentMap.empty(),
    projects: PersistentMap.empty(),
    commitments: PersistentMap.empty(),
    allocations: PersistentMap.empty(),
    lastPosition: 0n,
  };
}

/**
 * The view at `at`, from events in log order. `lastPosition` is the last position read (at most
 * `atPosition`), not the last fact that counted, so `{ asOf, atPosition: lastPosition }` rebuilds
 * exactly this view (a retraction read last still matters).
 */
export function buildLedgerView(events: readonly StoredEvent[], at: PointInTime = {}): LedgerView {
  const retracted = retractedIdsAt(events, at.atPosition);
  let view = start(at);
  for (const event of events) view = step(view, event, at, retracted);
  return view;
}

/**
 * The view at `at`, from a log too large to hold: `read()` must return the log in order each time it
 * is called (e.g. `() => store.readAll({ upTo })`). Reads it twice (retractions, then facts), keeping
 * only the view and the set of retracted ids in memory.
 */
export async function buildLedgerViewFromStream(
  read: () => AsyncIterable<StoredEvent>,
  at: PointInTime = {},
  spill?: StreamSpill,
): Promise<LedgerView> {
  const retracted = new Set<string>();
  for await (const event of read()) {
    for (const id of retractedIdsAt([event], at.atPosition)) retracted.add(id);
  }
  let view = start(at);
  let sinceSpill = 0;
  // Events are folded in runs (evolveLedgerViewAll), up to RUN at a time and at every spill.
  const run: StoredEvent[] = [];
  for await (const event of read()) {
    run.push(event);
    if (spill !== undefined && ++sinceSpill >= spill.everyEvents) {
      view = spill.spill(stepAll(view, run, at, retracted));
      run.length = 0;
      sinceSpill = 0;
    } else if (run.length >= RUN) {
      view = stepAll(view, run, at, retracted);
      run.length = 0;
    }
  }
  view = stepAll(view, run, at, retracted);
  return spill === undefined ? view : spill.spill(view);
}

const RUN = 1000;

/** How a streamed rebuild keeps its memory bounded: `spill` (e.g. spillLedgerView) every `everyEvents` events read, and at the end. */
export interface StreamSpill {
  everyEvents: number;
  spill: (view: LedgerView) => LedgerView;
}

/**
 * A view at `at` brought forward by one event recorded after it was built: the step a rebuild would
 * take, valid because no retraction lies between (the caller rebuilds on one, see needsRebuild), so
 * nothing it folds can have been retracted.
 */
export function advanceLedgerView(view: LedgerView, event: StoredEvent, at: PointInTime): LedgerView {
  return step(view, event, at, NOTHING_RETRACTED);
}

const NOTHING_RETRACTED: ReadonlySet<string> = new Set();

/** True when a live projection must rebuild instead of folding `event` (see the note above). */
export function needsRebuild(event: Pick<StoredEvent, 'type'>): boolean {
  return event.type === 'EntryRetracted';
}

function start(at: PointInTime): LedgerView {
  const view = initialLedgerView();
  // Object.assign, not `{ ...view, asOf }`: that would make the view (copied at every step) a slow dictionary object.
  return at.asOf === undefined ? view : Object.assign(view, { asOf: at.asOf });
}

/** `step` over each of `events`, the events that count folded a run at a time. */
function stepAll(view: LedgerView, events: readonly StoredEvent[], at: PointInTime, retracted: ReadonlySet<string>): LedgerView {
  let i = 0;
  while (i < events.length) {
    let end = i;
    while (end < events.length && countsAt(events[end]!, at, retracted)) end++;
    if (end > i) {
      view = evolveLedgerViewAll(view, events, i, end);
      i = end;
    } else view = step(view, events[i++]!, at, retracted);
  }
  return view;
}

function step(view: LedgerView, event: StoredEvent, at: PointInTime, retracted: ReadonlySet<string>): LedgerView {
  if (!isRecordedAt(event.position, at.atPosition)) return view;
  if (countsAt(event, at, retracted)) return evolveLedgerView(view, event);
  return { ...view, lastPosition: event.position };
}
