import { StoreUnavailableError } from '../errors/storeUnavailableError.ts';

/**
 * SQLite result codes that mean "the store cannot do this now", as opposed to a bug or a rule.
 * Extended codes (SQLITE_IOERR_FSYNC, SQLITE_READONLY_DBMOVED, SQLITE_BUSY_SNAPSHOT…) share the
 * primary code's prefix, so prefixes are matched.
 */
const UNAVAILABLE_PREFIXES = [
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_READONLY',
  'SQLITE_FULL',
  'SQLITE_IOERR',
  'SQLITE_CANTOPEN',
  'SQLITE_CORRUPT',
  'SQLITE_NOTADB',
  'SQLITE_PROTOCOL',
  'SQLITE_NOLFS',
] as const;

/** True when `error` is a SQLite failure of the storage itself (disk, lock, permissions, file). */
export function isStorageFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && UNAVAILABLE_PREFIXES.some((p) => code === p || code.startsWith(`${p}_`))) return true;
  // better-sqlite3 throws a plain TypeError once its connection is closed.
  return error instanceof TypeError && /database connection is not open/i.test(error.message);
}

/**
 * Translates a storage failure into the port's StoreUnavailableError (cause kept for the logs);
 * anything else is returned unchanged, so ledger errors and bugs keep their own identity.
 */
export function translateSqliteError(error: unknown, doing: string): unknown {
  if (!isStorageFailure(error)) return error;
  const code = (error as { code?: unknown }).code;
  const reason = typeof code === 'string' ? code : 'the connection is closed';
  return new StoreUnavailableError(`The event store cannot ${doing} (${reason})`, 5, { cause: error });
}
