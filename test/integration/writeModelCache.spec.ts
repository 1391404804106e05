import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v4 as uuidv4 } from 'uuid';
import { createRecorder, type RecordEvents } from '../../src/commandHandling/recordEvents.ts';
import { WriteModelCache } from '../../src/commandHandling/writeModelCache.ts';
import { initialState } from '../../src/domain/ledgerState.ts';
import type { LedgerEvent } from '../../src/domain/events/catalogue.ts';
import { SqliteEventStore } from '../../src/eventStore/sqliteEventStore.ts';
import { createTempDir, type TempDir } from '../support/tempDir.ts';
import { commissionFormed, entryRetracted, itemRecorded, observationRaised, quinotaAfterElections } from '../unit/domain/fixtures.ts';

const writer = { actor: 'tester', role: 'registrar' };
const submit = (...events: LedgerEvent[]) => ({ events: events.map((e) => ({ ...e })) });

/**
 * The recorder keeps the folded state of the streams each command read (WriteModelCache), so these
 * tests first warm it with a command on the transition's streams, then check that what happens next
 * is judged against the store, not against a stale or half-decided copy.
 */
describe('write-model cache of the recorder', () => {
  let dir: TempDir;
  let store: SqliteEventStore;
  let record: RecordEvents;

  beforeEach(async () => {
    dir = createTempDir('write-model-cache-');
    store = SqliteEventStore.open(dir.file('ledger.sqlite'));
    record = createRecorder({ store, now: () => new Date('2019-03-01T12:00:00Z'), newId: uuidv4 });
    for (const e of [...quinotaAfterElections(), commissionFormed()]) await record(submit(e), writer);
    await record(submit(itemRecorded({ itemId: 'i-warm' })), writer); // folds the transition and caches it
  });
  afterEach(async () => {
    await store.close();
    dir.remove();
  });

  it('given a cached transition, when another store instance on the same file records an item, then the recorder sees it', async () => {
    const other = SqliteEventStore.open(dir.file('ledger.sqlite'));
    try {
      const otherRecord = createRecorder({ store: other, now: () => new Date('2019-03-01T12:00:00Z'), newId: uuidv4 });
      await otherRecord(submit(itemRecorded({ itemId: 'i-other' })), writer);
    } finally {
      await other.close();
    }
    await expect(record(submit(itemRecorded({ itemId: 'i-other' })), writer)).rejects.toMatchObject({
      code: 'RULE_VIOLATED',
      rule: 'HANDOVER_ITEM_ALREADY_RECORDED',
    });
  });

  it('given a cached transition, when a batch is refused after its first fact, then that fact does not count afterwards', async () => {
    // decide folds i-new into the state before it refuses the duplicate i-warm.
    await expect(record(submit(itemRecorded({ itemId: 'i-new' }), itemRecorded({ itemId: 'i-warm' })), writer)).rejects.toMatchObject({
      code: 'RULE_VIOLATED',
    });
    const recorded = await record(submit(itemRecorded({ itemId: 'i-new' })), writer);
    expect(recorded.events.map((e) => e.data)).toMatchObject([{ itemId: 'i-new' }]);
  });

  it('given a cached transition, when a stale expected revision conflicts, then the next command is still judged on the store', async () => {
    await expect(record({ ...submit(itemRecorded({ itemId: 'i-stale' })), expectedRevision: 0 }, writer)).rejects.toMatchObject({
      code: 'CONCURRENCY_CONFLICT',
    });
    await record(submit(itemRecorded({ itemId: 'i-stale' })), writer);
    await expect(record(submit(itemRecorded({ itemId: 'i-stale' })), writer)).rejects.toMatchObject({ code: 'RULE_VIOLATED' });
  });

  it('given a cached transition with an item, when the item is retracted, then it no longer counts, yet its id stays taken', async () => {
    const [warm] = (await store.readStream('transition-transition-quinota-2018')).filter((e) => e.type === 'HandoverItemRecorded');
    const { itemId } = warm!.data as { itemId: string };
    await record(submit(entryRetracted({ eventId: warm!.id, retractedOn: '2019-03-01' })), writer);
    // The cached model was refolded: an observation on the retracted item is refused.
    await expect(record(submit(observationRaised({ observationId: 'o-warm', itemId })), writer)).rejects.toMatchObject({ rule: 'HANDOVER_ITEM_UNKNOWN' });
    await expect(record(submit(itemRecorded({ itemId })), writer)).rejects.toMatchObject({ rule: 'HANDOVER_ITEM_ALREADY_RECORDED' });
  });

  it('given items recorded one after another, when the ledger is reopened, then a fresh recorder judges the same way', async () => {
    for (let i = 0; i < 5; i++) await record(submit(itemRecorded({ itemId: `i-${i}` })), writer);
    await store.close();
    store = SqliteEventStore.open(dir.file('ledger.sqlite'));
    const fresh = createRecorder({ store, now: () => new Date('2019-03-01T12:00:00Z'), newId: uuidv4 });
    await expect(fresh(submit(itemRecorded({ itemId: 'i-4' })), writer)).rejects.toMatchObject({ code: 'RULE_VIOLATED' });
    await fresh(submit(itemRecorded({ itemId: 'i-5' })), writer);
  });
});

describe('WriteModelCache', () => {
  const model = (key: string) => ({ key, revisions: new Map(), state: initialState() });

  it('given an entry, when it is taken, then it is no longer there until it is put back', () => {
    const cache = new WriteModelCache();
    const key = WriteModelCache.keyOf(['lg-1', 'transition-1']);
    cache.put(model(key));
    expect(cache.take(WriteModelCache.keyOf(['transition-1', 'lg-1']))).toMatchObject({ key });
    expect(cache.take(key)).toBeUndefined();
  });

  it('given a full cache, when another entry is put, then the least recently put one is evicted', () => {
    const cache = new WriteModelCache(2);
    cache.put(model('a'));
    cache.put(model('b'));
    cache.put(model('a'));
    cache.put(model('c'));
    expect(cache.size).toBe(2);
    expect(cache.take('b')).toBeUndefined();
    expect(cache.take('a')).toBeDefined();
  });
});
