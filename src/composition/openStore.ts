import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { EventStore } from '../eventStore/eventStore.ts';
import { SqliteEventStore } from '../eventStore/sqliteEventStore.ts';

export const SQLITE_FILE_NAME = 'ledger.sqlite';

/** Opens the store the configuration names. EventStoreDB's client is loaded only when chosen. */
export async function openStore(config: Config): Promise<{ store: EventStore; name: string }> {
  if (config.LEDGER_STORE === 'eventstoredb') {
    const { EventStoreDbEventStore } = await import('../eventStore/eventStoreDbEventStore.ts');
    return { store: EventStoreDbEventStore.connect(config.EVENTSTORE_CONNECTION_STRING!), name: 'eventstoredb' };
  }
  return { store: SqliteEventStore.open(join(config.LEDGER_DATA_DIR, SQLITE_FILE_NAME)), name: 'sqlite' };
}
