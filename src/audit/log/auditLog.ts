import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { StoredEvent } from '../../records/storedEvent.ts';
import { leafHash, toHex } from '../merkle.ts';
import { MerkleNodeStore } from '../merkleNodeStore.ts';

/** What the audit log remembers of the event at one leaf. */
export interface AuditLeaf {
  /** 0-based leaf index: the event's place in the global order. */
  leafIndex: number;
  position: bigint;
  eventId: string;
  /** The event's hash as it was when the leaf was appended. */
  eventHash: string;
  type: string;
}

export const AUDIT_FILE_NAME = 'audit.sqlite';

interface LeafRow {
  leaf_index: number;
  position: string;
  event_id: string;
  event_hash: string;
  type: string;
}

/**
 * The ledger's Merkle log, kept in a sidecar SQLite file beside (never inside) the event store, so
 * it works alike for SQLite and EventStoreDB and no adapter changes. It holds the tree's perfect
 * subtrees (MerkleNodeStore) and, per leaf, the event it was made from: the audit log is thus also
 * an independent witness of each event's hash at the time it was first seen, which lets the server
 * notice an event re-hashed in the store after the fact.
 *
 * A leaf and its row are written in one transaction, so the last row is always the last leaf and
 * its position is where the follower resumes: nothing is skipped or appended twice across restarts.
 */
export class AuditLog {
  readonly nodes: MerkleNodeStore;
  private readonly stmts;
  private readonly appendTx;

  private constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS audit_leaves (
      leaf_index INTEGER PRIMARY KEY,
      position   TEXT    NOT NULL,
      event_id   TEXT    NOT NULL UNIQUE,
      event_hash TEXT    NOT NULL,
      type       TEXT    NOT NULL
    )`);
    // Witness cosignatures of the ledger's checkpoints: they arrive after the CheckpointSigned
    // event is recorded, and events are never updated, so they are kept here and added to the
    // note wherever it is served or exported.
    db.exec(`CREATE TABLE IF NOT EXISTS audit_cosignatures (
      tree_size INTEGER NOT NULL,
      root_hash TEXT    NOT NULL,
      line      TEXT    NOT NULL,
      PRIMARY KEY (tree_size, root_hash, line)
    )`);
    this.nodes = new MerkleNodeStore(db);
    this.stmts = {
      last: db.prepare<[], LeafRow>('SELECT * FROM audit_leaves ORDER BY leaf_index DESC LIMIT 1'),
      byId: db.prepare<[string], LeafRow>('SELECT * FROM audit_leaves WHERE event_id = ?'),
      page: db.prepare<[number, number], LeafRow>('SELECT * FROM audit_leaves WHERE leaf_index >= ? ORDER BY leaf_index LIMIT ?'),
      eventHashes: db.prepare<[number, number], string>('SELECT event_hash FROM audit_leaves WHERE leaf_index >= ? ORDER BY leaf_index LIMIT ?').pluck(),
      insert: db.prepare<[number, string, string, string, string]>(
        'INSERT INTO audit_leaves (leaf_index, position, event_id, event_hash, type) VALUES (?, ?, ?, ?, ?)',
      ),
      addCosignature: db.prepare<[number, string, string]>('INSERT OR IGNORE INTO audit_cosignatures (tree_size, root_hash, line) VALUES (?, ?, ?)'),
      cosignatures: db.prepare<[number, string], string>('SELECT line FROM audit_cosignatures WHERE tree_size = ? AND root_hash = ? ORDER BY rowid').pluck(),
      countSince: db.prepare<[number, string], number>('SELECT count(*) FROM audit_leaves WHERE leaf_index >= ? AND type <> ?').pluck(),
    };
    this.appendTx = db.transaction((events: readonly StoredEvent[]) => {
      const last = this.lastPosition();
      for (const e of events) {
        // The follower's guarantee, enforced where it matters: the global order only moves forward.
        if (last !== undefined && e.position <= last) throw new Error(`audit log: position ${e.position} is not after ${last}`);
        const index = this.nodes.append(e.hash);
        this.stmts.insert.run(index, e.position.toString(), e.id, e.hash, e.type);
      }
    });
  }

  /** Opens (creating) the audit log at `file`; `:memory:` for tests. */
  static open(file: string): AuditLog {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    // NORMAL: a crash may lose the last leaves, never corrupt them; the follower re-appends them
    // from the store on the next start, since the resume position is lost with them.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    return new AuditLog(db);
  }

  /** Number of leaves. */
  size(): number {
    const last = this.stmts.last.get();
    return last ? last.leaf_index + 1 : 0;
  }

  /** Position of the last event appended, where the follower resumes; undefined when empty. */
  lastPosition(): bigint | undefined {
    const last = this.stmts.last.get();
    return last ? BigInt(last.position) : undefined;
  }

  /** Appends the events, in order, as the next leaves; all or none. */
  append(events: readonly StoredEvent[]): void {
    if (events.length > 0) this.appendTx(events);
  }

  leafOf(eventId: string): AuditLeaf | undefined {
    const row = this.stmts.byId.get(eventId);
    return row && toLeaf(row);
  }

  /** Leaves from `fromIndex` on, in order, read a page at a time. */
  *leaves(fromIndex = 0): Generator<AuditLeaf> {
    let next = fromIndex;
    for (;;) {
      const rows = this.stmts.page.all(next, 1000);
      for (const row of rows) yield toLeaf(row);
      if (rows.length < 1000) return;
      next = rows.at(-1)!.leaf_index + 1;
    }
  }

  /** The event hashes (hex) of leaves `fromIndex` … `fromIndex + count - 1`, fewer where the log ends: an entry bundle in one read. */
  eventHashes(fromIndex: number, count: number): string[] {
    return this.stmts.eventHashes.all(fromIndex, count);
  }

  /** Leaves at or after `fromIndex` whose event is not of type `exceptType`. */
  countSince(fromIndex: number, exceptType: string): number {
    return this.stmts.countSince.get(fromIndex, exceptType) ?? 0;
  }

  /** Records a witness's cosignature line of the checkpoint (treeSize, rootHash); idempotent. */
  addCosignature(treeSize: number, rootHash: string, line: string): void {
    this.stmts.addCosignature.run(treeSize, rootHash, line);
  }

  /** The cosignature lines recorded for a checkpoint, in arrival order. */
  cosignatures(treeSize: number, rootHash: string): string[] {
    return this.stmts.cosignatures.all(treeSize, rootHash);
  }

  /** Hex root of the first `treeSize` leaves. */
  rootHex(treeSize: number = this.size()): string {
    return toHex(this.nodes.root(treeSize));
  }

  /** The leaf hash of an event hash, hex, as the tree stores it. */
  static leafHashHex(eventHash: string): string {
    return toHex(leafHash(eventHash));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function toLeaf(row: LeafRow): AuditLeaf {
  return { leafIndex: row.leaf_index, position: BigInt(row.position), eventId: row.event_id, eventHash: row.event_hash, type: row.type };
}
