import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { EventStoreDbEventStore } from '../../src/eventStore/eventStoreDbEventStore.ts';
import { LedgerHealth } from '../../src/health/ledgerHealth.ts';
import { APPEND, BATCH_APPEND, emptyReads, FEATURES, featuresPb, READ, startGrpcStubServer, UNAVAILABLE, type GrpcHandler, type GrpcStubServer } from '../support/grpcStubServer.ts';

/**
 * Hazards of @eventstore/db-client 6.2.1 that could stop every write while the process looks fine,
 * driven through the real client over real HTTP/2 against recorded server answers
 * (test/support/grpcStubServer.ts): no EventStoreDB runs here.
 */
/** Server features that include BatchAppend, as a 24.10 node answers. */
const withBatchAppend: GrpcHandler = () => {
  const method = new featuresPb.SupportedMethod();
  method.setServiceName('event_store.client.streams.streams');
  method.setMethodName('batchappend');
  const methods = new featuresPb.SupportedMethods();
  methods.setMethodsList([method]);
  methods.setEventStoreServerVersion('24.10.0');
  return { messages: [methods.serializeBinary()] };
};

const anEvent = () => ({ id: randomUUID(), type: 'ContractChecked', schemaVersion: 1, data: { n: 1 }, recordedAt: '2024-05-06T07:08:09.000Z', actor: 'spec' });

describe('EventStoreDB client hazards', () => {
  let server: GrpcStubServer | undefined;
  let store: EventStoreDbEventStore | undefined;
  afterEach(async () => {
    await store?.close();
    await server?.close();
    store = server = undefined;
  });

  it('given a capabilities lookup that failed once, when appending again, then the append reaches the server instead of failing with the cached error', async () => {
    server = await startGrpcStubServer({ [READ]: emptyReads, [FEATURES]: () => 'silence', [APPEND]: () => ({ status: UNAVAILABLE, message: 'leader lost' }) });
    store = EventStoreDbEventStore.connect(server.connectionString('&defaultDeadline=300'), { streamPattern: '^contract-' });
    for (let i = 0; i < 2; i++) await expect(store.appendToStream('contract-a', [anEvent()])).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(server.calls.get(APPEND)).toBe(2);
  });

  it('given a batch-append stream that the server ends cleanly, when appending, then the append settles (STORE_UNAVAILABLE) and the next one can run', async () => {
    server = await startGrpcStubServer({ [READ]: emptyReads, [FEATURES]: withBatchAppend, [BATCH_APPEND]: () => ({ status: 0 }), [APPEND]: () => ({ status: UNAVAILABLE }) });
    store = EventStoreDbEventStore.connect(server.connectionString(), { streamPattern: '^contract-' });
    const outcome = (p: Promise<unknown>) => Promise.race([p.then(() => 'resolved', (e: { code?: string }) => e.code), sleep(5_000).then(() => 'never settled')]);
    expect(await outcome(store.appendToStream('contract-a', [anEvent()]))).toBe('STORE_UNAVAILABLE');
    expect(await outcome(store.appendToStream('contract-a', [anEvent()]))).toBe('STORE_UNAVAILABLE');
  });

  it('given appends that fail because the store is unavailable, then health reports the store degraded', async () => {
    server = await startGrpcStubServer({ [READ]: emptyReads, [APPEND]: () => ({ status: UNAVAILABLE, message: 'no leader' }) });
    const health = new LedgerHealth();
    store = EventStoreDbEventStore.connect(server.connectionString(), { streamPattern: '^contract-', health });
    await expect(store.appendToStream('contract-a', [anEvent()])).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(health.list()).toEqual([expect.objectContaining({ source: 'store' })]);
  });
});
