import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v4 as uuidv4 } from 'uuid';
import { createRecorder, type RecordEvents } from '../../src/commandHandling/recordEvents.ts';
import type { LedgerEvent } from '../../src/domain/events/catalogue.ts';
import { SqliteEventStore } from '../../src/eventStore/sqliteEventStore.ts';
import { createTempDir, type TempDir } from '../support/tempDir.ts';
import { commissionFormed, itemRecorded, lgRegistered, quinotaAfterElections, QUINOTA } from '../unit/domain/fixtures.ts';

const writer = { actor: 'tester', role: 'registrar' };
const submit = (event: LedgerEvent, id?: string) => ({ events: [{ ...event, ...(id ? { id } : {}) }] });

describe('group commit in the write path', () => {
  let dir: TempDir;
  let store: SqliteEventStore;
  let record: RecordEvents;

  beforeEach(() => {
    dir = createTempDir('group-commit-');
    store = SqliteEventStore.open(dir.file('ledger.sqlite'));
    record = createRecorder({ store, now: () => new Date('2019-03-01T12:00:00Z'), newId: uuidv4 });
  });
  afterEach(async () => {
    await store.close();
    dir.remove();
  });

  it('given a batch whose facts belong to two streams, then it is refused naming both and nothing is written', async () => {
    await Promise.all(quinotaAfterElections().map((e) => record(submit(e), writer)));
    await record(submit(commissionFormed()), writer);
    const head = await store.headPosition();
    await expect(record({ events: [itemRecorded(), lgRegistered({ lgId: '150101' })] }, writer)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'events', message: expect.stringMatching(/one stream; this one spans transition-\S+, lg-150101$/) }],
    });
    expect(await store.headPosition()).toBe(head);
  });

  it('given commands submitted together, when a later one depends on an earlier one, then it is decided against it', async () => {
    // The commission needs the local government and its terms, recorded by commands of the same group.
    const results = await Promise.all([
      ...quinotaAfterElections().map((e) => record(submit(e), writer)),
      record(submit(commissionFormed()), writer),
      record(submit(itemRecorded()), writer),
    ]);
    expect(results.map((r) => r.events[0]!.position)).toEqual([1n, 2n, 3n, 4n, 5n, 6n]);
    expect(results.map((r) => r.events[0]!.type)).toEqual([
      'LocalGovernmentRegistered', 'AuthorityTermStarted', 'AuthorityTermEnded', 'AuthorityTermStarted',
      'TransitionCommissionFormed', 'HandoverItemRecorded',
    ]);
  });

  it('given a group with a command the rules refuse, when it commits, then only that command fails', async () => {
    const [first, duplicate, other] = await Promise.allSettled([
      record(submit(lgRegistered()), writer),
      record(submit(lgRegistered()), writer), // registered twice: refused against the first
      record(submit(lgRegistered({ lgId: '080701', name: 'Municipalidad Provincial de Chumbivilcas', level: 'provincial' })), writer),
    ]);
    expect(first.status).toBe('fulfilled');
    expect(duplicate).toMatchObject({ status: 'rejected', reason: { code: 'RULE_VIOLATED' } });
    expect(other.status).toBe('fulfilled');
    const stored = [];
    for await (const e of store.readAll()) stored.push(e);
    expect(stored.map((e) => [e.position, e.stream])).toEqual([[1n, `lg-${QUINOTA}`], [2n, 'lg-080701']]);
  });

  it('given a group with a stale expected revision, when it commits, then that command conflicts and the rest is recorded', async () => {
    await record(submit(lgRegistered()), writer);
    const [stale, fresh] = await Promise.allSettled([
      record({ ...submit(quinotaAfterElections()[1]!), expectedRevision: 'no_stream' }, writer),
      record({ ...submit(quinotaAfterElections()[1]!), expectedRevision: '0' }, writer),
    ]);
    expect(stale).toMatchObject({ status: 'rejected', reason: { code: 'CONCURRENCY_CONFLICT' } });
    expect(fresh).toMatchObject({ status: 'fulfilled', value: { events: [{ revision: 1n }] } });
  });

  it('given the same client id twice in one group, when it commits, then the second is an idempotent replay', async () => {
    const id = uuidv4();
    const [a, b] = await Promise.all([record(submit(lgRegistered(), id), writer), record(submit(lgRegistered(), id), writer)]);
    expect(a.replayed).toBe(false);
    expect(b).toMatchObject({ replayed: true, events: [{ id, position: a.events[0]!.position }] });
  });

  it('given a fact and its retraction submitted together, when they share a group, then the retraction is decided against its pending target and accepted', async () => {
    await record(submit(lgRegistered()), writer);
    const target = uuidv4();
    const term = { ...quinotaAfterElections()[1]! };
    const retraction: LedgerEvent = { type: 'EntryRetracted', data: { eventId: target, reason: 'Registrado por error', retractedOn: '2019-02-01' } };
    const [fact, retracted] = await Promise.allSettled([record(submit(term, target), writer), record(submit(retraction), writer)]);
    expect(fact).toMatchObject({ status: 'fulfilled' });
    expect(retracted).toMatchObject({ status: 'fulfilled', value: { events: [{ type: 'EntryRetracted', stream: `lg-${QUINOTA}`, revision: 2n }] } });
  });

  it('given many concurrent commands, when all are acknowledged, then every one is durable in a fresh connection', async () => {
    const lgIds = Array.from({ length: 200 }, (_, i) => String(100000 + i));
    const results = await Promise.all(lgIds.map((lgId) => record(submit(lgRegistered({ lgId })), writer)));
    await store.close();
    const reopened = SqliteEventStore.open(dir.file('ledger.sqlite'));
    try {
      for (const r of results) expect(await reopened.getEvent(r.events[0]!.id)).toMatchObject({ hash: r.events[0]!.hash });
      expect(await reopened.headPosition()).toBe(200n);
    } finally {
      await reopened.close();
      store = SqliteEventStore.open(dir.file('ledger.sqlite'));
    }
  });
});
