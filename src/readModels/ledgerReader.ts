import { buildLedgerView, type LedgerView } from '../../projections/ledgerView.ts';
import type { PointInTime } from '../../projections/pointInTime.ts';
import type { EventStore, StoredEvent } from '../eventStore/eventStore.ts';

/**
 * Answers reads by folding the log with the pure projections. It keeps the events it has read so
 * far and reads only the new tail on each query: cheap for a regional ledger, and always exactly
 * the log (no second copy of the truth that could drift from it).
 */
export class LedgerReader {
  private events: StoredEvent[] = [];
  private live: { position: bigint | undefined; view: LedgerView } | undefined;

  constructor(private readonly store: EventStore) {}

  /** The events recorded so far, in order. */
  async log(): Promise<readonly StoredEvent[]> {
    const after = this.events.at(-1)?.position;
    for await (const e of this.store.readAll({ after })) this.events.push(e);
    return this.events;
  }

  async view(at: PointInTime = {}): Promise<LedgerView> {
    const events = await this.log();
    const head = events.at(-1)?.position;
    if (at.asOf === undefined && at.atPosition === undefined) {
      if (this.live?.position !== head || !this.live) this.live = { position: head, view: buildLedgerView(events) };
      return this.live.view;
    }
    return buildLedgerView(events, at);
  }
}
