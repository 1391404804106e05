import Database from 'better-sqlite3';
import { v4 as uuidv4 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAll } from '../../bench/ledgerFile.ts';
import { itemEvent, syntheticLedger, toAppend } from '../../bench/synthetic.ts';
import { inheritedPlansView } from '../../projections/inheritedPlansView.ts';
import { buildLedgerView, type LedgerView } from '../../projections/ledgerView.ts';
import { localGovernmentView } from '../../projections/localGovernmentView.ts';
import { SqliteEventStore } from '../../src/eventStore/sqliteEventStore.ts';
import { LedgerReader } from '../../src/readModels/ledgerReader.ts';
import { LgIndex } from '../../src/readModels/lgIndex.ts';
import { countingStore } from '../support/countingStore.ts';
import { createTempDir, type TempDir } from '../support/tempDir.ts';
import { allEvents } from '../support/allEvents.ts';

/** Snapshots this often, so a small ledger has many of them. */
const EVERY = 16;
const LGS = ['100000', '100001', '100002'];

/** What the lg routes answer, as a client receives it (JSON). */
const answers = (view: LedgerView, lgId: string) =>
  JSON.parse(JSON.stringify({ lg: localGovernmentView(view, lgId), inherited: inheritedPlansView(view, lgId) }, (_, v) => (typeof v === 'bigint' ? String(v) : v)));

