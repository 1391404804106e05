import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import type Database from 'better-sqlite3';
import { LEDGER_VIEW_VERSION, type LedgerView } from '../../projections/ledgerView.ts';
import { PersistentList, type Chunk } from '../../projections/persistentList.ts';
import { PersistentMap } from '../../projections/persistentMap.ts';

/**
 * What a snapshot's encoding and the fold it stores are: a snapshot of another key is dropped with
 * the whole index (lgIndex.ts), never misread. Bump the first number when the encoding below changes;
 * the second is the fold's own version (projections/ledgerView.ts).
 */
export const LG_SNAPSHOT_FORMAT = `1:${LEDGER_VIEW_VERSION}`;

/**
 * Bodies are not compressed: zlib's per-call set-up costs more than a body's whole decoding, and a
 * pinned read decodes one body.
 */
const pack = (value: unknown): Buffer => serialize(value);
const unpack = (body: Buffer): unknown => deserialize(body);

/** Plain data with its persistent collections cut out, as in viewCheckpoint.ts. */
interface Encoded {
  value: unknown;
  holes: Hole[];
}
/** A list keeps its open tail inline and names its full chunks by the hash of their encoding; a map is inline. */
type Hole = [path: Array<string | number>, kind: 'list', size: number, tail: Encoded, chunks: string[]] | [path: Array<string | number>, kind: 'map', size: number, entries: Encoded];

/** A stored snapshot: the fold of the first `count` events that concern a local government, the last at `position`. */
export interface LgSnapshot {
  position: bigint;
  count: number;
  view: LedgerView;
}

/**
 * Snapshots of the scoped fold of one local government (LedgerReader.localGovernment): its view
 * after every K-th event that concerns it, in the lg index's file, so a read pinned at N decodes the
 * nearest snapshot at or before N and folds fewer than K events, whatever the length of its history.
 *
 * A snapshot is derived data, exactly the state a fold from zero reaches (test/integration/lgSnapshots.spec.ts).
 * Handover items make most of a local government's state and never change once recorded, so a
 * list's full chunks are stored once, by content (every later snapshot names the same chunks), and
 * load only when a view reads them: the state a read decodes stays small as the history grows.
 * A snapshot that cannot be decoded is an error the caller turns into a fold from zero; a chunk is
 * read (and checked against its hash) only when a view reads the items, and chunks are removed only
 * with the whole index.
 */
export class LgSnapshots {
  private readonly stmts;
  /** Chunk object → the hashes of its chain, oldest first (chunks are immutable and shared by later lists). */
  private readonly chainHashes = new WeakMap<object, string[]>();

