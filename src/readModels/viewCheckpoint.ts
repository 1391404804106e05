import { deserialize, serialize } from 'node:v8';
import Database from 'better-sqlite3';
import type { LedgerView } from '../../projections/ledgerView.ts';
import { PersistentList } from '../../projections/persistentList.ts';
import { PersistentMap } from '../../projections/persistentMap.ts';
import type { EventStore } from '../eventStore/eventStore.ts';
import { cutOut, putBack } from './cutOut.ts';
import { SqliteListSpill } from './sqliteListSpill.ts';

/** Bumped whenever the encoding below changes: a checkpoint of another format is ignored, not misread. */
const FORMAT = 3;

/** A persistent collection inside an entity with at least this many elements is stored out of line. */
const OUT_OF_LINE_MIN = 8;

/**
 * Plain data (what v8.serialize round-trips: objects, arrays, strings, numbers, bigints, undefined;
 * Map, Set and Date too, as leaves)
 * with its persistent collections cut out: each hole names where one was, its kind, its size, and
 * either its elements (encoded the same way) or the id of the part that stores them.
 */
interface Encoded {
  value: unknown;
  holes: Hole[];
}
type Hole =
  | [path: Array<string | number>, kind: 'list' | 'map', size: number, content: Encoded | number]
  // A list spilled to this file's ListSpill: the list id, how many elements it holds, and the first and resident ones.
  | [path: Array<string | number>, kind: 'spilled', size: number, content: [listId: number, count: number, firstAndRest: Encoded]];

/**
 * The live LedgerView saved to disk with the position and hash of the last event it folded, so a
 * restarted server resumes from it instead of folding the whole log again. Like the lg index it is
 * a cache of the log, never a source of truth: a checkpoint whose last event is not in the store
 * with that hash (another ledger, a rewritten one) or of another format is ignored.
 *
 * What a restart waits for is decoding, so the record read at start holds the view without the big
 * collections inside its entities (a transition's ~450 handover items, its decisions and
 * observations): those are parts of their own, decoded on the first read that needs them (a
 * dossier, the next item folded into that transition). The encoding is generic over plain data and
 * persistent collections, so a field added to an entity is saved without a change here.
 *
 * Parts are never rewritten: a save writes parts only for collections it has not stored before
 * (unchanged ones are the same objects, persistent structures share them) and deletes the parts no
 * checkpoint refers to, except those this process loaded, which lazy collections may still read.
 * Lists the reader spilled (spillLedgerView.ts) are in the same file already (sqliteListSpill.ts):
 * the checkpoint refers to their rows instead of copying them, so a save costs what changed.
 *
 * One reader owns the file at a time, as for the lg index.
 */
export class ViewCheckpoint {
  private readonly stmts;
  /** Collection → the part that stores it, for those loaded from or written to this file. */
  private readonly stored = new WeakMap<object, number>();
  /** Parts that exist in the file now. */
  private existing = new Set<number>();
  /** Parts loaded lazily by this process: kept while it runs, whatever the checkpoint refers to. */
  private readonly pinned = new Set<number>();

  /** Where the reader spills the live view's long lists; rows no checkpoint refers to are dropped at load. */
  readonly spill: SqliteListSpill;

  private constructor(private readonly db: Database.Database) {
    db.exec(`
      DROP TABLE IF EXISTS view_checkpoint;
      CREATE TABLE IF NOT EXISTS live_view (id INTEGER PRIMARY KEY CHECK (id = 1), format INTEGER NOT NULL, position TEXT NOT NULL, hash TEXT NOT NULL, parts TEXT NOT NULL, view BLOB NOT NULL);
      CREATE TABLE IF NOT EXISTS live_view_part (id INTEGER PRIMARY KEY, body BLOB NOT NULL);
    `);
    this.stmts = {
      head: db.prepare<[], { format: number; position: string; hash: string; parts: string }>('SELECT format, position, hash, parts FROM live_view WHERE id = 1'),
      view: db.prepare<[], { view: Buffer }>('SELECT view FROM live_view WHERE id = 1'),
      put: db.prepare('INSERT INTO live_view (id, format, position, hash, parts, view) VALUES (1, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET format = excluded.format, position = excluded.position, hash = excluded.hash, parts = excluded.parts, view = excluded.view'),
      part: db.prepare<[number], { body: Buffer }>('SELECT body FROM live_view_part WHERE id = ?'),
      addPart: db.prepare<[Buffer]>('INSERT INTO live_view_part (body) VALUES (?)'),
      partIds: db.prepare<[], { id: number }>('SELECT id FROM live_view_part'),
      dropParts: db.prepare<[string]>('DELETE FROM live_view_part WHERE id NOT IN (SELECT value FROM json_each(?))'),
    };
    this.existing = new Set(this.stmts.partIds.all().map((r) => r.id));
    this.spill = new SqliteListSpill(db);
  }

  /** Opens (creating) the checkpoint tables in `file`, beside the lg index's tables. */
  static open(file: string): ViewCheckpoint {
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    return new ViewCheckpoint(db);
  }

