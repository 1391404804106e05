import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { LedgerHealth } from '../../src/health/ledgerHealth.ts';
import type { EventToAppend } from '../../src/eventStore/eventStore.ts';
import { EventStoreDbEventStore } from '../../src/eventStore/eventStoreDbEventStore.ts';
import { LedgerReader } from '../../src/readModels/ledgerReader.ts';
import { EventStoreDbServerModel } from '../support/eventStoreDbServerModel.ts';

/**
 * Reads of $all from positions, against the model of the server's rule (test/support/eventStoreDbServerModel.ts):
 * a read that starts at an offset which is not a record's own is refused. The contract suite checks
 * the same reads on both stores; this spec shows, without a server, which offsets reach it.
 */
const event = (n: number): EventToAppend => ({ id: randomUUID(), type: 'ContractChecked', schemaVersion: 1, data: { n }, recordedAt: '2024-05-06T07:08:09.000Z', actor: 'spec' });

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

async function ledgerWithSystemRecords() {
  const server = new EventStoreDbServerModel();
  const store = new EventStoreDbEventStore(server.client, { streamPattern: '^contract-' });
  server.systemRecord();
  const a = (await store.appendToStream('contract-a', [event(0), event(1)])).events;
  server.systemRecord();
  const b = (await store.appendToStream('contract-b', [event(2), event(3)])).events;
  return { server, store, events: [...a, ...b] };
}

describe('EventStoreDB reads from a position', () => {
  it('given sparse positions, when reading after or from a value inside a record (which the server refuses), then exactly the later events come back', async () => {
    const { server, store, events } = await ledgerWithSystemRecords();
    for (const x of [events[0]!.position - 1n, events[0]!.position + 1n, events[2]!.position - 1n, events[3]!.position + 7n]) {
      const fresh = new EventStoreDbEventStore(server.client, { streamPattern: '^contract-' });
      expect((await collect(fresh.readAll({ after: x }))).map((e) => e.id), `after ${x}`).toEqual(events.filter((e) => e.position > x).map((e) => e.id));
      expect((await collect(fresh.readAll({ from: x }))).map((e) => e.id), `from ${x}`).toEqual(events.filter((e) => e.position >= x).map((e) => e.id));
    }
    await store.close();
  });

  it('given an event\'s own position and a process that has read nothing yet, when reading from it, then $all is not read from its start', async () => {
    const { server, events } = await ledgerWithSystemRecords();
    const fresh = new EventStoreDbEventStore(server.client, { streamPattern: '^contract-' });
    server.readAllFrom.length = 0;
    expect((await collect(fresh.readAll({ from: events[2]!.position, limit: 1 })))[0]!.id).toBe(events[2]!.id);
    expect((await collect(fresh.readAll({ after: events[1]!.position }))).map((e) => e.id)).toEqual([events[2]!.id, events[3]!.id]);
    expect(server.readAllFrom).not.toContain('start');
  });

  it('given sparse positions and system records, when read for a fold after or from an event\'s position, then the pages hold readAll\'s events, in order', async () => {
    const { store, events } = await ledgerWithSystemRecords();
    for (const window of [{}, { after: events[0]!.position }, { from: events[1]!.position, upTo: events[2]!.position }, { limit: 3 }]) {
      const pages = await collect(store.readAllForFold(window));
      expect(pages.every((page) => page.length > 0)).toBe(true);
      expect(pages.flat().map((e) => [e.position, e.type, e.schemaVersion, e.data])).toEqual((await collect(store.readAll(window))).map((e) => [e.position, e.type, e.schemaVersion, e.data]));
    }
  });

  it('given an event\'s own position, when reading from it with limit 1, then that event comes back', async () => {
    const { store, events } = await ledgerWithSystemRecords();
    for (const e of events) expect(await collect(store.readAll({ from: e.position, limit: 1 }))).toEqual([e]);
  });

  it('given a log that ends in system records, when asking the head, then it is the last ledger event, found without reading the log from its start', async () => {
    const { server, events } = await ledgerWithSystemRecords();
    server.systemRecord();
    server.systemRecord();
    const fresh = new EventStoreDbEventStore(server.client, { streamPattern: '^contract-' });
    server.readAllFrom.length = 0;
    expect(await fresh.headPosition()).toBe(events.at(-1)!.position);
    expect(server.readAllFrom.every((from) => from !== 'start')).toBe(true);
    expect(await new EventStoreDbEventStore(new EventStoreDbServerModel().client).headPosition()).toBeUndefined();
  });

  it('given a local government read at a point in time, then its events are read by their own positions and the view is built', async () => {
    const server = new EventStoreDbServerModel();
    const store = new EventStoreDbEventStore(server.client);
    const registered = { id: randomUUID(), type: 'LocalGovernmentRegistered', schemaVersion: 1, data: { lgId: '080701', name: 'Municipalidad Provincial de Chumbivilcas', level: 'provincial', province: 'Chumbivilcas', department: 'Cusco' }, recordedAt: '2019-01-02T00:00:00.000Z', actor: 'spec' };
    server.systemRecord();
    const [stored] = (await store.appendToStream('lg-080701', [registered])).events;
    server.systemRecord();
    const reader = new LedgerReader(store);
    const view = await reader.localGovernment('080701', { atPosition: stored!.position });
    expect(view.localGovernments.get('080701')).toBeDefined();
    await reader.close();
  });
});

describe('EventStoreDB subscription from a position the server refuses', () => {
  it('given a subscription after an offset that is no record\'s own (a position of another store), then it keeps failing and health says so instead of retrying silently', async () => {
    const { server, events } = await ledgerWithSystemRecords();
    const health = new LedgerHealth();
    const store = new EventStoreDbEventStore(server.client, { streamPattern: '^contract-', resubscribeDelayMs: 5, health });
    const subscription = store.subscribe(() => undefined, { after: events[1]!.position + 3n });
    try {
      await vi.waitFor(() => expect(health.list()).toEqual([expect.objectContaining({ source: 'subscription', reason: expect.stringContaining('invalid position') })]));
    } finally {
      await subscription.close();
    }
  });

  it('given a subscription after an event\'s own position, then it delivers the later events and health stays clear', async () => {
    const { server, events } = await ledgerWithSystemRecords();
    const health = new LedgerHealth();
    const store = new EventStoreDbEventStore(server.client, { streamPattern: '^contract-', resubscribeDelayMs: 5, health });
    const delivered: string[] = [];
    const subscription = store.subscribe((e) => void delivered.push(e.id), { after: events[1]!.position });
    try {
      await vi.waitFor(() => expect(delivered).toEqual([events[2]!.id, events[3]!.id]));
      expect(health.list()).toEqual([]);
    } finally {
      await subscription.close();
    }
  });
});
