import {
  advanceLedgerView, buildLedgerView, buildLedgerViewFromStream, evolveLedgerView, evolveLedgerViewAll, needsRebuild, type LedgerView,
} from '../../projections/ledgerView.ts';
import type { PointInTime } from '../../projections/pointInTime.ts';
import type { EventStore } from '../eventStore/eventStore.ts';
import type { StoredEvent } from '../records/storedEvent.ts';
import { LgIndex } from './lgIndex.ts';
import { Lru } from './lru.ts';
import { readPositions } from './readPositions.ts';
import { SqliteListSpill } from './sqliteListSpill.ts';
import { ViewCheckpoint } from './viewCheckpoint.ts';
import { spillLedgerView } from '../../projections/spillLedgerView.ts';

export interface LedgerReaderOptions {
  /**
   * File of the local-government index, its checkpoint (lgIndex.ts) and the live view's checkpoint
   * (viewCheckpoint.ts). Default `:memory:`: correct, but rebuilt from the log at each start; servers
   * pass a file next to the ledger.
   */
  indexFile?: string;
  /** Save the live view once it has folded this many events since the last save (and on close). Default 100,000. */
  checkpointEveryEvents?: number;
  /** Keep a version of the live view every this many events, for `atPosition` reads. Default 10,000. */
  versionEveryEvents?: number;
  /** Snapshot a local government's scoped fold every this many of its events (lgIndex.ts). Default 64. */
  snapshotEveryEvents?: number;
  /**
   * Move the handover items folded since the last time to the index file (spillLedgerView.ts) every
   * this many events, and at every version kept, so a fold holds at most this many of them in the
   * JS heap whatever the log's length. Default 10,000.
   */
  spillEveryEvents?: number;
}

/** Versions kept of the live view; past it, every other one is dropped and the spacing doubles. */
const MAX_VERSIONS = 128;

/**
 * Answers reads by folding the log with the pure projections, without holding the log in memory,
 * and without folding it per request:
 * - the live view (no point in time) is folded once, streamed, then kept up to date event by event
 *   (a retraction makes it re-fold from the log, see needsRebuild). It is checkpointed to the index
 *   file, so a restart resumes from the checkpoint instead of re-folding the log;
 * - its persistent maps share everything unchanged, so keeping a version every `versionEveryEvents`
 *   is cheap: an `atPosition` read folds only from the nearest version before it;
 * - an `asOf` read of the whole ledger at the head is kept like the live view, brought forward event
 *   by event (a few dates, least recently used dropped); other point-in-time views are memoized,
 *   since a view pinned by `atPosition` never changes;
 * - a point-in-time read of one local government folds only the events that concern it, found in
 *   the persistent lg index, so its cost depends on that local government, not on the log's length;
 *   pinned by `atPosition` alone, it starts from the index's nearest snapshot of that fold and folds
 *   fewer than 64 events, so its cost does not grow with that local government's history either;
 * - what grows with the log (handover items) is spilled to the index file as it is folded (to a
 *   temporary file without one) and read back when a read needs it, so memory does not grow with it.
 */
export class LedgerReader {
  private live: LedgerView | undefined;
  private savedAt = 0n;
  private readonly index: LgIndex;
  private readonly checkpoint: ViewCheckpoint | undefined;
  private readonly versions: LedgerView[] = [];
  private versionEvery: bigint;
  private readonly checkpointEvery: bigint;
  private readonly spill: SqliteListSpill;
  private readonly spillEvery: bigint;
  private spilledAt = 0n;
  /** asOf → the view at that date as of the head, brought forward with the live view. */
  private readonly asOfAtHead = new Lru<string, LedgerView>(4);
  /** Views pinned by `atPosition` (at or before the head): they never change. */
  private readonly pinned = new Lru<string, LedgerView>(16);
  /** Serializes catch-ups: the index's transaction spans awaits, and the live fold must not interleave. */
  private pending: Promise<void> = Promise.resolve();
  private validated = false;

  constructor(
    private readonly store: EventStore,
    options: LedgerReaderOptions = {},
  ) {
    const file = options.indexFile ?? ':memory:';
    this.index = LgIndex.open(file, { snapshotEvery: options.snapshotEveryEvents });
    this.checkpoint = file === ':memory:' ? undefined : ViewCheckpoint.open(file);
    this.checkpointEvery = BigInt(options.checkpointEveryEvents ?? 100_000);
    this.versionEvery = BigInt(options.versionEveryEvents ?? 10_000);
    this.spill = this.checkpoint?.spill ?? SqliteListSpill.temporary();
    this.spillEvery = BigInt(options.spillEveryEvents ?? 10_000);
  }

