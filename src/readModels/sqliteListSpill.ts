import Database from 'better-sqlite3';
import type { ListSpill } from '../../projections/listSpill.ts';
import { decodeRun, encodeRun } from './spillCodec.ts';

/**
 * The ListSpill of the live view, in a table of the reader's index file (or of an anonymous
 * temporary database when the reader has none): one row per spilled run of a list's elements,
 * keyed by the list and the index of its first element, encoded by spillCodec.ts (the elements are
 * plain data: strings, numbers, bigint positions).
 *
 * Rows are never changed, and none is deleted while the process runs: older versions of the view
 * (kept for `atPosition` reads) read the same rows. What no checkpoint refers to is dropped when a
 * checkpoint is loaded or a fold starts from nothing (`keepOnly`).
 */
const closeWhenUnreachable = new FinalizationRegistry<Database.Database>((db) => {
  if (db.open) db.close();
});

export class SqliteListSpill implements ListSpill {
  private readonly stmts;
  private nextId: number;

  /**
   * A spill in an anonymous temporary database, which SQLite deletes when it is closed: by `close`,
   * or once no list refers to the spill any more (a point-in-time view dropped from its cache).
   */
  static temporary(): SqliteListSpill {
    const db = new Database('');
    // Nothing of a temporary file outlives the process: a rollback journal in memory is all it needs.
    db.pragma('journal_mode = MEMORY');
    const spill = new SqliteListSpill(db);
    closeWhenUnreachable.register(spill, db);
    return spill;
  }

  /** `table`: its own table per user of one file (the live view's, the lg snapshots' in lgSnapshots.ts). */
  constructor(
    private readonly db: Database.Database,
    private readonly table = 'live_view_spill',
  ) {
    // A table made now is a rowid table with the key as its index: rows are runs of a list (kilobytes
    // each), which a WITHOUT ROWID table stores in its key's b-tree, and inserting them measured about
    // twice as slow. One made before keeps its layout: the statements below read and write either.
    db.exec(`CREATE TABLE IF NOT EXISTS ${table} (list INTEGER NOT NULL, seq INTEGER NOT NULL, body BLOB NOT NULL, PRIMARY KEY (list, seq))`);
    this.stmts = {
      insert: db.prepare<[number, number, Buffer]>(`INSERT INTO ${table} (list, seq, body) VALUES (?, ?, ?)`),
      read: db.prepare<[number, number], { seq: number; body: Buffer }>(`SELECT seq, body FROM ${table} WHERE list = ? AND seq < ? ORDER BY seq`),
      written: db.prepare<[number, number], number>(`SELECT 1 FROM ${table} WHERE list = ? AND seq >= ? LIMIT 1`).pluck(),
      copy: db.prepare<[number, number, number]>(`INSERT INTO ${table} (list, seq, body) SELECT ?, seq, body FROM ${table} WHERE list = ? AND seq < ?`),
      maxId: db.prepare<[], number | null>(`SELECT max(list) FROM ${table}`).pluck(),
      dropBetween: db.prepare<[number, number]>(`DELETE FROM ${table} WHERE list > ? AND list < ?`),
      dropFrom: db.prepare<[number, number]>(`DELETE FROM ${table} WHERE list = ? AND seq >= ?`),
      dropAfter: db.prepare<[number]>(`DELETE FROM ${table} WHERE list > ?`),
    };
    // Numbers, whatever the connection's default (the lg index's reads bigints).
    for (const stmt of Object.values(this.stmts)) stmt.safeIntegers(false);
    this.nextId = (this.stmts.maxId.get() ?? 0) + 1;
  }

  append(listId: number | undefined, from: number, elements: readonly unknown[]): number {
    let id = listId;
    if (id === undefined) id = this.nextId++;
    else if (this.stmts.written.get(id, from) !== undefined) {
      // Another list already wrote past `from` on this id (two folds branched from one view): copy the shared part.
      const copy = this.nextId++;
      this.stmts.copy.run(copy, id, from);
      id = copy;
    }
    if (elements.length > 0) this.stmts.insert.run(id, from, encodeRun(elements));
    return id;
  }

  read(listId: number, count: number): unknown[] {
    const out: unknown[] = [];
    for (const { body } of this.stmts.read.iterate(listId, count)) {
      for (const element of decodeRun(body)) out.push(element);
    }
    return out.length > count ? out.slice(0, count) : out;
  }

  /** Runs `spill` (several appends) in one transaction: one commit per pass, not per list. */
  batch<R>(spill: () => R): R {
    return this.db.transaction(spill)();
  }

  /** Closes the database: only for a temporary spill (one inside a checkpoint's file closes with it). */
  close(): void {
    if (this.db.open) this.db.close();
  }

  /**
   * Drops every row but elements [0, count) of the lists in `keep` (listId → count). Each delete is
   * a range of the primary key, so a load that keeps everything seeks once per list instead of
   * scanning the table (whose rows hold the items themselves: ~150 MB at 1M events).
   */
  keepOnly(keep: ReadonlyMap<number, number>): void {
    const ids = [...keep.keys()].sort((a, b) => a - b);
    this.db.transaction(() => {
      let previous = Number.MIN_SAFE_INTEGER;
      for (const id of ids) {
        this.stmts.dropBetween.run(previous, id);
        this.stmts.dropFrom.run(id, keep.get(id)!);
        previous = id;
      }
      this.stmts.dropAfter.run(previous);
    })();
  }
}
