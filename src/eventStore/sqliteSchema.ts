import type Database from 'better-sqlite3';
import type { StoredEvent } from '../records/storedEvent.ts';
import type { EventForFold } from '../records/eventForFold.ts';

/**
 * Schema of the SQLite event store, versioned with `PRAGMA user_version`. A migration is appended
 * to MIGRATIONS and never edited: a ledger file written by an older build must still open.
 */
const MIGRATIONS: readonly string[] = [
  // v1. AUTOINCREMENT so a position, once used, is never handed out again (not even after a deleted
  // tail), which keeps positions trustworthy as references in checkpoints and proofs.
  `CREATE TABLE events (
     position       INTEGER PRIMARY KEY AUTOINCREMENT,
     id             TEXT    NOT NULL UNIQUE,
     stream         TEXT    NOT NULL,
     revision       INTEGER NOT NULL,
     type           TEXT    NOT NULL,
     schema_version INTEGER NOT NULL,
     data           TEXT    NOT NULL,
     recorded_at    TEXT    NOT NULL,
     actor          TEXT    NOT NULL,
     metadata       TEXT    NOT NULL,
     prev_hash      TEXT    NOT NULL,
     hash           TEXT    NOT NULL,
     UNIQUE (stream, revision)
   );
   CREATE INDEX events_type_position ON events (type, position);`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Sets the pragmas a writer needs. WAL lets readers (the API, a subscription) run beside the one writer. */
export function configureWriter(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  // FULL: a commit returns only after the WAL is fsync'd, so an acknowledged append survives power loss.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Appends across many streams insert into the (stream, revision) index (and, for client-chosen
  // ids, the id index) at scattered pages; with SQLite's default 2 MiB page cache a ledger of a few
  // hundred thousand events re-reads index pages on nearly every insert, and appends slow down as it
  // grows (measured: 25k → 16k ev/s over three 100k-event rounds; steady at 25k with 64 MiB).
  db.pragma('cache_size = -65536');
}

export function configureReader(db: Database.Database): void {
  db.pragma('busy_timeout = 5000');
}

/** Brings the file up to SCHEMA_VERSION, each migration in its own transaction. */
export function migrate(db: Database.Database): void {
  const current = Number(db.pragma('user_version', { simple: true }));
  assertKnownVersion(current);
  for (let v = current; v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}

/** A read-only store cannot migrate: it must find the file already at the current version. */
export function assertCurrentSchema(db: Database.Database): void {
  const current = Number(db.pragma('user_version', { simple: true }));
  assertKnownVersion(current);
  if (current !== SCHEMA_VERSION) {
    throw new Error(`Ledger file is at schema version ${current}; open it once read-write to migrate to ${SCHEMA_VERSION}`);
  }
}

function assertKnownVersion(version: number): void {
  if (version > SCHEMA_VERSION) {
    throw new Error(`Ledger file has schema version ${version}, newer than this build understands (${SCHEMA_VERSION})`);
  }
}

/** Column list shared by every read, in the order of EventRow. */
export const EVENT_COLUMNS =
  'position, id, stream, revision, type, schema_version, data, recorded_at, actor, metadata, prev_hash, hash';

/** A row as better-sqlite3 returns it with safe integers on. */
export interface EventRow {
  position: bigint;
  id: string;
  stream: string;
  revision: bigint;
  type: string;
  schema_version: bigint;
  data: string;
  recorded_at: string;
  actor: string;
  metadata: string;
  prev_hash: string;
  hash: string;
}

/**
 * A row as a statement in `.raw()` mode returns it: the columns of EVENT_COLUMNS, in that order.
 * Bulk reads use it because better-sqlite3 builds arrays ~1.6× faster than keyed objects.
 */
export type EventTuple = [
  position: bigint, id: string, stream: string, revision: bigint, type: string, schemaVersion: bigint,
  data: string, recordedAt: string, actor: string, metadata: string, prevHash: string, hash: string,
];

export function tupleToEvent(t: EventTuple): StoredEvent {
  return {
    id: t[1],
    stream: t[2],
    revision: t[3],
    position: t[0],
    type: t[4],
    schemaVersion: Number(t[5]),
    data: JSON.parse(t[6]) as unknown,
    recordedAt: t[7],
    actor: t[8],
    metadata: JSON.parse(t[9]) as Record<string, string>,
    prevHash: t[10],
    hash: t[11],
  };
}

/** A row of the fold's read (readAllForFold): position, type, schema_version, data. */
export type FoldTuple = [position: bigint, type: string, schemaVersion: bigint, data: string];

export function foldTupleToEvent(t: FoldTuple): EventForFold {
  return { position: t[0], type: t[1], schemaVersion: Number(t[2]), data: JSON.parse(t[3]) as unknown };
}

export function rowToEvent(row: EventRow): StoredEvent {
  return {
    id: row.id,
    stream: row.stream,
    revision: row.revision,
    position: row.position,
    type: row.type,
    schemaVersion: Number(row.schema_version),
    data: JSON.parse(row.data) as unknown,
    recordedAt: row.recorded_at,
    actor: row.actor,
    metadata: JSON.parse(row.metadata) as Record<string, string>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