  constructor(private readonly db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS lg_snapshot (lg_id TEXT NOT NULL, position INTEGER NOT NULL, count INTEGER NOT NULL, body BLOB NOT NULL, PRIMARY KEY (lg_id, position)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS lg_chunk (hash TEXT PRIMARY KEY, body BLOB NOT NULL) WITHOUT ROWID;`);
    this.stmts = {
      nearest: db.prepare<[string, bigint], { position: bigint; count: bigint; body: Buffer }>(
        'SELECT position, count, body FROM lg_snapshot WHERE lg_id = ? AND position <= ? ORDER BY position DESC LIMIT 1',
      ),
      put: db.prepare('INSERT OR REPLACE INTO lg_snapshot (lg_id, position, count, body) VALUES (?, ?, ?, ?)'),
      dropFrom: db.prepare('DELETE FROM lg_snapshot WHERE lg_id = ? AND position >= ?'),
      chunk: db.prepare<[string], Buffer>('SELECT body FROM lg_chunk WHERE hash = ?').pluck(),
      putChunk: db.prepare('INSERT OR IGNORE INTO lg_chunk (hash, body) VALUES (?, ?)'),
    };
  }

  /** The latest snapshot of `lgId` at or before `upTo`, decoded (its chunks lazy); throws when it is damaged. */
  nearest(lgId: string, upTo: bigint): LgSnapshot | undefined {
    const row = this.stmts.nearest.get(lgId, upTo);
    if (!row) return undefined;
    return { position: row.position, count: Number(row.count), view: this.decode(unpack(row.body) as Encoded) as LedgerView };
  }

  /** Stores `view`, the fold of the first `count` events of `lgId` (the last at `position`); returns it re-read, its chunks lazy, to keep in memory. */
  save(lgId: string, position: bigint, count: number, view: LedgerView): LedgerView {
    const encoded = this.encode(view);
    this.stmts.put.run(lgId, position, count, pack(encoded));
    // Decoded in place: encode copied every object on the way to a hole, so nothing of `view` is changed.
    return this.decode(encoded) as LedgerView;
  }

  /** Drops the snapshots of `lgId` from `position` on: events at or before them were added to its history (a backfill). */
  dropFrom(lgId: string, position: bigint): void {
    this.stmts.dropFrom.run(lgId, position);
  }

  private encode(value: unknown): Encoded {
    const holes: Hole[] = [];
    const path: Array<string | number> = [];
    const walk = (v: unknown): unknown => {
      if (v === null || typeof v !== 'object') return v;
      if (v instanceof PersistentList) {
        const { newest, tail } = (v as PersistentList<unknown>).layout();
        holes.push([path.slice(), 'list', v.size, this.encode(tail), this.hashesOf(newest)]);
        return null;
      }
      if (v instanceof PersistentMap) {
        holes.push([path.slice(), 'map', v.size, this.encode((v as PersistentMap<unknown>).entries())]);
        return null;
      }
      if (Array.isArray(v)) {
        let copy: unknown[] | undefined;
        for (let i = 0; i < v.length; i++) {
          path.push(i);
          const w = walk(v[i]);
          path.pop();
          if (w !== v[i]) (copy ??= v.slice())[i] = w;
        }
        return copy ?? v;
      }
      if (v instanceof Map || v instanceof Set || v instanceof Date) return v;
      const proto = Object.getPrototypeOf(v) as unknown;
      if (proto !== Object.prototype && proto !== null) throw new TypeError(`lg snapshot: cannot encode a ${(v as object).constructor?.name ?? 'non-plain object'}`);
      let copy: Record<string, unknown> | undefined;
      for (const key of Object.keys(v)) {
        const field = (v as Record<string, unknown>)[key];
        path.push(key);
        const w = walk(field);
        path.pop();
        if (w !== field) (copy ??= { ...(v as Record<string, unknown>) })[key] = w;
      }
      return copy ?? v;
    };
    return { value: walk(value), holes };
  }

  /** Hashes of a chunk chain, oldest first, storing the chunks not stored before (a lazy chain is always known). */
  private hashesOf(newest: Chunk<unknown> | undefined): string[] {
    if (newest === undefined) return [];
    const known = this.chainHashes.get(newest);
    if (known) return known;
    const hashes = [...this.hashesOf(newest.previous)];
    const body = pack(this.encode(newest.items));
    const hash = createHash('sha256').update(body).digest('base64url');
    this.stmts.putChunk.run(hash, body);
    hashes.push(hash);
    this.chainHashes.set(newest, hashes);
    return hashes;
  }

  private decode({ value, holes }: Encoded): unknown {
    let root = value;
    for (const hole of holes) {
      const collection = hole[1] === 'map' ? PersistentMap.fromEntries(this.decode(hole[3]) as Array<[string, unknown]>) : this.list(hole[2], this.decode(hole[3]) as unknown[], hole[4]);
      const path = hole[0];
      if (path.length === 0) root = collection;
      else {
        let target = root as Record<string | number, unknown>;
        for (let i = 0; i < path.length - 1; i++) target = target[path[i]!] as Record<string | number, unknown>;
        target[path.at(-1)!] = collection;
      }
    }
    return root;
  }

  private list(size: number, tail: unknown[], hashes: string[]): PersistentList<unknown> {
    const list = PersistentList.withLazyChunks(size, tail, () =>
      hashes.flatMap((hash) => {
        const body = this.db.open ? this.stmts.chunk.get(hash) : undefined;
        if (body === undefined || createHash('sha256').update(body).digest('base64url') !== hash) throw new Error(`lg snapshot: chunk ${hash} is missing or damaged`);
        return this.decode(unpack(body) as Encoded) as unknown[];
      }),
    );
    const { newest } = list.layout();
    if (newest) this.chainHashes.set(newest, hashes);
    return list;
  }
}
