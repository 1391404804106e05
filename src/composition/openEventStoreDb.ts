import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config } from '../config.ts';
import { StoreUnavailableError } from '../errors/storeUnavailableError.ts';
import { EventStoreDbEventStore, STORE_HEALTH_SOURCE } from '../eventStore/eventStoreDbEventStore.ts';
import { appendCallOptions, readConnectionSettings } from '../eventStore/eventStoreDbConnection.ts';
import { EventStoreDbWriterLease } from '../eventStore/eventStoreDbWriterLease.ts';
import type { OpenStoreOptions } from './openStore.ts';

/** The health source of the writer lease. */
export const WRITER_LEASE_HEALTH_SOURCE = 'writer-lease';

/**
 * The EventStoreDB store for this process's role (LEDGER_ROLE): a writer appends only while it
 * holds the writer lease (acquired at its first append, or at start by `serve`); a replica refuses
 * every append, so it never needs the lease. Either reads everything.
 */
export function openEventStoreDb(config: Config, options: OpenStoreOptions = {}): EventStoreDbEventStore & { writerLease?: EventStoreDbWriterLease } {
  return connectEventStoreDb(config.EVENTSTORE_CONNECTION_STRING!, { role: config.LEDGER_ROLE, leaseSeconds: config.LEDGER_WRITER_LEASE_SECONDS, health: options.health });
}

/** As openEventStoreDb, from a connection string (`migrate`'s target is a writer too). */
export function connectEventStoreDb(
  connectionString: string,
  { role = 'writer', leaseSeconds = 15, health }: { role?: Config['LEDGER_ROLE']; leaseSeconds?: number; health?: OpenStoreOptions['health'] } = {},
): EventStoreDbEventStore & { writerLease?: EventStoreDbWriterLease } {
  if (role === 'replica') {
    return EventStoreDbEventStore.connect(connectionString, {
      health,
      writeGuard: async () => {
        throw new StoreUnavailableError('This instance is a read-only replica (LEDGER_ROLE=replica); writes go to the writer', 1);
      },
    });
  }
  let lease: EventStoreDbWriterLease | undefined;
  const store: EventStoreDbEventStore & { writerLease?: EventStoreDbWriterLease } = EventStoreDbEventStore.connect(connectionString, {
    health,
    writeGuard: () => lease!.assertHeld(),
  });
  lease = new EventStoreDbWriterLease(store.client, {
    holder: `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`,
    ttlMs: leaseSeconds * 1000,
    appendCallOptions: appendCallOptions(readConnectionSettings(connectionString)),
    onChange: (held, reason) => (held ? health?.restore(WRITER_LEASE_HEALTH_SOURCE) : health?.degrade(WRITER_LEASE_HEALTH_SOURCE, reason)),
  });
  store.writerLease = lease;
  // A graceful stop gives the lease up, so the next writer need not wait for it to expire.
  const closeStore = store.close.bind(store);
  store.close = async () => {
    await lease!.release();
    await closeStore();
  };
  return store;
}

export { STORE_HEALTH_SOURCE };
