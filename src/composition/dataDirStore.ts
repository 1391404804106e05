import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SQLITE_FILE_NAME } from './openStore.ts';

/** Records which store a data directory's derived state (audit.sqlite, read-index.sqlite) follows. */
export const STORE_MARKER_FILE = 'store-kind';

/** Files in a data directory that hold positions of the store they were built from. */
const DERIVED_FILES = ['audit.sqlite', 'read-index.sqlite'];

export type StoreKind = 'sqlite' | 'eventstoredb';

/** The data directory was built for another store: starting would resume from positions that mean nothing. */
export class DataDirStoreMismatchError extends Error {
  constructor(readonly dataDir: string, readonly found: StoreKind, readonly configured: StoreKind) {
    super(
      `LEDGER_DATA_DIR ${dataDir} belongs to a ${found} ledger, but LEDGER_STORE=${configured}. Its audit log and read index hold ${found} positions, ` +
        `which mean nothing on ${configured}. Either set LEDGER_STORE=${found} again, or copy the ledger with ` +
        `\`transition-ledger migrate <source> <target>\` and start ${configured} with a new, empty LEDGER_DATA_DIR (keep this one as the ${found} ledger's).`,
    );
    this.name = 'DataDirStoreMismatchError';
  }
}

/**
 * Refuses to start when `dataDir` was built for the other store, and marks a directory for
 * `configured` otherwise. Before the marker existed, a directory with ledger.sqlite was SQLite's;
 * one with derived files but no ledger.sqlite was EventStoreDB's.
 */
export function claimDataDir(dataDir: string, configured: StoreKind): void {
  const dir = resolve(dataDir);
  const marker = join(dir, STORE_MARKER_FILE);
  const found = existsSync(marker) ? parseKind(readFileSync(marker, 'utf8')) : inferKind(dir);
  if (found !== undefined && found !== configured) throw new DataDirStoreMismatchError(dir, found, configured);
  if (found === undefined || !existsSync(marker)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(marker, `${configured}\n`, { mode: 0o600 });
  }
}

function parseKind(text: string): StoreKind | undefined {
  const kind = text.trim();
  return kind === 'sqlite' || kind === 'eventstoredb' ? kind : undefined;
}

function inferKind(dir: string): StoreKind | undefined {
  if (existsSync(join(dir, SQLITE_FILE_NAME))) return 'sqlite';
  return DERIVED_FILES.some((f) => existsSync(join(dir, f))) ? 'eventstoredb' : undefined;
}
