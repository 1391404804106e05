import {
  buildLedgerView, buildLedgerViewFromStream, evolveLedgerView, needsRebuild, type LedgerView,
} from '../../projections/ledgerView.ts';
import type { PointInTime } from '../../projections/pointInTime.ts';
import type { EventStore } from '../eventStore/eventStore.ts';
import type { StoredEvent } from '../records/storedEvent.ts';
import { LgIndex } from './lgIndex.ts';

export interface LedgerReaderOptions {
  /**
   * File of the local-government index and its checkpoint (lgIndex.ts). Default `:memory:`: correct,
   * but rebuilt from the log at each start; servers pass a file next to the ledger.
   */
  indexFile?: string;
}

/**
 * Answers reads by folding the log with the pure projections, without holding the log in memory:
 * - the live view (no point in time) is folded once, streamed, then kept up to date event by event
 *   (a retraction makes it re-fold from the log, see needsRebuild);
 * - a point-in-time read of one local government folds only the events that concern it, found in
 *   the persistent lg index, so its cost depends on that local government, not on the log's length;
 * - other point-in-time reads (lists, the budget) stream the log up to the position asked.
 */
export class LedgerReader {
  private live: LedgerView | undefined;
  private readonly index: LgIndex;
  /** Serializes catch-ups: the index's transaction spans awaits, and the live fold must not interleave. */
  private pending: Promise<void> = Promise.resolve();
  private validated = false;

  constructor(
    private readonly store: EventStore,
    options: LedgerReaderOptions = {},
  ) {
    this.index = LgIndex.open(options.indexFile ?? ':memory:');
  }

  /** The view of the whole ledger at `at`. */
  async view(at: PointInTime = {}): Promise<LedgerView> {
    if (at.asOf === undefined && at.atPosition === undefined) {
      await this.serialized(() => this.catchUpLive());
      return this.live!;
    }
    return buildLedgerViewFromStream(() => this.store.readAll({ upTo: at.atPosition }), at);
  }

  /**
   * A view that holds everything localGovernmentView and inheritedPlansView need about `lgId` at `at`
   * (and possibly more), equal for those views to `view(at)`. Entities of other local governments are
   * missing, so it must not be used for lists or totals.
   */
  async localGovernment(lgId: string, at: PointInTime = {}): Promise<LedgerView> {
    if (at.asOf === undefined && at.atPosition === undefined) return this.view(at);
    await this.catchUpIndex();
    const indexed = this.index.checkpoint()?.position ?? 0n;
    const upTo = at.atPosition === undefined || at.atPosition > indexed ? indexed : at.atPosition;
    const events: StoredEvent[] = [];
    for (const { position } of this.index.eventsOf(lgId, upTo)) {
      // By position, not id: one seek in the log's primary key instead of two (id index, then row).
      for await (const event of this.store.readAll({ from: position, limit: 1 })) events.push(event);
    }
    // The log was read up to `upTo`, even if the last events concerned others.
    return { ...buildLedgerView(events, { ...at, atPosition: upTo }), lastPosition: upTo };
  }

  /** Brings the lg index up to the head of the log (at start-up: from its persisted checkpoint). */
  async catchUpIndex(): Promise<void> {
    await this.serialized(async () => {
      if (!this.validated) {
        await this.index.validateAgainst(this.store);
        this.validated = true;
      }
      await this.index.catchUp(this.store);
    });
  }

  async close(): Promise<void> {
    await this.pending;
    this.index.close();
  }

  private async catchUpLive(): Promise<void> {
    let view = this.live;
    const after = view?.lastPosition;
    for await (const event of this.store.readAll({ after })) {
      if (view === undefined || needsRebuild(event)) {
        view = await buildLedgerViewFromStream(() => this.store.readAll({ upTo: event.position }));
      } else {
        view = evolveLedgerView(view, event);
      }
    }
    this.live = view ?? (await buildLedgerViewFromStream(() => this.store.readAll()));
  }

  private serialized(run: () => Promise<void>): Promise<void> {
    const next = this.pending.then(run);
    this.pending = next.catch(() => undefined);
    return next;
  }
}
