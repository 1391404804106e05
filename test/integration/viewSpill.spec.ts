import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAll } from '../../bench/ledgerFile.ts';
import { syntheticLedger, toAppend } from '../../bench/synthetic.ts';
import { budgetView } from '../../projections/budgetView.ts';
import { complianceBoard } from '../../projections/complianceBoard.ts';
import { buildLedgerView, type LedgerView } from '../../projections/ledgerView.ts';
import { listLocalGovernments, localGovernmentView } from '../../projections/localGovernmentView.ts';
import { PersistentList } from '../../projections/persistentList.ts';
import { transitionCompliance } from '../../projections/transitionCompliance.ts';
import { transitionDossierView } from '../../projections/transitionDossierView.ts';
import { SqliteEventStore } from '../../src/eventStore/sqliteEventStore.ts';
import type { StoredEvent } from '../../src/records/storedEvent.ts';
import { LedgerReader } from '../../src/readModels/ledgerReader.ts';
import { SqliteListSpill } from '../../src/readModels/sqliteListSpill.ts';
import { createTempDir, type TempDir } from '../support/tempDir.ts';
import { allEvents } from '../support/allEvents.ts';

/** Every answer a whole-ledger view gives: lists, budget, one local government, dossiers and compliance pages. */
function answers(view: LedgerView) {
  const transitions = [...view.transitions.values()].map((t) => t.transitionId).sort();
  return {
    list: listLocalGovernments(view),
    budget: budgetView(view),
    board: complianceBoard(view),
    localGovernments: [...view.localGovernments.values()].map((lg) => localGovernmentView(view, lg.lgId)),
    dossiers: transitions.map((id) => transitionDossierView(view, id)),
    compliance: transitions.map((id) => transitionCompliance(view, id)),
  };
}

/** Handover items the view holds in the JS heap (not spilled). */
const residentItems = (view: LedgerView) => [...view.transitions.values()].reduce((n, t) => n + t.items.resident, 0);

async function ledgerOf(file: string, total: number, lgCount: number): Promise<{ store: SqliteEventStore; events: StoredEvent[] }> {
  const store = SqliteEventStore.open(file);
  await appendAll(store, [...syntheticLedger(total, lgCount)].map(({ stream, events }) => ({ stream, events: toAppend(events) })));
  return { store, events: await allEvents(store) };
}

describe('a live view that spills its handover items while it folds', () => {
  let dir: TempDir;
  beforeEach(() => {
    dir = createTempDir('view-spill-');
  });
  afterEach(() => dir.remove());

  it('given a reader that spills every 150 events, when the live view and views at past positions and dates are built, then each answers exactly what the in-memory fold answers, and so does the checkpoint after a restart', async () => {
    const { store, events } = await ledgerOf(dir.file('ledger.sqlite'), 3000, 5);
    const expected = answers(buildLedgerView(events));
    const reader = new LedgerReader(store, { indexFile: dir.file('ix.sqlite'), spillEveryEvents: 150, versionEveryEvents: 400 });
    const live = await reader.view();
    expect(residentItems(live)).toBe(0);
    expect(answers(live)).toEqual(expected);
    expect(live).toEqual(buildLedgerView(events));
    // Past positions come from spilled versions brought forward.
    for (const atPosition of [401n, 1777n, 2999n]) {
      expect(answers(await reader.view({ atPosition }))).toEqual(answers(buildLedgerView(events, { atPosition })));
    }
    // A date rebuilds the whole ledger, spilled to a temporary file of its own.
    for (const at of [{ asOf: '2018-12-05' }, { asOf: '2018-11-30', atPosition: 2500n }]) {
      expect(answers(await reader.view(at))).toEqual(answers(buildLedgerView(events, at)));
    }
    await reader.close();
    const restarted = new LedgerReader(store, { indexFile: dir.file('ix.sqlite'), spillEveryEvents: 150 });
    expect(answers(await restarted.view())).toEqual(expected);
    await restarted.close();
    await store.close();
  });

  it('given logs of 2,000 and of 8,000 handover items, when a reader without an index file rebuilds the live view, then the items it holds in memory stay under the spill interval, whatever the log\'s length', async () => {
    for (const total of [2800, 8800]) {
      const { store, events } = await ledgerOf(dir.file(`ledger-${total}.sqlite`), total, 5);
      const reader = new LedgerReader(store, { spillEveryEvents: 500 });
      const live = await reader.view();
      const items = [...live.transitions.values()].reduce((n, t) => n + t.items.size, 0);
      expect(items).toBeGreaterThanOrEqual(total - 800);
      expect(residentItems(live)).toBeLessThanOrEqual(500);
      expect(answers(live)).toEqual(answers(buildLedgerView(events)));
      await reader.close();
      await store.close();
    }
  });

  it('given a checkpoint of a spilled view, when saved, then it refers to the spilled rows instead of copying the items; when the file is opened on another ledger, then its rows are dropped before the fold starts over', async () => {
    const { store, events } = await ledgerOf(dir.file('ledger.sqlite'), 3000, 5);
    const file = dir.file('ix.sqlite');
    const reader = new LedgerReader(store, { indexFile: file, spillEveryEvents: 150 });
    await reader.view();
    await reader.close();
    const count = (sql: string) => {
      const db = new Database(file, { readonly: true });
      try {
        return db.prepare<[], number>(sql).pluck().get()!;
      } finally {
        db.close();
      }
    };
    expect(count('SELECT count(*) FROM live_view_part')).toBe(5); // the observations; the items are spilled rows
    expect(count('SELECT count(DISTINCT list) FROM live_view_spill')).toBe(5);
    // Another ledger in the same file: the checkpoint is not trusted, and its rows are garbage.
    const other = await ledgerOf(dir.file('other.sqlite'), 2800, 4);
    const next = new LedgerReader(other.store, { indexFile: file, spillEveryEvents: 100_000 });
    expect(answers(await next.view())).toEqual(answers(buildLedgerView(other.events)));
    expect(count('SELECT count(*) FROM live_view_spill')).toBe(0);
    await next.close();
    expect(count('SELECT count(DISTINCT list) FROM live_view_spill')).toBe(4);
    expect(events.length).toBe(3000);
    await other.store.close();
    await store.close();
  });

  it('given a spilled list that two folds append to, when both spill, then each reads back its own elements (the second one is copied to a list of its own)', () => {
    const db = new Database(dir.file('spill.sqlite'));
    const spill = new SqliteListSpill(db);
    const base = PersistentList.fromArray([1, 2, 3]).spill(spill);
    const left = base.append(4).append(5).spill(spill);
    const right = base.append(-4).spill(spill);
    expect(left.toArray()).toEqual([1, 2, 3, 4, 5]);
    expect(right.toArray()).toEqual([1, 2, 3, -4]);
    expect(right.append(-5).spill(spill).toArray()).toEqual([1, 2, 3, -4, -5]);
    expect([left.resident, right.resident, left.first(), right.last()]).toEqual([0, 0, 1, -4]);
    db.close();
  });
});
