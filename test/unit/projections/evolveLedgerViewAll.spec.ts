import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evolveLedgerView, evolveLedgerViewAll, initialLedgerView, type LedgerView } from '../../../projections/ledgerView.ts';
import { PersistentList } from '../../../projections/persistentList.ts';
import { PersistentMap } from '../../../projections/persistentMap.ts';
import type { StoredEvent } from '../../../src/records/storedEvent.ts';
import { syntheticLedger } from '../../../bench/synthetic.ts';
import { storedLog } from '../../property/support/eventArbitraries.ts';
import { storedEvents } from '../../support/storedEvents.ts';

/** Everything a view holds, as plain data: maps as their entries in order, lists as their elements. */
function plain(value: unknown): unknown {
  if (value instanceof PersistentMap) return value.entries().map(([k, v]) => [k, plain(v)]);
  if (value instanceof PersistentList) return { size: value.size, elements: value.toArray().map(plain) };
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') return Object.entries(value).map(([k, v]) => [k, plain(v)]);
  return value;
}

const stepwise = (view: LedgerView, events: readonly StoredEvent[]) => events.reduce(evolveLedgerView, view);

/** `events` folded with evolveLedgerViewAll over consecutive slices ending at `cuts`. */
function inRuns(view: LedgerView, events: readonly StoredEvent[], cuts: readonly number[]): LedgerView {
  let from = 0;
  for (const cut of [...cuts.map((c) => c % (events.length + 1)).sort((a, b) => a - b), events.length]) {
    view = evolveLedgerViewAll(view, events, from, Math.max(from, cut));
    from = Math.max(from, cut);
  }
  return view;
}

/** Runs of handover items of one transition, as a large log has (the arbitrary log rarely does). */
const withItemRuns = (log: StoredEvent[], repeats: number[]): StoredEvent[] =>
  log.flatMap((e, i) => (e.type === 'HandoverItemRecorded' ? Array.from({ length: 1 + (repeats[i % repeats.length] ?? 0) }, () => e) : [e]))
    .map((e, i) => ({ ...e, position: BigInt(i + 1) }));

describe('evolveLedgerViewAll: a fold of runs of events', () => {
  it('given any log (retractions, unknown types, unreadable schema versions and runs of items included), when folded in runs cut anywhere, then the view is the one folding event by event gives', () => {
    fc.assert(
      fc.property(
        storedLog(80),
        fc.array(fc.nat(40), { minLength: 1, maxLength: 10 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 7 }),
        (log, repeats, cuts, unreadable) => {
          const events = withItemRuns(log, repeats).map((e, i) => (unreadable[i % unreadable.length] && i % 3 === 0 ? { ...e, schemaVersion: 99 } : e));
          const expected = stepwise(initialLedgerView(), events);
          const actual = inRuns(initialLedgerView(), events, cuts);
          expect(plain(actual)).toEqual(plain(expected));
          expect(actual).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('given the benchmark ledger (runs of items per transition), when folded in pages of 1,000 from a view cut inside a run, then the view is the one folding event by event gives, and the fold left the first view as it was', () => {
    const events = storedEvents([...syntheticLedger(30_000)].flatMap((b) => b.events));
    // Cut in the middle of a run of items, so that the fold goes on from a transition whose items it shares.
    const cut = events.findIndex((e) => e.type === 'HandoverItemRecorded') + 5;
    const half = stepwise(initialLedgerView(), events.slice(0, cut));
    const before = plain(half);
    const expected = stepwise(half, events.slice(cut));
    let actual = half;
    for (let from = cut; from < events.length; from += 1000) actual = evolveLedgerViewAll(actual, events, from, Math.min(events.length, from + 1000));
    expect(plain(actual)).toEqual(plain(expected));
    expect(plain(evolveLedgerViewAll(initialLedgerView(), events))).toEqual(plain(stepwise(initialLedgerView(), events)));
    expect(actual.lastPosition).toBe(30_000n);
    expect(plain(half)).toEqual(before);
  });

  it('given an empty run, then the view is returned as it is', () => {
    const view = initialLedgerView();
    expect(evolveLedgerViewAll(view, [], 0, 0)).toBe(view);
  });
});