  /** The saved view, if its last event is still in `store` with the same hash; its big collections load on first use. */
  async load(store: EventStore): Promise<LedgerView | undefined> {
    const head = this.stmts.head.get();
    let found = false;
    if (head && head.format === FORMAT) {
      const position = BigInt(head.position);
      for await (const e of store.readAll({ after: position - 1n, limit: 1 })) found = e.position === position && e.hash === head.hash;
    }
    // Without a checkpoint the reader folds from nothing: every spilled row is garbage.
    if (!head || !found) {
      this.spill.keepOnly(new Map());
      return undefined;
    }
    // 1. Parts of earlier checkpoints that this one does not need are garbage (see the class note).
    const parts = JSON.parse(head.parts) as number[];
    this.dropPartsBut(parts);
    for (const id of parts) this.pinned.add(id);
    // 2. The record itself; each out-of-line collection becomes a lazy one that reads its part.
    const spilled = new Map<number, number>();
    const view = this.decode(deserialize(this.stmts.view.get()!.view) as Encoded, spilled) as LedgerView;
    // 3. Spilled rows past what the checkpoint refers to were written after it was saved: the fold redoes them.
    this.spill.keepOnly(spilled);
    return view;
  }

  /** Saves `view`, whose last folded event has `hash`. */
  save(view: LedgerView, hash: string): void {
    this.db.transaction(() => {
      const parts = new Set<number>();
      const encoded = this.encode(view, 0, parts);
      this.stmts.put.run(FORMAT, view.lastPosition.toString(), hash, JSON.stringify([...parts]), serialize(encoded));
      this.dropPartsBut([...parts, ...this.pinned]);
    })();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private dropPartsBut(keep: readonly number[]): void {
    this.stmts.dropParts.run(JSON.stringify(keep));
    const kept = new Set(keep);
    for (const id of this.existing) if (!kept.has(id)) this.existing.delete(id);
  }

  /**
   * `value` with its persistent collections cut out as holes. Collections of the view itself (depth
   * 0) stay in the record; those inside entities go to parts when large, reusing a part already
   * stored for the same collection object. Objects are copied only where a hole is cut.
   */
  private encode(value: unknown, depth: number, parts: Set<number>): Encoded {
    const holes: Hole[] = [];
    const cut = (v: object, path: ReadonlyArray<string | number>): boolean => {
      const spilled = v instanceof PersistentList ? v.spilledIn() : undefined;
      // Only in the record (entities of the view's own maps): rows a part referred to could be dropped at load before it is read.
      if (spilled !== undefined && spilled.spill === this.spill && depth <= 1) {
        holes.push([path.slice(), 'spilled', spilled.count + spilled.rest.length, [spilled.listId, spilled.count, this.encode([spilled.first, ...spilled.rest], depth + 1, parts)]]);
        return true;
      }
      if (v instanceof PersistentList || v instanceof PersistentMap) {
        holes.push([path.slice(), v instanceof PersistentList ? 'list' : 'map', v.size, this.encodeCollection(v, depth, parts)]);
        return true;
      }
      return false;
    };
    const cutValue = cutOut(value, cut, 'view checkpoint');
    return { value: cutValue, holes };
  }

  private encodeCollection(c: PersistentList<unknown> | PersistentMap<unknown>, depth: number, parts: Set<number>): Encoded | number {
    if (depth === 0 || c.size < OUT_OF_LINE_MIN) return this.encode(elementsOf(c), depth + 1, parts);
    let id = this.stored.get(c);
    if (id === undefined || !this.existing.has(id)) {
      id = Number(this.stmts.addPart.run(serialize(this.encode(elementsOf(c), depth + 1, parts))).lastInsertRowid);
      this.existing.add(id);
      this.stored.set(c, id);
    }
    parts.add(id);
    return id;
  }

  /** The value `encode` was given; `spilled` gains the spilled lists it refers to (list id → elements). */
  private decode({ value, holes }: Encoded, spilled: Map<number, number>): unknown {
    let root = value;
    for (const [path, kind, size, content] of holes) {
      let collection: PersistentList<unknown> | PersistentMap<unknown>;
      if (kind === 'spilled') {
        const [listId, count, firstAndRest] = content;
        const [first, ...rest] = this.decode(firstAndRest, spilled) as unknown[];
        spilled.set(listId, Math.max(count, spilled.get(listId) ?? 0));
        collection = PersistentList.spilled({ spill: this.spill, listId, count, first, rest });
      } else {
        collection = typeof content === 'number' ? this.lazy(kind, size, content, spilled) : build(kind, this.decode(content, spilled) as unknown[]);
      }
      root = putBack(root, path, collection);
    }
    return root;
  }

  private lazy(kind: 'list' | 'map', size: number, id: number, spilled: Map<number, number>): PersistentList<unknown> | PersistentMap<unknown> {
    const read = () => {
      const row = this.db.open ? this.stmts.part.get(id) : undefined;
      if (!row) throw new Error(`view checkpoint: part ${id} is not in the file any more`);
      return this.decode(deserialize(row.body) as Encoded, spilled) as never;
    };
    const collection = kind === 'list' ? PersistentList.lazy(size, read) : PersistentMap.lazy(size, read);
    this.stored.set(collection, id);
    return collection;
  }
}

function elementsOf(c: PersistentList<unknown> | PersistentMap<unknown>): unknown[] {
  return c instanceof PersistentList ? c.toArray() : c.entries();
}

function build(kind: 'list' | 'map', elements: unknown[]): PersistentList<unknown> | PersistentMap<unknown> {
  return kind === 'list' ? PersistentList.fromArray(elements) : PersistentMap.fromEntries(elements as Array<[string, unknown]>);
}
