import { newEventId } from '../commandHandling/newEventId.ts';
import { createRecorder, type RecordEvents } from '../commandHandling/recordEvents.ts';
import type { Config } from '../config.ts';
import type { EventStore } from '../eventStore/eventStore.ts';
import { destroyErasedKeys, withKeyDestruction } from '../personalData/keyDestruction.ts';
import { PersonalDataVault } from '../personalData/personalDataVault.ts';
import { DocumentStore } from '../documents/documentStore.ts';
import { prepareDataDirectory } from './dataDirectory.ts';
import { openStore, type OpenStoreOptions } from './openStore.ts';

export interface Ledger {
  config: Config;
  store: EventStore;
  storeName: string;
  record: RecordEvents;
  /** The personal-data key store of the data directory (on EventStoreDB too: keys never go into the log). */
  vault: PersonalDataVault;
  /** Filed documents' files, content-addressed under the data directory (LEDGER_DOCUMENT_MAX_BYTES each at most). */
  documents: DocumentStore;
  close(): Promise<void>;
}

/** The composition root shared by the server and the CLI: one store, one write path, one key store. */
export async function openLedger(config: Config, clock: () => Date = () => new Date(), options: OpenStoreOptions = {}): Promise<Ledger> {
  // 1. the data directory, owner-only, before any store creates a file in it; 2. the store; 3. the key store.
  prepareDataDirectory(config.LEDGER_DATA_DIR);
  const { store, name } = await openStore(config, options);
  const vault = PersonalDataVault.inDataDir(config.LEDGER_DATA_DIR);
  // An erasure recorded just before a crash has its key destroyed now.
  await destroyErasedKeys(store, vault);
  const record = withKeyDestruction(createRecorder({ store, now: clock, newId: newEventId, seal: vault.seal }), vault);
  return {
    config,
    store,
    storeName: name,
    record,
    vault,
    documents: DocumentStore.inDataDir(config.LEDGER_DATA_DIR, config.LEDGER_DOCUMENT_MAX_BYTES),
    close: async () => {
      vault.close();
      await store.close();
    },
  };
}
