import { deserialize, serialize } from 'node:v8';
import type Database from 'better-sqlite3';
import { LEDGER_VIEW_VERSION, type LedgerView } from '../../projections/ledgerView.ts';
import { PersistentList } from '../../projections/persistentList.ts';
import { PersistentMap } from '../../projections/persistentMap.ts';
import { spillLedgerView } from '../../projections/spillLedgerView.ts';
import { cutOut, putBack } from './cutOut.ts';
import { SqliteListSpill } from './sqliteListSpill.ts';

/**
 * What a snapshot's encoding and the fold it stores are: a snapshot of another key is dropped with
 * the whole index (lgIndex.ts), never misread. Bump the first number when the encoding below changes
 * or when which snapshots an index holds does (2: one after every retraction, so an index written
 * before that is rebuilt rather than left folding from zero); the second is the fold's own version
 * (projections/ledgerView.ts).
 */
export const LG_SNAPSHOT_FORMAT = `2:${LEDGER_VIEW_VERSION}`;

/** Plain data with its persistent collections cut out, as in viewCheckpoint.ts. */
interface Encoded {
  value: unknown;
  holes: Hole[];
}
/** A spilled list names its rows in the spill (and keeps its first element); any other list or map is inline. */
type Hole =
  | [path: Array<string | number>, kind: 'spilled', listId: number, count: number, first: Encoded, rest: Encoded]
  | [path: Array<string | number>, kind: 'list', elements: Encoded]
  | [path: Array<string | number>, kind: 'map', entries: Encoded];

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
 * Handover items make most of a local government's state and never change once recorded, so they
 * are spilled as the live view's are (spillLedgerView.ts), to a spill of their own in this file:
 * each snapshot writes only the items folded since the previous one and names the rows, and the
 * items load only when a view reads them, so what a read decodes stays small as the history grows.
 * Bodies are not compressed: zlib's set-up per call cost more than decoding a whole body (measured).
 * A snapshot that cannot be decoded is an error the caller turns into a fold from zero. Spilled
 * rows are removed only with the whole index (those of dropped snapshots stay, unreferenced).
 */
export class LgSnapshots {
  private readonly stmts;
  private readonly spill: SqliteListSpill;

  constructor(db: Database.Database) {
    db.exec('CREATE TABLE IF NOT EXISTS lg_snapshot (lg_id TEXT NOT NULL, position INTEGER NOT NULL, count INTEGER NOT NULL, body BLOB NOT NULL, PRIMARY KEY (lg_id, position)) WITHOUT ROWID');
    this.spill = new SqliteListSpill(db, 'lg_spill');
    this.stmts = {
      nearest: db.prepare<[string, bigint], { position: bigint; count: bigint; body: Buffer }>(
        'SELECT position, count, body FROM lg_snapshot WHERE lg_id = ? AND position <= ? ORDER BY position DESC LIMIT 1',
      ),
      put: db.prepare('INSERT OR REPLACE INTO lg_snapshot (lg_id, position, count, body) VALUES (?, ?, ?, ?)'),
      dropFrom: db.prepare('DELETE FROM lg_snapshot WHERE lg_id = ? AND position >= ?'),
    };
  }

  /** The latest snapshot of `lgId` at or before `upTo`, decoded (its items load when read); throws when it is damaged. */
  nearest(lgId: string, upTo: bigint): LgSnapshot | undefined {
    const row = this.stmts.nearest.get(lgId, upTo);
    if (!row) return undefined;
    return { position: row.position, count: Number(row.count), view: this.decode(deserialize(row.body) as Encoded) as LedgerView };
  }

  /**
   * Stores `view`, the fold of the first `count` events of `lgId` (the last at `position`). Returns
   * the same view with its items spilled (equal to it), to keep folding in memory without them.
   */
  save(lgId: string, position: bigint, count: number, view: LedgerView): LedgerView {
    const spilled = spillLedgerView(view, this.spill);
    this.stmts.put.run(lgId, position, count, serialize(this.encode(spilled)));
    return spilled;
  }

  /** Drops the snapshots of `lgId` from `position` on: events at or before them were added to its history (a backfill). */
  dropFrom(lgId: string, position: bigint): void {
    this.stmts.dropFrom.run(lgId, position);
  }

  private encode(value: unknown): Encoded {
    const holes: Hole[] = [];
    const cut = (v: object, path: ReadonlyArray<string | number>): boolean => {
      if (v instanceof PersistentList) {
        const spilled = (v as PersistentList<unknown>).spilledIn();
        if (spilled?.spill === this.spill) holes.push([path.slice(), 'spilled', spilled.listId, spilled.count, this.encode(spilled.first), this.encode(spilled.rest)]);
        else holes.push([path.slice(), 'list', this.encode(v.toArray())]);
        return true;
      }
      if (v instanceof PersistentMap) {
        holes.push([path.slice(), 'map', this.encode((v as PersistentMap<unknown>).entries())]);
        return true;
      }
      return false;
    };
    const cutValue = cutOut(value, cut, 'lg snapshot');
    return { value: cutValue, holes };
  }

  private decode({ value, holes }: Encoded): unknown {
    let root = value;
    for (const hole of holes) {
      const collection =
        hole[1] === 'map' ? PersistentMap.fromEntries(this.decode(hole[2]) as Array<[string, unknown]>)
        : hole[1] === 'list' ? PersistentList.fromArray(this.decode(hole[2]) as unknown[])
        : PersistentList.spilled({ spill: this.spill, listId: hole[2], count: hole[3], first: this.decode(hole[4]), rest: this.decode(hole[5]) as unknown[] });
      const path = hole[0];
      root = putBack(root, path, collection);
    }
    return root;
  }
}
