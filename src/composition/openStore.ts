import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { EventStore } from '../eventStore/eventStore.ts';
import type { LedgerHealth } from '../health/ledgerHealth.ts';
import { SqliteEventStore } from '../eventStore/sqliteEventStore.ts';

export const SQLITE_FILE_NAME = 'ledger.sqlite';

export interface OpenStoreOptions {
  /** Where EventStoreDB reports that it stopped (or resumed) accepting writes. */
  health?: LedgerHealth;
}

/** Opens the store the configuration names. EventStoreDB's client is loaded only when chosen. */
export async function openStore(config: Config, options: OpenStoreOptions = {}): Promise<{ store: EventStore; name: string }> {
  if (config.LEDGER_STORE === 'eventstoredb') {
    const { openEventStoreDb } = await import('./openEventStoreDb.ts');
    return { store: openEventStoreDb(config, options), name: 'eventstoredb' };
  }
  return { store: SqliteEventStore.open(join(config.LEDGER_DATA_DIR, SQLITE_FILE_NAME)), name: 'sqlite' };
}
