import Database from 'better-sqlite3';
import { advanceLedgerView, buildLedgerView, initialLedgerView, needsRebuild, type LedgerView } from '../../projections/ledgerView.ts';
import type { EventStore } from '../eventStore/eventStore.ts';
import type { StoredEvent } from '../records/storedEvent.ts';
import { LG_SNAPSHOT_FORMAT, LgSnapshots, type LgSnapshot } from './lgSnapshots.ts';
import { lgOfStreamName, lgScopeOf } from './lgScope.ts';
import { UNSEEN_BY_LOCAL_GOVERNMENT_VIEW } from '../../projections/localGovernmentView.ts';
import { readPositions } from './readPositions.ts';

/**
 * What the index file holds, checked at open: another value (a file of an earlier layout, or of
 * another snapshot encoding) makes it start over. `seen:1`: the lg_seen table (lastSeenOf).
 */
const INDEX_FORMAT = `${LG_SNAPSHOT_FORMAT};seen:1`;

/** Events indexed per transaction of a catch-up (each commit carries the checkpoint). */
const PAGE_SIZE = 5000;

/** A scoped fold: the view of the first `count` events that concern a local government. */
interface Fold {
  view: LedgerView;
  count: number;
}

/** The last event indexed. */
interface Checkpoint {
  position: bigint;
  hash: string;
}

export interface LgIndexOptions {
  /** Snapshot each local government's scoped fold after every this many of its events (lgSnapshots.ts). Default 64. */
  snapshotEvery?: number;
}

/**
 * A persistent index from each local government to the events that concern it (lgScope.ts), with a
 * checkpoint: the position and hash of the last event indexed, in the same transaction as the rows.
 * A point-in-time read of one local government then folds only its few hundred events, not the log,
 * and a restart resumes from the checkpoint instead of re-reading the log.
 *
 * The catch-up also keeps each local government's scoped fold (the view of its events alone) and
 * snapshots it every `snapshotEvery` of its events and after each retraction (lgSnapshots.ts), and
 * again over a stretch a backfill re-opened, so a read pinned at any past position folds fewer than
 * `snapshotEvery` events (scopedView). Only the folds of local governments
 * being indexed are in memory, their handover items reduced to the open tail (the rest is in
 * stored chunks), so memory stays flat in the log's length.
 *
 * It is a cache of the log, never a source of truth: a checkpoint that does not match the store (a
 * different or replaced ledger), or snapshots of another format, make it start over. Its own file is written with synchronous=NORMAL,
 * since anything lost in a crash is re-derived from the log on the next catch-up.
 */
export class LgIndex {
  private readonly stmts;
  /** stream → its linked local governments, read through: links are few (one or two per entity) and hot. */
  private readonly links = new Map<string, string[]>();
  private readonly snapshots: LgSnapshots;
  /** lg → its scoped fold through the last event indexed for it, and how many events that is. */
  private readonly folds = new Map<string, Fold>();
  /** The checkpoint as last committed (this connection is the file's only writer); null until read. */
  private saved: Checkpoint | undefined | null = null;

  private constructor(
    private readonly db: Database.Database,
    private readonly snapshotEvery: number,
  ) {
    this.snapshots = new LgSnapshots(db);
    this.stmts = {
      meta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      linksOf: db.prepare<[string], string>('SELECT lg_id FROM stream_lg WHERE stream = ?').pluck(),
      link: db.prepare('INSERT OR IGNORE INTO stream_lg (stream, lg_id) VALUES (?, ?)'),
      lgsOfEvent: db.prepare<[string], string>('SELECT lg_id FROM event_lg WHERE id = ?').pluck(),
      index: db.prepare('INSERT OR IGNORE INTO event_lg (lg_id, position, id) VALUES (?, ?, ?)'),
      eventsOf: db.prepare<[string, bigint], { position: bigint; id: string }>(
        'SELECT position, id FROM event_lg WHERE lg_id = ? AND position <= ? ORDER BY position',
      ),
      positionsBetween: db.prepare<[string, bigint, bigint], bigint>(
        'SELECT position FROM event_lg WHERE lg_id = ? AND position > ? AND position <= ? ORDER BY position',
      ).pluck(),
      isEventOf: db.prepare<[string, bigint], bigint>('SELECT 1 FROM event_lg WHERE lg_id = ? AND position = ?').pluck(),
      seen: db.prepare('INSERT OR IGNORE INTO lg_seen (lg_id, position) VALUES (?, ?)'),
      lastSeen: db.prepare<[string, bigint], bigint | null>('SELECT MAX(position) FROM lg_seen WHERE lg_id = ? AND position <= ?').pluck(),
    };
    if (this.stmts.meta.get('snapshotFormat')?.value !== INDEX_FORMAT) this.reset();
  }