  /** The view of the whole ledger at `at`. */
  async view(at: PointInTime = {}): Promise<LedgerView> {
    await this.serialized(() => this.catchUpLive());
    const live = this.live!;
    const pinnedAtHead = at.atPosition !== undefined && at.atPosition >= live.lastPosition;
    if (at.asOf === undefined && (at.atPosition === undefined || pinnedAtHead)) return live;
    if (at.atPosition === undefined || pinnedAtHead) {
      let view: LedgerView | undefined;
      await this.serialized(async () => {
        view = await this.asOfView(at.asOf!);
      });
      return view!;
    }
    const key = `${at.asOf ?? ''}@${at.atPosition}`;
    const memo = this.pinned.get(key);
    if (memo) return memo;
    const view = at.asOf === undefined ? await this.fromVersion(at.atPosition) : await this.rebuild(at.atPosition, at);
    this.pinned.set(key, view);
    return view;
  }

  /**
   * A view that holds everything localGovernmentView and inheritedPlansView need about `lgId` at `at`
   * (and possibly more), equal for those views to `view(at)`. Entities of other local governments are
   * missing, so it must not be used for lists or totals. `head`: the store's head as the caller read
   * it, if it did.
   */
  async localGovernment(lgId: string, at: PointInTime = {}, head?: { position: bigint | undefined }): Promise<LedgerView> {
    if (at.asOf === undefined && at.atPosition === undefined) return this.view(at);
    await this.catchUpIndex(head);
    const indexed = this.index.checkpoint()?.position ?? 0n;
    const upTo = at.atPosition === undefined || at.atPosition > indexed ? indexed : at.atPosition;
    // The log was read up to `upTo`, even if the last events concerned others.
    if (at.asOf === undefined) return { ...(await this.index.scopedView(this.store, lgId, upTo)), lastPosition: upTo };
    const events = await readPositions(this.store, this.index.eventsOf(lgId, upTo).map((e) => e.position));
    return { ...buildLedgerView(events, { ...at, atPosition: upTo }), lastPosition: upTo };
  }

  /**
   * Where a read of `lgId` pinned at `atPosition` stands: `upTo`, the position it is answered at
   * (`atPosition`, or the indexed head if that is earlier), and `lastSeen`, the last event at or
   * before it that concerns `lgId` and that localGovernmentView reads (undefined: none). Two reads
   * with the same `lastSeen` have the same view of `lgId` but for `upTo`. `head`: the store's head as
   * the caller read it for this read, if it did.
   */
  async pinnedLocalGovernment(lgId: string, atPosition: bigint, head?: { position: bigint | undefined }): Promise<{ upTo: bigint; lastSeen: bigint | undefined }> {
    await this.catchUpIndex(head);
    const indexed = this.index.checkpoint()?.position ?? 0n;
    const upTo = atPosition > indexed ? indexed : atPosition;
    return { upTo, lastSeen: this.index.lastSeenOf(lgId, upTo) };
  }

  /**
   * The events that concern `lgId` (the one definition, lgScope.ts), recorded at or before `upTo`
   * (default: the head), in log order: what the changes API lists and what a report is vouched by.
   */
  async eventsConcerning(lgId: string, upTo?: bigint): Promise<StoredEvent[]> {
    await this.catchUpIndex();
    const indexed = this.index.checkpoint()?.position ?? 0n;
    const events: StoredEvent[] = [];
    for (const { id } of this.index.eventsOf(lgId, upTo === undefined || upTo > indexed ? indexed : upTo)) {
      const event = await this.store.getEvent(id);
      if (event) events.push(event);
    }
    return events;
  }

  /** Brings the lg index up to the head of the log (at start-up: from its persisted checkpoint), or to `head` as read by the caller. */
  async catchUpIndex(head?: { position: bigint | undefined }): Promise<void> {
    await this.serialized(async () => {
      if (!this.validated) {
        await this.index.validateAgainst(this.store);
        this.validated = true;
      }
      await this.index.catchUp(this.store, head);
    });
  }

  async close(): Promise<void> {
    await this.serialized(async () => {
      if (this.live && this.checkpoint && this.live.lastPosition > this.savedAt) await this.save();
    });
    if (this.checkpoint) this.checkpoint.close();
    else this.spill.close();
    this.index.close();
  }

  private async catchUpLive(): Promise<void> {
    let view = this.live;
    if (view === undefined && this.checkpoint) {
      view = await this.checkpoint.load(this.store);
      if (view) this.savedAt = view.lastPosition;
    }
    for await (const page of this.store.readAllForFold({ after: view?.lastPosition })) {
      // Folds runs of the page at once: up to the next event after which a version or spill is due
      // (keepVersion must see the view there) or before one that needs a rebuild.
      for (let i = 0; i < page.length; ) {
        const event = page[i]!;
        if (view === undefined || needsRebuild(event)) {
          view = this.keepVersion(await this.rebuild(event.position));
          i++;
          continue;
        }
        const end = this.runEnd(page, i);
        view = this.keepVersion(evolveLedgerViewAll(view, page, i, end));
        i = end;
      }
    }
    this.live = view ?? (await this.rebuild(undefined));
    if (this.checkpoint && this.live.lastPosition - this.savedAt >= this.checkpointEvery) await this.save();
  }

