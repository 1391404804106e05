import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/** The latest checkpoint a witness cosigned for one origin. */
export interface WitnessedTree {
  treeSize: number;
  /** Lowercase hex. */
  rootHash: string;
}

/**
 * A witness's durable memory: per origin, the latest tree it cosigned. SQLite with
 * `synchronous = FULL`, so a commit is on disk before it returns; the compare-and-set runs in an
 * IMMEDIATE transaction, so two requests (or two processes on one file) can never both move the
 * same origin from the same size, which is the race tlog-witness warns of.
 */
export class WitnessState {
  private readonly stmts;

  private constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS witnessed (
      origin    TEXT PRIMARY KEY,
      tree_size INTEGER NOT NULL,
      root_hash TEXT    NOT NULL
    )`);
    this.stmts = {
      get: db.prepare<[string], { tree_size: number; root_hash: string }>('SELECT tree_size, root_hash FROM witnessed WHERE origin = ?'),
      upsert: db.prepare<[string, number, string]>('INSERT INTO witnessed (origin, tree_size, root_hash) VALUES (?, ?, ?) ON CONFLICT (origin) DO UPDATE SET tree_size = excluded.tree_size, root_hash = excluded.root_hash'),
    };
  }

  static open(file: string): WitnessState {
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    return new WitnessState(db);
  }

  latest(origin: string): WitnessedTree | undefined {
    const row = this.stmts.get.get(origin);
    return row && { treeSize: row.tree_size, rootHash: row.root_hash };
  }

  /**
   * Runs `decide` on the stored tree and, when it returns a new tree, stores it, all in one
   * durable transaction. Returns what `decide` returned.
   */
  update<T extends { store?: WitnessedTree }>(origin: string, decide: (current: WitnessedTree | undefined) => T): T {
    return this.db.transaction(() => {
      const result = decide(this.latest(origin));
      if (result.store) this.stmts.upsert.run(origin, result.store.treeSize, result.store.rootHash);
      return result;
    }).immediate();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
