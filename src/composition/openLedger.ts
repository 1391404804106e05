import { newEventId } from '../commandHandling/newEventId.ts';
import { createRecorder, type RecordEvents } from '../commandHandling/recordEvents.ts';
import type { Config } from '../config.ts';
import type { EventStore } from '../eventStore/eventStore.ts';
import { prepareDataDirectory } from './dataDirectory.ts';
import { openStore, type OpenStoreOptions } from './openStore.ts';

export interface Ledger {
  config: Config;
  store: EventStore;
  storeName: string;
  record: RecordEvents;
  close(): Promise<void>;
}

/** The composition root shared by the server and the CLI: one store, one write path. */
export async function openLedger(config: Config, clock: () => Date = () => new Date(), options: OpenStoreOptions = {}): Promise<Ledger> {
  // 1. the data directory, owner-only, before any store creates a file in it; 2. the store.
  prepareDataDirectory(config.LEDGER_DATA_DIR);
  const { store, name } = await openStore(config, options);
  const record = createRecorder({ store, now: clock, newId: newEventId });
  return { config, store, storeName: name, record, close: () => store.close() };
}
