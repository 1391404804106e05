import { EventStoreDbEventStore } from '../../src/eventStore/eventStoreDbEventStore.ts';
import type { EventStore } from '../../src/eventStore/eventStore.ts';

/**
 * Runs `fn` with the ledger (default stream pattern) of the EventStoreDB at `connectionString`,
 * and always closes it.
 */
export async function withEventStoreDbLedger<T>(connectionString: string, fn: (store: EventStore) => Promise<T>): Promise<T> {
  const store = EventStoreDbEventStore.connect(connectionString);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/**
 * Suites that record the demo into the ledger's own streams (`lg-`, `plan-`…) need a server that
 * holds none yet: EventStoreDB never takes events out of $all (a deleted stream stays until a
 * scavenge, and a recreated one continues its revisions), so a second run cannot start clean.
 * A container from testcontainers is always fresh; an external server must be too.
 */
export async function assertNoLedgerYet(connectionString: string): Promise<void> {
  const head = await withEventStoreDbLedger(connectionString, (store) => store.headPosition());
  if (head !== undefined) {
    throw new Error(
      `the EventStoreDB at ${connectionString} already holds ledger events (head position ${head}); ` +
        'these tests record the demo into the ledger streams and need a fresh node, e.g. ' +
        '`docker run --rm -p 2113:2113 -e EVENTSTORE_INSECURE=true -e EVENTSTORE_MEM_DB=true eventstore/eventstore:24.10`, ' +
        'or unset EVENTSTORE_CONNECTION_STRING to let testcontainers start one',
    );
  }
}
