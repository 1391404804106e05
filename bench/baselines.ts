import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { newEventId } from '../src/commandHandling/newEventId.ts';
import { configureWriter, EVENT_COLUMNS, migrate, type EventRow } from '../src/eventStore/sqliteSchema.ts';
import { msSince } from './stats.ts';
import { itemEvent } from './synthetic.ts';

/**
 * What the machine can do without the ledger: the yardsticks each ledger figure is divided by.
 * Rows have the ledger's schema (same table, indexes and row size: a handover item with its
 * metadata and two hashes), written by a bare prepared statement.
 */

function rawRow(n: number): unknown[] {
  const item = itemEvent('tr-100000-2018', n);
  const hash = createHash('sha256').update(String(n)).digest('hex');
  // The ledger's own id scheme (time-ordered UUIDv7), so that the index does the same work.
  return [newEventId(), `transition-${n % 1000}`, BigInt(Math.floor(n / 1000)), item.type, 1, JSON.stringify(item.data),
    '2019-03-02T12:00:00.000Z', 'bench', '{"role":"registrar"}', hash, hash];
}

function openRaw(file: string): { db: Database.Database; insert: Database.Statement } {
  const db = new Database(file);
  db.defaultSafeIntegers(true);
  configureWriter(db); // WAL, synchronous=FULL: the ledger's durability
  migrate(db);
  const insert = db.prepare(`INSERT INTO events (id, stream, revision, type, schema_version, data, recorded_at, actor, metadata, prev_hash, hash)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  return { db, insert };
}

/** Raw insert: `count` rows in one transaction through one prepared statement. Rows per second. */
export function rawInsertRate(file: string, count: number): number {
  const { db, insert } = openRaw(file);
  const rows = Array.from({ length: count }, (_, i) => rawRow(i));
  const start = process.hrtime.bigint();
  db.transaction(() => {
    for (const row of rows) insert.run(...row);
  })();
  const ms = msSince(start);
  db.close();
  return count / (ms / 1000);
}

/** Raw single commit: `count` rows, each its own durable transaction (WAL, synchronous=FULL). Commits per second. */
export function rawSingleCommitRate(file: string, count: number): number {
  const { db, insert } = openRaw(file);
  const rows = Array.from({ length: count }, (_, i) => rawRow(i));
  const start = process.hrtime.bigint();
  for (const row of rows) insert.run(...row);
  const ms = msSince(start);
  db.close();
  return count / (ms / 1000);
}

/** Raw read: every row of a ledger file, in position order, every column. Rows per second. */
export function rawReadRate(file: string): number {
  const db = new Database(file, { readonly: true });
  db.defaultSafeIntegers(true);
  const start = process.hrtime.bigint();
  let count = 0;
  for (const _row of db.prepare(`SELECT ${EVENT_COLUMNS} FROM events ORDER BY position`).iterate()) count++;
  const ms = msSince(start);
  db.close();
  return count / (ms / 1000);
}

/** JSON.parse of data and metadata plus one SHA-256 over the row's fields, for every row already in memory. Rows per second. */
export function parseAndHashRate(file: string, limit = 200_000): number {
  const db = new Database(file, { readonly: true });
  db.defaultSafeIntegers(true);
  const rows = db.prepare<[number], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events ORDER BY position LIMIT ?`).all(limit);
  db.close();
  const start = process.hrtime.bigint();
  let sink = 0;
  for (const row of rows) {
    const data = JSON.parse(row.data) as object;
    const metadata = JSON.parse(row.metadata) as object;
    const digest = createHash('sha256')
      .update(`${row.stream}|${row.revision}|${row.id}|${row.type}|${row.data}|${row.recorded_at}|${row.actor}|${row.metadata}|${row.prev_hash}`)
      .digest('hex');
    sink += digest.length + Object.keys(data).length + Object.keys(metadata).length;
  }
  const ms = msSince(start);
  if (sink === 0) throw new Error('unreachable');
  return rows.length / (ms / 1000);
}
