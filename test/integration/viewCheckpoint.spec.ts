import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAll } from '../../bench/ledgerFile.ts';
import { syntheticLedger, toAppend } from '../../bench/synthetic.ts';
import { budgetView } from '../../projections/budgetView.ts';
import { buildLedgerView, evolveLedgerView, type LedgerView, type TransitionState } from '../../projections/ledgerView.ts';
import { listLocalGovernments, localGovernmentView } from '../../projections/localGovernmentView.ts';
import { PersistentList } from '../../projections/persistentList.ts';
import { PersistentMap } from '../../projections/persistentMap.ts';
import { transitionDossierView } from '../../projections/transitionDossierView.ts';
import { SqliteEventStore } from '../../src/eventStore/sqliteEventStore.ts';
import type { StoredEvent } from '../../src/records/storedEvent.ts';
import { ViewCheckpoint } from '../../src/readModels/viewCheckpoint.ts';
import { createTempDir, type TempDir } from '../support/tempDir.ts';
import { allEvents } from '../support/allEvents.ts';

/** Every read model a view answers, so a restored view is compared by what readers see, not only by shape. */
function readModels(view: LedgerView) {
  return {
    list: listLocalGovernments(view),
    budget: budgetView(view),
    localGovernments: [...view.localGovernments.values()].map((lg) => localGovernmentView(view, lg.lgId)),
    dossiers: [...view.transitions.values()].map((t) => transitionDossierView(view, t.transitionId)),
  };
}

/**
 * Saves `view` in a checkpoint, loads it back in another, as a restarted server would, and hands it
 * to `check` while that one is open (out-of-line parts are read on first use).
 */
async function roundTrip(file: string, store: SqliteEventStore, view: LedgerView, hash: string, check: (loaded: LedgerView | undefined) => void): Promise<void> {
  const writer = ViewCheckpoint.open(file);
  writer.save(view, hash);
  writer.close();
  const reader = ViewCheckpoint.open(file);
  try {
    check(await reader.load(store));
  } finally {
    reader.close();
  }
}

describe('ViewCheckpoint', () => {
  let dir: TempDir;
  let store: SqliteEventStore;
  let events: StoredEvent[];

  beforeEach(async () => {
    dir = createTempDir('view-checkpoint-');
    store = SqliteEventStore.open(dir.file('ledger.sqlite'));
    // Five local governments with ~500 handover items each: transitions as large as the national ledger's.
    await appendAll(store, [...syntheticLedger(3000, 5)].map(({ stream, events: e }) => ({ stream, events: toAppend(e) })));
    events = await allEvents(store);
  });
  afterEach(async () => {
    await store.close();
    dir.remove();
  });

  it('given a checkpointed live view, when a restarted server loads it, then it equals a fresh fold, read model by read model', async () => {
    const fresh = buildLedgerView(events);
    await roundTrip(dir.file('ix.sqlite'), store, fresh, events.at(-1)!.hash, (loaded) => {
      expect(loaded).toBeDefined();
      expect(readModels(loaded!)).toEqual(readModels(fresh));
      expect(loaded).toEqual(fresh);
    });
  });

  it('given large transitions, when the checkpoint is saved, then their items and observations are stored apart from the record read at start', async () => {
    const file = dir.file('ix.sqlite');
    const writer = ViewCheckpoint.open(file);
    writer.save(buildLedgerView(events), events.at(-1)!.hash);
    writer.close();
    const db = new Database(file, { readonly: true });
    const main = db.prepare<[], { bytes: number }>('SELECT length(view) AS bytes FROM live_view').get()!;
    const parts = db.prepare<[], { bytes: number; n: number }>('SELECT sum(length(body)) AS bytes, count(*) AS n FROM live_view_part').get()!;
    db.close();
    // Per transition: its ~500 items and its 10 observations; its decisions are too few to be worth a part.
    expect(parts.n).toBe(10);
    expect(main.bytes * 5).toBeLessThan(parts.bytes);
  });

  it('given transition fields the checkpoint was not written for (records, bigints, maps and lists of their own), when restored, then they come back equal', async () => {
    const base = buildLedgerView(events);
    const [id, transition] = base.transitions.entries()[0]!;
    const reports = PersistentList.fromArray(Array.from({ length: 40 }, (_, i) => ({ position: BigInt(i), reportId: `r-${i}`, sections: [{ code: 'A', pages: i }] })));
    const extended = Object.assign({}, transition, {
      directive: { directiveId: 'd-1', issuedOn: '2019-01-02', position: 7n, note: undefined },
      teams: PersistentMap.fromEntries([['t-1', { members: PersistentList.fromArray(['ana', 'luis']), position: 8n }]]),
      reports,
    }) as TransitionState;
    const view = { ...base, transitions: base.transitions.set(id, extended) };
    await roundTrip(dir.file('ix.sqlite'), store, view, events.at(-1)!.hash, (loaded) => {
      expect(loaded).toEqual(view);
      const restored = loaded!.transitions.get(id) as TransitionState & { teams: PersistentMap<{ members: PersistentList<string> }>; reports: PersistentList<unknown> };
      expect(restored.teams.get('t-1')!.members.toArray()).toEqual(['ana', 'luis']);
      expect(restored.reports.toArray()).toEqual(reports.toArray());
    });
  });

  it('given a restored view folded forward and saved again, when loaded, then it equals a fresh fold, and no stored part is one no checkpoint needs', async () => {
    const file = dir.file('ix.sqlite');
    const cut = events.length - 200;
    const first = ViewCheckpoint.open(file);
    first.save(buildLedgerView(events.slice(0, cut)), events[cut - 1]!.hash);
    first.close();

    const second = ViewCheckpoint.open(file);
    let view = (await second.load(store))!;
    for (const e of events.slice(cut)) view = evolveLedgerView(view, e);
    second.save(view, events.at(-1)!.hash);
    second.close();

    const third = ViewCheckpoint.open(file);
    const loaded = await third.load(store);
    expect(loaded).toBeDefined();
    expect(readModels(loaded!)).toEqual(readModels(buildLedgerView(events)));
    third.close();
    const db = new Database(file, { readonly: true });
    expect(db.prepare<[], { n: number }>('SELECT count(*) AS n FROM live_view_part').get()!.n).toBe(10);
    db.close();
  });

  it('given a checkpoint whose last event the log does not hold with that hash, or past the log\'s head, when loaded, then nothing is restored (the view is folded again)', async () => {
    const view = buildLedgerView(events);
    await roundTrip(dir.file('a.sqlite'), store, view, 'f'.repeat(64), (loaded) => expect(loaded).toBeUndefined());
    await roundTrip(dir.file('b.sqlite'), store, { ...view, lastPosition: view.lastPosition + 1n }, events.at(-1)!.hash, (loaded) => expect(loaded).toBeUndefined());
    await roundTrip(dir.file('c.sqlite'), store, view, events.at(-1)!.hash, (loaded) => expect(loaded).toEqual(view));
  });
});