  /** Opens (creating) the index at `file`; `:memory:` keeps it for the life of the process only. */
  static open(file: string, options: LgIndexOptions = {}): LgIndex {
    const db = new Database(file);
    db.defaultSafeIntegers(true);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(`
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS stream_lg (stream TEXT NOT NULL, lg_id TEXT NOT NULL, PRIMARY KEY (stream, lg_id)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS event_lg (lg_id TEXT NOT NULL, position INTEGER NOT NULL, id TEXT NOT NULL, PRIMARY KEY (lg_id, position)) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS event_lg_id ON event_lg (id);
      CREATE TABLE IF NOT EXISTS lg_seen (lg_id TEXT NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (lg_id, position)) WITHOUT ROWID;`);
    return new LgIndex(db, options.snapshotEvery ?? 64);
  }

  /** The last event indexed, or undefined before the first. */
  checkpoint(): Checkpoint | undefined {
    if (this.saved === null) {
      const position = this.stmts.meta.get('checkpointPosition')?.value;
      const hash = this.stmts.meta.get('checkpointHash')?.value;
      this.saved = position === undefined || hash === undefined ? undefined : { position: BigInt(position), hash };
    }
    return this.saved;
  }

  /** Drops everything when the checkpoint is not an event of `store` (another ledger, or a rewritten one). */
  async validateAgainst(store: EventStore): Promise<void> {
    const checkpoint = this.checkpoint();
    if (!checkpoint) return;
    let found: StoredEvent | undefined;
    for await (const e of store.readAll({ from: checkpoint.position, limit: 1 })) found = e;
    if (found?.position === checkpoint.position && found.hash === checkpoint.hash) return;
    this.reset();
  }

  /** Everything dropped (to be indexed again from the first event), under the current snapshot format. */
  private reset(): void {
    this.db.exec('DELETE FROM meta; DELETE FROM stream_lg; DELETE FROM event_lg; DELETE FROM lg_seen; DELETE FROM lg_snapshot; DELETE FROM lg_spill;');
    this.stmts.setMeta.run('snapshotFormat', INDEX_FORMAT);
    this.saved = undefined;
    this.links.clear();
    this.folds.clear();
  }

  /**
   * Indexes every event after the checkpoint, committing every PAGE_SIZE events with the checkpoint.
   * The caller serializes catch-ups: this connection's transaction spans awaits. `head`: the store's
   * head as the caller just read it, if it did (one query less); the index is then at least there.
   */
  async catchUp(store: EventStore, head?: { position: bigint | undefined }): Promise<void> {
    const after = this.checkpoint()?.position;
    // At the head (a read between appends): one query of the store's head, no transaction and no read of the log.
    if (after !== undefined && (head ?? { position: await store.headPosition() }).position === after) return;
    let last: StoredEvent | undefined;
    let inPage = 0;
    this.db.exec('BEGIN');
    try {
      for await (const event of store.readAll({ after })) {
        await this.indexEvent(store, event);
        last = event;
        if (++inPage === PAGE_SIZE) {
          this.commit(last);
          inPage = 0;
          this.db.exec('BEGIN');
        }
      }
      if (last && inPage > 0) this.commit(last);
      else this.db.exec('ROLLBACK');
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      this.links.clear(); // it may hold links of the rolled-back page
      this.folds.clear(); // and folds of its events
      throw error;
    }
  }

  /** Positions and ids of the events that concern `lgId`, recorded at or before `upTo`, in log order. */
  eventsOf(lgId: string, upTo: bigint): Array<{ position: bigint; id: string }> {
    return this.stmts.eventsOf.all(lgId, upTo);
  }

  /**
   * The position of the last event at or before `upTo` (at most the checkpoint) that concerns `lgId`
   * and that localGovernmentView reads, or undefined when there is none: between two such events,
   * the local government's view is the same but for the position it is read at.
   */
  lastSeenOf(lgId: string, upTo: bigint): bigint | undefined {
    return this.stmts.lastSeen.get(lgId, upTo) ?? undefined;
  }

  /**
   * The view of the events that concern `lgId`, recorded at or before `upTo` (at most the
   * checkpoint), as buildLedgerView folds them with `{ atPosition: upTo }`: from the nearest snapshot,
   * or from zero when there is none, it is damaged, or a retraction lies after it (only in an index
   * written before the catch-up snapshotted every retraction: step).
   */
  async scopedView(store: EventStore, lgId: string, upTo: bigint): Promise<LedgerView> {
    return (await this.foldOf(store, lgId, upTo)).view;
  }

  close(): void {
    this.db.close();
  }

  /** The scoped fold of `lgId` through `upTo` and the number of its events it folded. */
  private async foldOf(store: EventStore, lgId: string, upTo: bigint): Promise<Fold> {
    const snapshot = this.snapshotOf(lgId, upTo);
    const after = await readPositions(store, this.stmts.positionsBetween.all(lgId, snapshot?.position ?? 0n, upTo));
    if (snapshot && !after.some(needsRebuild)) {
      let view = snapshot.view;
      for (const event of after) view = advanceLedgerView(view, event, {});
      return { view, count: snapshot.count + after.length };
    }
    // A retraction may hide a fact folded into the snapshot: only a fold from zero can take it back.
    const all = snapshot ? await readPositions(store, this.stmts.positionsBetween.all(lgId, 0n, upTo)) : after;
    return { view: all.length === 0 ? initialLedgerView() : buildLedgerView(all, { atPosition: upTo }), count: all.length };
  }

