import { afterAll, beforeAll, describe, it } from 'vitest';
import { EventStoreDbEventStore } from '../../src/eventStore/eventStoreDbEventStore.ts';
import { discoverEventStoreDb, eventStoreDbRequired, REQUIRE_ENV, startEventStoreDb, type RunningEventStoreDb } from '../support/eventStoreDbServer.ts';
import { eventStoreContract } from './eventStoreContract.ts';

/**
 * The store contract against EventStoreDB: the server in EVENTSTORE_CONNECTION_STRING, else a
 * container, else skipped with one warning (failed instead when LEDGER_REQUIRE_EVENTSTOREDB=1).
 */
const source = await discoverEventStoreDb();

if (source.kind === 'none') {
  if (eventStoreDbRequired()) {
    describe('EventStore contract: EventStoreDB', () => {
      it('needs an EventStoreDB server', () => {
        throw new Error(`${REQUIRE_ENV}=1 but ${source.reason}`);
      });
    });
  } else {
    // No server here: skipped with the reason printed, never faked; npm run test:eventstoredb fails instead.
    console.warn(`EventStoreDB contract suite skipped: ${source.reason}`);
    describe.skip('EventStore contract: EventStoreDB', () => {
      it('needs an EventStoreDB server', () => undefined);
    });
  }
} else {
  let server: RunningEventStoreDb | undefined;
  // Pulling the image on a cold machine takes a while.
  beforeAll(async () => {
    server = await startEventStoreDb(source);
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
  });

  eventStoreContract('EventStoreDB', async () => {
    // The suite writes to random `contract-…` streams; on a shared server, only those are "the ledger".
    const store = EventStoreDbEventStore.connect(server!.connectionString, { streamPattern: '^contract-', resubscribeDelayMs: 200 });
    return { store, cleanup: () => store.close() };
  });
}