  /** Checkpoints the live view (spilled first) with the hash of its last event, read now: the fold reads no hashes. */
  private async save(): Promise<void> {
    const live = this.live!;
    let hash: string | undefined;
    for await (const e of this.store.readAll({ from: live.lastPosition, limit: 1 })) if (e.position === live.lastPosition) hash = e.hash;
    if (hash === undefined || this.checkpoint === undefined) return;
    this.live = this.spilled(live);
    this.checkpoint.save(this.live, hash);
    this.savedAt = this.live.lastPosition;
  }

  /**
   * Spills the live view when it is due, and keeps a version of it when one is due: spilled first,
   * so that versions never pin items in memory. Returns the view to fold on from.
   */
  private keepVersion(view: LedgerView): LedgerView {
    const last = this.versions.at(-1);
    const versionDue = last === undefined || view.lastPosition - last.lastPosition >= this.versionEvery;
    if (versionDue || view.lastPosition - this.spilledAt >= this.spillEvery) view = this.spilled(view);
    if (!versionDue) return view;
    this.versions.push(view);
    if (this.versions.length <= MAX_VERSIONS) return view;
    for (let i = this.versions.length - 2; i > 0; i -= 2) this.versions.splice(i, 1);
    this.versionEvery *= 2n;
    return view;
  }

  /**
   * The end (exclusive) of the run of `page` from `from` that the live fold may fold at once: it
   * stops after the first event at which keepVersion has something to do, and before the first that
   * needs a rebuild. Either is due at the same events as when folding one by one, since a version or
   * spill falls due at a position and positions only grow.
   */
  private runEnd(page: readonly { position: bigint; type: string }[], from: number): number {
    const last = this.versions.at(-1);
    if (last === undefined) return from + 1;
    const versionAt = last.lastPosition + this.versionEvery;
    const spillAt = this.spilledAt + this.spillEvery;
    const dueAt = versionAt < spillAt ? versionAt : spillAt;
    for (let i = from; i < page.length; i++) {
      const event = page[i]!;
      if (needsRebuild(event)) return i;
      if (event.position >= dueAt) return i + 1;
    }
    return page.length;
  }

  private spilled(view: LedgerView): LedgerView {
    this.spilledAt = view.lastPosition;
    return this.spill.batch(() => spillLedgerView(view, this.spill));
  }

  /**
   * The view at `at` up to `upTo` (default: the head), folded from the log, spilling as it goes: the
   * live view into the index file, any other into a temporary file of its own, deleted once that
   * view is dropped (so point-in-time reads leave nothing behind).
   */
  private rebuild(upTo: bigint | undefined, at: PointInTime = {}): Promise<LedgerView> {
    const live = at.asOf === undefined && at.atPosition === undefined;
    const target = live ? this.spill : SqliteListSpill.temporary();
    const spill = { everyEvents: Number(this.spillEvery), spill: (view: LedgerView) => target.batch(() => spillLedgerView(view, target)) };
    return buildLedgerViewFromStream(() => this.store.readAll(upTo === undefined ? {} : { upTo }), at, spill);
  }

  /** The view at `atPosition` (before the head): the nearest kept version before it, brought forward. */
  private async fromVersion(atPosition: bigint): Promise<LedgerView> {
    let view: LedgerView | undefined;
    for (const v of this.versions) if (v.lastPosition <= atPosition) view = v;
    if (view === undefined) return this.rebuild(atPosition, { atPosition });
    if (view.lastPosition === atPosition) return view;
    for await (const page of this.store.readAllForFold({ after: view.lastPosition, upTo: atPosition })) {
      for (const event of page) {
        // A retraction may hide a fact folded before the version: only a rebuild can take it back.
        if (needsRebuild(event)) return this.rebuild(atPosition, { atPosition });
        view = evolveLedgerView(view, event);
      }
    }
    return view;
  }

  /** The view at `asOf` as of the head, kept and brought forward like the live view. */
  private async asOfView(asOf: string): Promise<LedgerView> {
    const at = { asOf };
    let view = this.asOfAtHead.get(asOf);
    if (view === undefined) {
      const head = this.live!.lastPosition;
      view = await this.rebuild(head, at);
    } else {
      for await (const event of this.store.readAll({ after: view.lastPosition })) {
        view = needsRebuild(event)
          ? await this.rebuild(event.position, at)
          : advanceLedgerView(view, event, at);
      }
    }
    this.asOfAtHead.set(asOf, view);
    return view;
  }

  private serialized(run: () => Promise<void>): Promise<void> {
    const next = this.pending.then(run);
    this.pending = next.catch(() => undefined);
    return next;
  }
}