describe('per-local-government snapshots of the scoped fold', () => {
  let dir: TempDir;
  let store: SqliteEventStore;
  const indexFile = () => dir.file('read-index.sqlite');

  /** The index built through the head by a reader that then closed, and `sql` (if any) run on its file. */
  async function indexBuiltThenEdited(sql?: string): Promise<void> {
    const first = new LedgerReader(store, { indexFile: indexFile(), snapshotEveryEvents: EVERY });
    await first.catchUpIndex();
    await first.close();
    if (sql === undefined) return;
    const ix = new Database(indexFile());
    ix.prepare(sql).run();
    ix.close();
  }
  const append = (stream: string, type: string, data: unknown) =>
    store.appendToStream(stream, [{ id: uuidv4(), type, schemaVersion: 1, data, recordedAt: new Date().toISOString(), actor: 'test' }]);

  /** Every lg at every position from its registration on: the reader's answer equals a fold of the whole log from zero. */
  async function expectExactEverywhere(reader: LedgerReader, from = 1n): Promise<number> {
    const events = await allEvents(store);
    let compared = 0;
    for (const lgId of LGS) {
      for (const e of events) {
        if (e.position < from) continue;
        const at = { atPosition: e.position };
        const expected = answers(buildLedgerView(events.filter((x) => x.position <= e.position), at), lgId);
        expect(answers(await reader.localGovernment(lgId, at), lgId), `${lgId} at ${e.position}`).toEqual(expected);
        compared++;
      }
    }
    return compared;
  }

  beforeEach(async () => {
    dir = createTempDir('lg-snapshots-');
    store = SqliteEventStore.open(dir.file('ledger.sqlite'));
    // Three local governments of ~130 events each (handover items mostly), a project shared by two.
    await appendAll(store, [...syntheticLedger(600, LGS.length)].map(({ stream, events }) => ({ stream, events: toAppend(events) })));
  });
  afterEach(async () => {
    await store.close();
    dir.remove();
  });

  it('given a long history per local government, when it is read pinned at a late position, then it folds fewer events than the snapshot spacing', async () => {
    const counted = countingStore(store);
    const reader = new LedgerReader(counted.store, { indexFile: indexFile(), snapshotEveryEvents: EVERY });
    await reader.catchUpIndex();
    const head = (await store.headPosition())!;
    for (const lgId of LGS) {
      counted.count.reset();
      const view = await reader.localGovernment(lgId, { atPosition: head - 1n });
      expect(localGovernmentView(view, lgId)?.lgId).toBe(lgId);
      // Each of them has ~200 events by then: a fold from zero reads them all.
      expect(counted.count.events).toBeLessThan(EVERY);
    }
    await reader.close();
  });

  it('given an index at the head of the log, when it is caught up before each pinned read, then the catch-up reads nothing of the log until an event is appended', async () => {
    const counted = countingStore(store);
    const reader = new LedgerReader(counted.store, { indexFile: indexFile(), snapshotEveryEvents: EVERY });
    await reader.catchUpIndex();
    counted.count.reset();
    await reader.catchUpIndex();
    expect(counted.count.calls).toBe(0);
    await store.appendToStream('transition-tr-100000-2018', toAppend([itemEvent('tr-100000-2018', 4000)]));
    await reader.catchUpIndex();
    expect(counted.count.events).toBe(1);
    expect((await reader.eventsConcerning('100000')).at(-1)?.position).toBe(await store.headPosition());
    await reader.close();
  });

  it('given snapshots every few events, when each local government is read at every position, then each answer equals the fold of the whole log from zero', async () => {
    const reader = new LedgerReader(store, { indexFile: indexFile(), snapshotEveryEvents: EVERY });
    await reader.catchUpIndex();
    const ix = new Database(indexFile(), { readonly: true });
    expect(Number(ix.prepare('SELECT count(*) FROM lg_snapshot').pluck().get())).toBeGreaterThan(LGS.length * 5);
    expect(Number(ix.prepare('SELECT count(*) FROM lg_spill').pluck().get())).toBeGreaterThan(LGS.length);
    ix.close();
    expect(await expectExactEverywhere(reader)).toBeGreaterThan(1000);
    await reader.close();
  });

  it('given a retraction and a plan cited by another local government after the snapshots, when read at every position, then each answer equals the fold from zero', async () => {
    const first = new LedgerReader(store, { indexFile: indexFile(), snapshotEveryEvents: EVERY });
    await first.catchUpIndex();
    const before = (await store.headPosition())!;
    // 100002 cites 100000's plan and project: 100000's earlier plan events now concern 100002 too (a backfill).
    await append('budget-100002', 'BudgetAllocated', {
      allocationId: 'cross', lgId: '100002', fiscalYear: 2020, projectId: 'pry-100000-1', planId: 'cdp-100000', process: 'participatory', amount: '12.00', currency: 'PEN', allocatedOn: '2019-03-02',
    });
    const item = (await allEvents(store)).find((e) => e.type === 'HandoverItemRecorded' && e.stream.endsWith('100001-2018'))!;
    await append('corrections', 'EntryRetracted', { eventId: item.id, reason: 'Registrado por error', retractedOn: '2019-03-03' });
    for (let n = 0; n < EVERY + 3; n++) await store.appendToStream('transition-tr-100001-2018', toAppend([itemEvent('tr-100001-2018', 1000 + n)]));
    expect(await expectExactEverywhere(first, before - 5n)).toBeGreaterThan(60);
    await first.close();
  });

  it('given a retraction and a backfill, when any local government is read pinned at any position, then no read folds as many events as the snapshot spacing and each answer equals the fold from zero', async () => {
    const caughtUp = new LedgerReader(store, { indexFile: indexFile(), snapshotEveryEvents: EVERY });
    await caughtUp.catchUpIndex();
    // 100002 cites 100000's plan and project: their events from the first (near the log's start) now concern 100002 too.
    await append('budget-100002', 'BudgetAllocated', {
      allocationId: 'cross', lgId: '100002', fiscalYear: 2020, projectId: 'pry-100000-1', planId: 'cdp-100000', process: 'participatory', amount: '12.00', currency: 'PEN', allocatedOn: '2019-03-02',
    });
    const item = (await allEvents(store)).find((e) => e.type === 'HandoverItemRecorded' && e.stream.endsWith('100001-2018'))!;
    await append('corrections', 'EntryRetracted', { eventId: item.id, reason: 'Registrado por error', retractedOn: '2019-03-03' });
    for (let n = 0; n < EVERY + 3; n++) await store.appendToStream(`transition-tr-${LGS[n % 3]}-2018`, toAppend([itemEvent(`tr-${LGS[n % 3]}-2018`, 3000 + n)]));
    const head = (await store.headPosition())!;
    // The index caught up across the corrections, and one built from zero on the corrected log.
    const counted = countingStore(store);
    const rebuilt = new LedgerReader(counted.store, { indexFile: dir.file('rebuilt-index.sqlite'), snapshotEveryEvents: EVERY });
    await caughtUp.catchUpIndex();
    await caughtUp.close();
    await rebuilt.catchUpIndex();
    const caughtUpCounted = new LedgerReader(counted.store, { indexFile: indexFile(), snapshotEveryEvents: EVERY });
    for (const reader of [caughtUpCounted, rebuilt]) {
      // The most events any read of each local government folded, and where.
      const worst: Record<string, string> = {};
      let most = 0;
      for (const lgId of LGS) {
        let events = -1;
        for (let at = 1n; at <= head; at++) {
          counted.count.reset();
          await reader.localGovernment(lgId, { atPosition: at });
          if (counted.count.events > events) [events, worst[lgId]] = [counted.count.events, `${counted.count.events} at ${at}`];
        }
        most = Math.max(most, events);
      }
      expect(most, JSON.stringify(worst)).toBeLessThan(EVERY);
    }
    await caughtUpCounted.close();
    expect(await expectExactEverywhere(rebuilt)).toBeGreaterThan(1500);
    await rebuilt.close();
    const reopened = new LedgerReader(store, { indexFile: indexFile(), snapshotEveryEvents: EVERY });
    expect(await expectExactEverywhere(reopened)).toBeGreaterThan(1500);
    await reopened.close();
  });

  it('given a reader restarted in the middle of the history, when it catches up, then the folds it restores from snapshots stay exact', async () => {
    await indexBuiltThenEdited();
    for (let n = 0; n < 2 * EVERY + 5; n++) {
      await store.appendToStream(`transition-tr-${LGS[n % 3]}-2018`, toAppend([itemEvent(`tr-${LGS[n % 3]}-2018`, 2000 + n)]));
    }
    const second = new LedgerReader(store, { indexFile: indexFile(), snapshotEveryEvents: EVERY });
    expect(await expectExactEverywhere(second, (await store.headPosition())! - BigInt(2 * EVERY + 10))).toBeGreaterThan(100);
    await second.close();
  });

  it('given damaged snapshots, when read, then the read folds from zero and answers the same', async () => {
    await indexBuiltThenEdited("UPDATE lg_snapshot SET body = x'ff0d0a'");
    const reader = new LedgerReader(store, { indexFile: indexFile(), snapshotEveryEvents: EVERY });
    expect(await expectExactEverywhere(reader, 300n)).toBeGreaterThan(100);
    await reader.close();
  });

  it('given snapshots of another format (another fold or encoding), when the index opens, then it drops them with the index and builds both again', async () => {
    await indexBuiltThenEdited("UPDATE meta SET value = 'an older fold' WHERE key = 'snapshotFormat'");
    const reopened = LgIndex.open(indexFile(), { snapshotEvery: EVERY });
    expect(reopened.checkpoint()).toBeUndefined();
    reopened.close();
    const check = new Database(indexFile(), { readonly: true });
    expect(Number(check.prepare('SELECT count(*) FROM lg_snapshot').pluck().get())).toBe(0);
    check.close();
    const reader = new LedgerReader(store, { indexFile: indexFile(), snapshotEveryEvents: EVERY });
    expect(await expectExactEverywhere(reader, 400n)).toBeGreaterThan(100);
    await reader.close();
  });
});
