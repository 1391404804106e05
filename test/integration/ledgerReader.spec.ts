import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v4 as uuidv4 } from 'uuid';
import { inheritedPlansView } from '../../projections/inheritedPlansView.ts';
import { buildLedgerView, type LedgerView } from '../../projections/ledgerView.ts';
import { localGovernmentView } from '../../projections/localGovernmentView.ts';
import type { PointInTime } from '../../projections/pointInTime.ts';
import { createRecorder, type RecordEvents } from '../../src/commandHandling/recordEvents.ts';
import { SqliteEventStore } from '../../src/eventStore/sqliteEventStore.ts';
import { LedgerReader } from '../../src/readModels/ledgerReader.ts';
import { LgIndex } from '../../src/readModels/lgIndex.ts';
import { seedLedger, SEED_WRITER } from '../../src/seed/seedLedger.ts';
import { createTempDir, type TempDir } from '../support/tempDir.ts';
import { countingStore } from '../support/countingStore.ts';
import { allEvents } from '../support/allEvents.ts';

const today = new Date().toISOString().slice(0, 10);

/** What the lg routes answer, from a view. */
const lgAnswers = (view: LedgerView, lgId: string) => ({
  lg: localGovernmentView(view, lgId),
  inherited: inheritedPlansView(view, lgId),
});

