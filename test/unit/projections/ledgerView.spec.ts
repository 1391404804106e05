import { describe, expect, it } from 'vitest';
import {
  buildLedgerView, buildLedgerViewFromStream, evolveLedgerView, initialLedgerView, needsRebuild,
} from '../../../projections/ledgerView.ts';
import { budgetView } from '../../../projections/budgetView.ts';
import { inheritedPlansView } from '../../../projections/inheritedPlansView.ts';
import { listLocalGovernments, localGovernmentView } from '../../../projections/localGovernmentView.ts';
import { planView } from '../../../projections/planView.ts';
import type { StoredEvent } from '../../../src/records/storedEvent.ts';
import { eventIdAt, storedEvents } from '../../support/storedEvents.ts';
import { CDP, QUINOTA, cdpAdopted, newTerm, registered } from './quinota.ts';
import { syntheticLedger } from '../../../bench/synthetic.ts';
import { spillLedgerView } from '../../../projections/spillLedgerView.ts';
import { SqliteListSpill } from '../../../src/readModels/sqliteListSpill.ts';

const facts = [...registered, ...cdpAdopted, ...newTerm];

async function* stream(events: readonly StoredEvent[]) {
  yield* events;
}

describe('the ledger fold', () => {
  it('is pure: a step leaves the previous view as it was', () => {
    const [first, second] = storedEvents(facts);
    const before = evolveLedgerView(initialLedgerView(), first!);
    const after = evolveLedgerView(before, second!);
    expect(localGovernmentView(before, QUINOTA)).toMatchObject({ atPosition: '1', terms: [] });
    expect(localGovernmentView(after, QUINOTA)).toMatchObject({ atPosition: '2', terms: [{ termId: '2015-2018' }] });
  });

  it('ignores event types it does not know, but still advances its position', () => {
    const [first] = storedEvents(facts);
    const audit = { ...first!, id: eventIdAt(2), type: 'CheckpointSealed', position: 2n, data: { root: 'x' } };
    const view = evolveLedgerView(evolveLedgerView(initialLedgerView(), first!), audit);
    expect(view.lastPosition).toBe(2n);
    expect(view.localGovernments.size).toBe(1);
    expect(view.plans.size).toBe(0);
  });

  it('reports the last position read, even when the fact there does not count at asOf', () => {
    const events = storedEvents(facts);
    expect(buildLedgerView(events, { asOf: '2016-01-01' }).lastPosition).toBe(7n);
    expect(buildLedgerView(events, { asOf: '2016-01-01', atPosition: 4n }).lastPosition).toBe(4n);
    expect(buildLedgerView([]).lastPosition).toBe(0n);
  });

  it('builds the same view from a stream read twice as from an array', async () => {
    const events = storedEvents([
      ...facts,
      { type: 'EntryRetracted', data: { eventId: eventIdAt(4), reason: 'Duplicada', retractedOn: '2019-03-01' } },
    ]);
    for (const at of [{}, { asOf: '2016-12-31' }, { atPosition: 6n }]) {
      const streamed = await buildLedgerViewFromStream(() => stream(events), at);
      expect(planView(streamed, CDP)).toEqual(planView(buildLedgerView(events, at), CDP));
    }
  });

  it('given runs of handover items with some retracted, when streamed (in runs, spilling at odd spacings) at points in time, then the view is the one of the array', async () => {
    const synthetic = [...syntheticLedger(8_000)].flatMap((b) => b.events);
    const items = storedEvents(synthetic).filter((e) => e.type === 'HandoverItemRecorded');
    const retractions = [items[3]!, items[500]!, items.at(-1)!].map((e) => ({ type: 'EntryRetracted' as const, data: { eventId: e.id, reason: 'Duplicada', retractedOn: '2019-03-01' } }));
    const events = storedEvents([...synthetic.slice(0, 6_000), ...retractions, ...synthetic.slice(6_000)]);
    const spillTo = SqliteListSpill.temporary();
    for (const at of [{}, { atPosition: BigInt(items[500]!.position) + 7n }, { asOf: '2018-11-24' }, { asOf: '2019-12-31', atPosition: 6_001n }]) {
      const expected = buildLedgerView(events, at);
      expect(await buildLedgerViewFromStream(() => stream(events), at)).toEqual(expected);
      const spill = { everyEvents: 777, spill: (view: typeof expected) => spillTo.batch(() => spillLedgerView(view, spillTo)) };
      expect(await buildLedgerViewFromStream(() => stream(events), at, spill)).toEqual(expected);
    }
    spillTo.close();
  });

  it('lets a live projection fold one by one and rebuild on a retraction', () => {
    const events = storedEvents([
      ...facts,
      { type: 'EntryRetracted', data: { eventId: eventIdAt(4), reason: 'Duplicada', retractedOn: '2019-03-01' } },
    ]);
    let live = initialLedgerView();
    for (const [i, event] of events.entries()) {
      live = needsRebuild(event) ? buildLedgerView(events.slice(0, i + 1)) : evolveLedgerView(live, event);
    }
    expect(planView(live, CDP)).toEqual(planView(buildLedgerView(events), CDP));
    expect(planView(live, CDP)?.currentVersion).toBe(1);
  });
});

describe('every view', () => {
  it('is plain JSON: no bigint, Map or undefined survives into it', () => {
    const view = buildLedgerView(storedEvents(facts), { asOf: '2019-06-30' });
    for (const v of [
      budgetView(view), inheritedPlansView(view, QUINOTA), listLocalGovernments(view),
      localGovernmentView(view, QUINOTA), planView(view, CDP),
    ]) {
      expect(JSON.parse(JSON.stringify(v))).toEqual(v);
    }
  });
});
