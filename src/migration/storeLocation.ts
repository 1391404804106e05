import { existsSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SQLITE_FILE_NAME } from '../composition/openStore.ts';
import type { EventStore } from '../eventStore/eventStore.ts';
import { SqliteEventStore } from '../eventStore/sqliteEventStore.ts';
import { MigrationError } from './migrationError.ts';

/** Where a ledger is, as named on the command line. */
export type StoreLocation =
  /** An EventStoreDB server or cluster, by connection string. */
  | { kind: 'eventstoredb'; connectionString: string }
  /** A SQLite ledger file. */
  | { kind: 'sqlite'; file: string };

const ESDB_SCHEMES = /^esdb(\+discover)?:\/\//i;

/**
 * `esdb://…` and `esdb+discover://…` are EventStoreDB. Anything else is SQLite: an existing directory,
 * or a path ending in a separator, is a data directory (as LEDGER_DATA_DIR) and names its
 * `ledger.sqlite`; any other path is the ledger file itself.
 */
export function parseStoreLocation(argument: string): StoreLocation {
  if (ESDB_SCHEMES.test(argument)) return { kind: 'eventstoredb', connectionString: argument };
  const path = resolve(argument);
  const isDirectory = /[\\/]$/.test(argument) || (existsSync(path) && statSync(path).isDirectory());
  return { kind: 'sqlite', file: isDirectory ? join(path, SQLITE_FILE_NAME) : path };
}

/** For messages: the file, or the connection string without its credentials. */
export function describeLocation(location: StoreLocation): string {
  return location.kind === 'sqlite' ? location.file : location.connectionString.replace(/\/\/[^@/]*@/, '//***@');
}

/** True when both name the same store, so a migration would read and write one ledger. */
export function sameLocation(a: StoreLocation, b: StoreLocation): boolean {
  if (a.kind === 'eventstoredb' || b.kind === 'eventstoredb') {
    return a.kind === 'eventstoredb' && b.kind === 'eventstoredb' && a.connectionString === b.connectionString;
  }
  const real = (file: string) => (existsSync(file) ? realpathSync(file) : file);
  return real(a.file) === real(b.file);
}

/**
 * Opens the store at `location`. A source is opened read-only and must exist (opening a missing
 * SQLite file would create an empty ledger, and "copied 0 events" would hide the typo); a target is
 * created if needed. EventStoreDB connects lazily: an unreachable server fails at the first read; a
 * source is opened read-only there too, and a target appends only while it holds the writer lease.
 */
export async function openLocation(location: StoreLocation, role: 'source' | 'target'): Promise<EventStore> {
  if (location.kind === 'eventstoredb') {
    // A target is written: like a server, it holds the writer lease, so it cannot race a running writer.
    const { connectEventStoreDb } = await import('../composition/openEventStoreDb.ts');
    return connectEventStoreDb(location.connectionString, { role: role === 'source' ? 'replica' : 'writer' });
  }
  if (role === 'source' && !existsSync(location.file)) throw new MigrationError('SOURCE_NOT_FOUND', `no SQLite ledger at ${location.file}`);
  return SqliteEventStore.open(location.file, { readonly: role === 'source' });
}
