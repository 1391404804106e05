import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openEventStoreDb } from '../../src/composition/openEventStoreDb.ts';
import { loadConfig } from '../../src/config.ts';
import { openLocation } from '../../src/migration/storeLocation.ts';
import { EventStoreDbEventStore } from '../../src/eventStore/eventStoreDbEventStore.ts';
import { EventStoreDbWriterLease } from '../../src/eventStore/eventStoreDbWriterLease.ts';
import { EventStoreDbServerModel } from '../support/eventStoreDbServerModel.ts';

/**
 * The single-writer design of the cluster profile: one writer holds a lease stream appended with
 * expected revisions; a writer that was taken over cannot append. Two writers share one modelled
 * server (test/support/eventStoreDbServerModel.ts) and one clock passed in.
 */
const anEvent = () => ({ id: randomUUID(), type: 'ContractChecked', schemaVersion: 1, data: { n: 1 }, recordedAt: '2024-05-06T07:08:09.000Z', actor: 'spec' });

function writers() {
  const server = new EventStoreDbServerModel();
  let now = Date.parse('2026-12-01T10:00:00Z');
  const clock = { now: () => new Date(now), advance: (ms: number) => (now += ms) };
  const changes: string[] = [];
  const writer = (holder: string) => {
    const lease = new EventStoreDbWriterLease(server.client, { holder, ttlMs: 15_000, renewEveryMs: 0, now: clock.now, onChange: (held, reason) => changes.push(`${holder} ${held ? 'gained' : 'lost'}: ${reason}`) });
    const store = new EventStoreDbEventStore(server.client, { streamPattern: '^contract-', writeGuard: () => lease.assertHeld() });
    return { lease, store };
  };
  return { server, clock, changes, a: writer('writer-a'), b: writer('writer-b') };
}

describe('EventStoreDB writer lease', () => {
  it('given a writer holding the lease, when a second writer appends, then it is refused with STORE_UNAVAILABLE and nothing of it is written', async () => {
    const { a, b } = writers();
    await a.store.appendToStream('contract-x', [anEvent()]);
    await expect(b.store.appendToStream('contract-y', [anEvent()])).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE', message: expect.stringContaining('writer-a') });
    expect(await b.store.streamRevision('contract-y')).toBe('no_stream');
  });

  it('given a writer that stopped renewing, when its lease expires and another takes over, then the stale writer\'s next append fails and writes nothing', async () => {
    const { a, b, clock, changes } = writers();
    await a.store.appendToStream('contract-x', [anEvent()]);
    clock.advance(16_000); // writer-a paused: no renewal
    await b.store.appendToStream('contract-x', [anEvent()], { expectedRevision: 0n });
    await expect(a.store.appendToStream('contract-x', [anEvent()], { expectedRevision: 1n })).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(await a.store.streamRevision('contract-x')).toBe(1n);
    expect(changes).toEqual([expect.stringMatching(/^writer-a gained/), expect.stringMatching(/^writer-b gained/), expect.stringMatching(/^writer-a lost/)]);
  });

  it('given a writer near its lease\'s expiry, when it appends, then it renews first and the append goes through', async () => {
    const { a, clock } = writers();
    await a.store.appendToStream('contract-x', [anEvent()]);
    clock.advance(11_000); // inside the margin (a third of 15 s) before expiry
    await a.store.appendToStream('contract-x', [anEvent()]);
    expect(await a.store.streamRevision('contract-x')).toBe(1n);
  });

  it('given a writer that released the lease on a graceful stop, then the next writer takes it at once', async () => {
    const { a, b } = writers();
    await a.store.appendToStream('contract-x', [anEvent()]);
    await a.lease.release();
    await b.store.appendToStream('contract-x', [anEvent()]);
    await expect(a.store.appendToStream('contract-x', [anEvent()])).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });

  it('given LEDGER_ROLE=replica, when appending, then STORE_UNAVAILABLE before anything reaches the server', async () => {
    const config = loadConfig({ LEDGER_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'esdb://127.0.0.1:9?tls=false', LEDGER_ROLE: 'replica' });
    const store = openEventStoreDb(config);
    try {
      await expect(store.appendToStream('lg-080701', [anEvent()])).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE', message: expect.stringContaining('read-only replica') });
      expect(store.writerLease).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('given migrate\'s EventStoreDB source, when anything tries to append to it, then STORE_UNAVAILABLE before any I/O (a source is read-only)', async () => {
    const source = await openLocation({ kind: 'eventstoredb', connectionString: 'esdb://127.0.0.1:9?tls=false' }, 'source');
    try {
      await expect(source.appendToStream('lg-080701', [anEvent()])).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE', message: expect.stringContaining('read-only') });
    } finally {
      await source.close();
    }
  });
});