describe('LedgerReader', () => {
  let dir: TempDir;
  let store: SqliteEventStore;
  let record: RecordEvents;

  beforeEach(async () => {
    dir = createTempDir('ledger-reader-');
    store = SqliteEventStore.open(dir.file('ledger.sqlite'));
    record = createRecorder({ store, now: () => new Date(), newId: uuidv4 });
    await seedLedger(record, 'chumbivilcas-2018');
    // A correction, so that scoped reads must also honour retractions.
    const allocation = (await allEvents(store)).find((e) => e.type === 'BudgetAllocated')!;
    await record(
      { events: [{ type: 'EntryRetracted', data: { eventId: allocation.id, reason: 'Registrada por error', retractedOn: today } }] },
      SEED_WRITER,
    );
  });
  afterEach(async () => {
    await store.close();
    dir.remove();
  });

  it('given the demo ledger, when one local government is read at past points in time, then it equals the full replay', async () => {
    const reader = new LedgerReader(store);
    const events = await allEvents(store);
    const head = events.at(-1)!.position;
    const lgIds = events.filter((e) => e.type === 'LocalGovernmentRegistered').map((e) => (e.data as { lgId: string }).lgId);
    const points: PointInTime[] = [];
    for (let p = 1n; p <= head + 2n; p += 7n) points.push({ atPosition: p }, { atPosition: p, asOf: '2019-01-02' });
    points.push({ atPosition: head }, { atPosition: head - 1n }, { asOf: '2018-12-31' }, { asOf: '2019-06-30' });
    expect(lgIds.length).toBeGreaterThan(3);
    let compared = 0;
    for (const lgId of [...lgIds, '999999']) {
      for (const at of points) {
        const scoped = lgAnswers(await reader.localGovernment(lgId, at), lgId);
        expect(scoped, `${lgId} at ${JSON.stringify(at, (_, v) => (typeof v === 'bigint' ? String(v) : v))}`).toEqual(
          lgAnswers(buildLedgerView(events, at), lgId),
        );
        if (scoped.lg) compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
    await reader.close();
  });

  it('given a log where one local government cites another one\'s plan and project, when either is read, then it equals the full replay', async () => {
    // Rules forbid it today, but a fold must answer for any log (imports, older rules).
    const append = (stream: string, type: string, data: unknown) =>
      store.appendToStream(stream, [{ id: uuidv4(), type, schemaVersion: 1, data, recordedAt: new Date().toISOString(), actor: 'test' }]);
    const lg = (lgId: string) => ({ lgId, name: `Municipalidad ${lgId}`, level: 'district', province: 'P', department: 'D' });
    await append('lg-111111', 'LocalGovernmentRegistered', lg('111111'));
    await append('lg-111111', 'AuthorityTermStarted', { lgId: '111111', termId: '2015-2018', mayor: 'A', startedOn: '2015-01-01' });
    await append('lg-222222', 'LocalGovernmentRegistered', lg('222222'));
    await append('project-x', 'ProjectRegistered', { projectId: 'x', title: 'Riego', sector: 'agriculture', lgIds: ['111111'], registeredOn: '2016-01-01' });
    await append('plan-p', 'PlanDrafted', {
      planId: 'p', lgId: '111111', kind: 'CDP', title: 'PDC', horizon: { from: 2016, to: 2021 }, objectives: [{ code: 'OE1', text: 'x' }], draftedOn: '2016-01-01',
    });
    await append('plan-p', 'PlanAdopted', { planId: 'p', version: 1, instrument: 'Ordenanza', adoptedOn: '2016-02-01' });
    await append('budget-222222', 'BudgetAllocated', {
      allocationId: 'a', lgId: '222222', fiscalYear: 2017, projectId: 'x', planId: 'p', process: 'participatory', amount: '10.00', currency: 'PEN', allocatedOn: '2017-01-01',
    });
    await append('lg-111111', 'AuthorityTermStarted', { lgId: '111111', termId: '2019-2022', mayor: 'B', startedOn: '2019-01-01' });
    const reader = new LedgerReader(store);
    const events = await allEvents(store);
    const at = { atPosition: events.at(-1)!.position };
    for (const lgId of ['111111', '222222']) {
      expect(lgAnswers(await reader.localGovernment(lgId, at), lgId)).toEqual(lgAnswers(buildLedgerView(events, at), lgId));
    }
    expect(lgAnswers(await reader.localGovernment('111111', at), '111111').inherited?.plans[0]?.allocations).toHaveLength(1);
    expect(lgAnswers(await reader.localGovernment('222222', at), '222222').lg?.bySector[0]?.sector).toBe('agriculture');
    await reader.close();
  });

  it('given a live view, when events are appended, then it follows the log, retractions included', async () => {
    const reader = new LedgerReader(store);
    expect(await reader.view()).toEqual(buildLedgerView(await allEvents(store)));
    const allocation = (await allEvents(store)).filter((e) => e.type === 'BudgetAllocated').at(-1)!;
    await record(
      { events: [{ type: 'EntryRetracted', data: { eventId: allocation.id, reason: 'Duplicada', retractedOn: today } }] },
      SEED_WRITER,
    );
    const live = await reader.view();
    expect(live.allocations.get((allocation.data as { allocationId: string }).allocationId)).toBeUndefined();
    expect(live).toEqual(buildLedgerView(await allEvents(store)));
    await reader.close();
  });

  it('given a persisted index, when a new reader starts, then it resumes from the checkpoint and stays exact', async () => {
    const indexFile = dir.file('read-index.sqlite');
    const first = new LedgerReader(store, { indexFile });
    await first.catchUpIndex();
    await first.close();
    const headAtClose = await store.headPosition();

    await record(
      { events: [{ type: 'LocalGovernmentRegistered', data: { lgId: '080799', name: 'Municipalidad de Ejemplo', level: 'district', province: 'Chumbivilcas', department: 'Cusco' } }] },
      SEED_WRITER,
    );
    const persisted = LgIndex.open(indexFile);
    expect(persisted.checkpoint()?.position).toBe(headAtClose);
    persisted.close();

    const second = new LedgerReader(store, { indexFile });
    const events = await allEvents(store);
    const at = { atPosition: events.at(-1)!.position };
    expect(lgAnswers(await second.localGovernment('080799', at), '080799')).toEqual(lgAnswers(buildLedgerView(events, at), '080799'));
    await second.close();
  });

  it('given an index of another ledger, when a reader starts on this one, then it starts over rather than trust it', async () => {
    const indexFile = dir.file('read-index.sqlite');
    await writtenByAnotherLedger(indexFile, (stale) => stale.catchUpIndex());
    const reader = new LedgerReader(store, { indexFile });
    const events = await allEvents(store);
    const lgId = (events[0]!.data as { lgId: string }).lgId;
    const at = { atPosition: events.at(-1)!.position };
    expect(lgAnswers(await reader.localGovernment(lgId, at), lgId)).toEqual(lgAnswers(buildLedgerView(events, at), lgId));
    await reader.close();
  });

  it('given versions kept every few events, when the whole ledger is read at past positions and dates, then each equals the full replay', async () => {
    const reader = new LedgerReader(store, { versionEveryEvents: 5 });
    const events = await allEvents(store);
    const head = events.at(-1)!.position;
    await reader.view();
    const points: PointInTime[] = [{ asOf: '2018-12-31' }, { asOf: '2019-06-30' }, { asOf: '2018-12-31', atPosition: head }];
    for (let p = 1n; p < head; p += 11n) points.push({ atPosition: p }, { atPosition: p, asOf: '2019-01-02' });
    for (const at of points) {
      const label = JSON.stringify(at, (_, v) => (typeof v === 'bigint' ? String(v) : v));
      expect(await reader.view(at), label).toEqual(buildLedgerView(events, at));
      expect(await reader.view(at), `${label}, again`).toEqual(buildLedgerView(events, at));
    }
    await reader.close();
  });

  it('given a view at a date, when events are appended and a retraction recorded, then the next read at that date follows the log', async () => {
    const reader = new LedgerReader(store);
    const at = { asOf: '2019-06-30' };
    expect(await reader.view(at)).toEqual(buildLedgerView(await allEvents(store), at));
    const allocation = (await allEvents(store)).filter((e) => e.type === 'BudgetAllocated').at(-1)!;
    await record({ events: [{ type: 'EntryRetracted', data: { eventId: allocation.id, reason: 'Duplicada', retractedOn: today } }] }, SEED_WRITER);
    await record(
      { events: [{ type: 'LocalGovernmentRegistered', data: { lgId: '080798', name: 'Municipalidad Nueva', level: 'district', province: 'Chumbivilcas', department: 'Cusco' } }] },
      SEED_WRITER,
    );
    expect(await reader.view(at)).toEqual(buildLedgerView(await allEvents(store), at));
    await reader.close();
  });

  it('given a live view checkpointed on close, when a reader restarts, then its first read folds only the events after the checkpoint', async () => {
    const indexFile = dir.file('read-index.sqlite');
    const first = new LedgerReader(store, { indexFile });
    await first.view();
    await first.close();
    await record(
      { events: [{ type: 'LocalGovernmentRegistered', data: { lgId: '080799', name: 'Municipalidad de Ejemplo', level: 'district', province: 'Chumbivilcas', department: 'Cusco' } }] },
      SEED_WRITER,
    );
    const counted = countingStore(store);
    const second = new LedgerReader(counted.store, { indexFile });
    expect(await second.view()).toEqual(buildLedgerView(await allEvents(store)));
    // One event to check the checkpoint against the log, one recorded since.
    expect(counted.count.events).toBe(2);
    await second.close();
  });

  it('given a view checkpoint whose last event no longer has its hash, when a reader restarts, then it folds the whole log rather than trust it', async () => {
    const indexFile = dir.file('read-index.sqlite');
    const first = new LedgerReader(store, { indexFile });
    await first.view();
    await first.close();
    const db = new Database(indexFile);
    db.prepare("UPDATE live_view SET hash = ?").run('0'.repeat(64));
    db.close();
    const counted = countingStore(store);
    const second = new LedgerReader(counted.store, { indexFile });
    const events = await allEvents(store);
    expect(await second.view()).toEqual(buildLedgerView(events));
    // The checkpoint check reads one event; the fold reads every event of the log (a trusted checkpoint: none).
    expect(counted.count.events).toBeGreaterThan(events.length);
    await second.close();
  });

  it('given a view checkpoint of another ledger, when a reader starts on this one, then it folds the log rather than trust it', async () => {
    const indexFile = dir.file('read-index.sqlite');
    await writtenByAnotherLedger(indexFile, (stale) => stale.view());
    const reader = new LedgerReader(store, { indexFile });
    expect(await reader.view()).toEqual(buildLedgerView(await allEvents(store)));
    await reader.close();
  });
});

/** Leaves `indexFile` as a reader of another ledger (the demo) wrote it, after `use`. */
async function writtenByAnotherLedger(indexFile: string, use: (reader: LedgerReader) => Promise<unknown>): Promise<void> {
  const other = createTempDir('ledger-reader-other-');
  const otherStore = SqliteEventStore.open(other.file('ledger.sqlite'));
  try {
    await seedLedger(createRecorder({ store: otherStore, now: () => new Date(), newId: uuidv4 }), 'chumbivilcas-2018');
    const stale = new LedgerReader(otherStore, { indexFile });
    await use(stale);
    await stale.close();
  } finally {
    await otherStore.close();
    other.remove();
  }
}