  /** The latest usable snapshot of `lgId` at or before `upTo`: one that decodes and names one of its events (backfills drop those they overtake). */
  private snapshotOf(lgId: string, upTo: bigint): LgSnapshot | undefined {
    try {
      const snapshot = this.snapshots.nearest(lgId, upTo);
      return snapshot && this.stmts.isEventOf.get(lgId, snapshot.position) !== undefined ? snapshot : undefined;
    } catch {
      return undefined; // damaged: fold from zero
    }
  }

  /** Folds `event` into the scoped fold of `lgId` (restored on first use). */
  private async fold(store: EventStore, lgId: string, event: StoredEvent): Promise<void> {
    const fold = this.folds.get(lgId) ?? (await this.restore(store, lgId, event.position - 1n));
    this.folds.set(lgId, await this.step(store, lgId, fold, event));
  }

  /**
   * The scoped fold of `lgId` through `upTo`, from its nearest snapshot, snapshotting on the way as
   * the catch-up would have: after a backfill dropped the snapshots it overtook, this writes them
   * again, so that reads pinned inside the backfilled stretch fold no more than after any other.
   */
  private async restore(store: EventStore, lgId: string, upTo: bigint): Promise<Fold> {
    const snapshot = this.snapshotOf(lgId, upTo);
    let fold: Fold = snapshot ?? { view: initialLedgerView(), count: 0 };
    for (const event of await readPositions(store, this.stmts.positionsBetween.all(lgId, snapshot?.position ?? 0n, upTo))) {
      fold = await this.step(store, lgId, fold, event);
    }
    return fold;
  }

  /**
   * `fold` with `event` folded in, snapshotted after every `snapshotEvery` events and after every
   * retraction: a retraction may hide a fact folded before it, which only a fold from zero takes
   * back, and a snapshot right after it spares the reads pinned after it that fold.
   */
  private async step(store: EventStore, lgId: string, fold: Fold, event: StoredEvent): Promise<Fold> {
    const count = fold.count + 1;
    const retraction = needsRebuild(event);
    let view = retraction ? await this.scopedView(store, lgId, event.position) : advanceLedgerView(fold.view, event, {});
    if (retraction || count % this.snapshotEvery === 0) view = this.snapshots.save(lgId, event.position, count, view);
    return { view, count };
  }

  private commit(last: StoredEvent): void {
    this.stmts.setMeta.run('checkpointPosition', last.position.toString());
    this.stmts.setMeta.run('checkpointHash', last.hash);
    this.db.exec('COMMIT');
    this.saved = { position: last.position, hash: last.hash };
  }

  private linksOf(stream: string): string[] {
    let lgIds = this.links.get(stream);
    if (lgIds === undefined) this.links.set(stream, (lgIds = this.stmts.linksOf.all(stream)));
    return lgIds;
  }

  private async indexEvent(store: EventStore, event: StoredEvent): Promise<void> {
    const scope = lgScopeOf(event);
    const backfilled = new Map<string, bigint>();
    for (const { stream, lgId } of scope.links) {
      if (this.stmts.link.run(stream, lgId).changes === 0) continue;
      this.links.delete(stream);
      // A new link to a stream that already has events: they concern this local government too.
      for (const earlier of await store.readStream(stream)) {
        if (earlier.position >= event.position || this.stmts.index.run(lgId, earlier.position, earlier.id).changes === 0) continue;
        this.markSeen(lgId, earlier);
        const from = backfilled.get(lgId);
        if (from === undefined || earlier.position < from) backfilled.set(lgId, earlier.position);
      }
    }
    // Its history changed from there on: snapshots and the fold in memory no longer describe it.
    for (const [lgId, from] of backfilled) {
      this.snapshots.dropFrom(lgId, from);
      this.folds.delete(lgId);
    }
    const lgs = new Set<string>();
    for (const stream of scope.streams) {
      const named = lgOfStreamName(stream);
      if (named !== undefined) lgs.add(named);
      for (const lgId of this.linksOf(stream)) lgs.add(lgId);
    }
    if (scope.retracts !== undefined) for (const lgId of this.stmts.lgsOfEvent.all(scope.retracts)) lgs.add(lgId);
    for (const lgId of lgs) {
      this.stmts.index.run(lgId, event.position, event.id);
      this.markSeen(lgId, event);
    }
    for (const lgId of lgs) await this.fold(store, lgId, event);
  }

  private markSeen(lgId: string, event: StoredEvent): void {
    if (!UNSEEN_BY_LOCAL_GOVERNMENT_VIEW.has(event.type)) this.stmts.seen.run(lgId, event.position);
  }
}
