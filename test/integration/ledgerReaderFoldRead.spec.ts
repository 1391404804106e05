import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildLedgerView } from '../../projections/ledgerView.ts';
import { SqliteEventStore } from '../../src/eventStore/sqliteEventStore.ts';
import type { StoredEvent } from '../../src/records/storedEvent.ts';
import { LedgerReader } from '../../src/readModels/ledgerReader.ts';
import { storedLog } from '../property/support/eventArbitraries.ts';
import { countingStore } from '../support/countingStore.ts';
import { createTempDir, type TempDir } from '../support/tempDir.ts';
import { allEvents } from '../support/allEvents.ts';
import { generateLedger } from '../../bench/ledgerFile.ts';

/**
 * The live view folds what readAllForFold reads (position, type, schema version, data), not the
 * whole record: if that read dropped or garbled a field the fold needs, the view would differ from
 * the fold of the records readAll gives. Logs cover every catalogue fact, retractions, events the
 * view ignores, schema versions the fold reads and one it does not, and metadata on every event.
 */
async function ledgerOf(file: string, log: readonly StoredEvent[]): Promise<{ store: SqliteEventStore; events: StoredEvent[] }> {
  const store = SqliteEventStore.open(file);
  for (const [i, e] of log.entries()) {
    const schemaVersion = i % 7 === 3 ? 2 : i % 11 === 5 ? 9 : 1;
    await store.appendToStream(`s-${i % 3}`, [{ id: e.id, type: e.type, schemaVersion, data: e.data, recordedAt: e.recordedAt, actor: e.actor, metadata: { role: 'registrar', n: String(i) } }]);
  }
  return { store, events: await allEvents(store) };
}

describe('the live view read for a fold', () => {
  let dir: TempDir;
  beforeEach(() => {
    dir = createTempDir('fold-read-');
  });
  afterEach(() => dir.remove());

  it('given logs of every kind of event, when a reader folds the live view and views at past positions from its versions, then each equals the fold of the whole records', async () => {
    const logs = fc.sample(storedLog(80), { numRuns: 12, seed: 20261202 });
    for (const [n, log] of logs.entries()) {
      const { store, events } = await ledgerOf(dir.file(`ledger-${n}.sqlite`), log);
      const reader = new LedgerReader(store, { versionEveryEvents: 10, spillEveryEvents: 7 });
      expect(await reader.view(), `log ${n}`).toEqual(buildLedgerView(events));
      for (const atPosition of [5n, 23n, BigInt(events.length)]) {
        expect(await reader.view({ atPosition }), `log ${n} at ${atPosition}`).toEqual(buildLedgerView(events, { atPosition }));
      }
      await reader.close();
      await store.close();
    }
  });

  it('given a ledger of runs of handover items, when a reader folds the live view in runs (spilling and keeping versions at odd spacings) and reads past positions, then each equals the fold of the whole records', async () => {
    const file = dir.file('runs.sqlite');
    await generateLedger(file, 12_000);
    const store = SqliteEventStore.open(file);
    const events = await allEvents(store);
    const reader = new LedgerReader(store, { versionEveryEvents: 997, spillEveryEvents: 313 });
    expect(await reader.view()).toEqual(buildLedgerView(events));
    for (const atPosition of [1n, 996n, 997n, 998n, 5_001n, 11_999n]) {
      expect(await reader.view({ atPosition }), `at ${atPosition}`).toEqual(buildLedgerView(events, { atPosition }));
    }
    await reader.close();
    await store.close();
  });

  it('given a reader that checkpointed the live view, when restarted, then it resumes from the checkpoint (its last event\'s hash read when saved) and folds only what came after', async () => {
    // A retraction after the checkpoint would make the reader fold from zero: none here.
    const log = fc.sample(storedLog(80), { numRuns: 20, seed: 7 }).flat().filter((e) => e.type !== 'EntryRetracted')
      .map((e, i) => ({ ...e, id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}` }));
    expect(log.length).toBeGreaterThan(40);
    const { store, events } = await ledgerOf(dir.file('ledger.sqlite'), log.slice(0, 30));
    const first = new LedgerReader(store, { indexFile: dir.file('ix.sqlite') });
    await first.view();
    await first.close();
    for (const [i, e] of log.slice(30).entries()) {
      await store.appendToStream('s-late', [{ id: e.id, type: e.type, schemaVersion: 1, data: e.data, recordedAt: e.recordedAt, actor: e.actor, metadata: { i: String(i) } }]);
    }
    const all: StoredEvent[] = [];
    for await (const e of store.readAll()) all.push(e);
    const counted = countingStore(store);
    const restarted = new LedgerReader(counted.store, { indexFile: dir.file('ix.sqlite') });
    expect(await restarted.view()).toEqual(buildLedgerView(all));
    // The checkpoint's own event (checked by hash) and the events after it: not the 30 before.
    expect(counted.count.events).toBe(1 + all.length - events.length);
    await restarted.close();
    await store.close();
  });
});
