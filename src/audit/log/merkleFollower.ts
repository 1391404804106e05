import { Mutex } from 'async-mutex';
import type { EventStore, Subscription } from '../../eventStore/eventStore.ts';
import type { StoredEvent } from '../../records/storedEvent.ts';
import { eventHash } from '../eventHash.ts';
import type { AuditLog } from './auditLog.ts';

export interface MerkleFollowerOptions {
  /** Called with each event whose stored hash does not recompute (it is appended all the same). */
  onBadHash?: (event: StoredEvent, recomputed: string) => void;
  /** Called after each batch of leaves is appended, outside the follower's lock. */
  onAppended?: (events: readonly StoredEvent[]) => void;
  /** Called when appending fails; the follower stops until the next sync(). */
  onError?: (error: unknown) => void;
}

const SYNC_BATCH = 500;

/**
 * The one follower that turns the store's global order into Merkle leaves. It catches up with
 * `readAll({ after })` from the audit log's last position, then listens with `subscribe`. Both
 * paths run under one lock and append an event only if its position is after the last one
 * appended; since each delivers the order without gaps, no event is skipped or appended twice,
 * however they interleave. Works the same on every adapter of the port.
 */
export class MerkleFollower {
  private readonly lock = new Mutex();
  private subscription: Subscription | undefined;
  private closed = false;

  constructor(
    private readonly store: EventStore,
    private readonly log: AuditLog,
    private readonly options: MerkleFollowerOptions = {},
  ) {}

  /** Catches up with the store, then follows it live. */
  async start(): Promise<void> {
    await this.sync();
    if (this.closed) return;
    this.subscription = this.store.subscribe((event) => this.accept(event), { after: this.log.lastPosition() });
  }

  /** Appends every event recorded so far; resolves once the tree covers the store's head as read now. */
  async sync(): Promise<number> {
    const appended: StoredEvent[] = [];
    await this.lock.runExclusive(async () => {
      let batch: StoredEvent[] = [];
      for await (const event of this.store.readAll({ after: this.log.lastPosition() })) {
        batch.push(event);
        if (batch.length === SYNC_BATCH) {
          this.appendLocked(batch);
          appended.push(...batch);
          batch = [];
        }
      }
      this.appendLocked(batch);
      appended.push(...batch);
    });
    if (appended.length > 0) this.options.onAppended?.(appended);
    return this.log.size();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.subscription?.close();
    // Let an append in flight finish before the log is closed under it.
    await this.lock.waitForUnlock();
  }

  private async accept(event: StoredEvent): Promise<void> {
    let appended = false;
    await this.lock.runExclusive(() => {
      if (this.closed) return;
      const last = this.log.lastPosition();
      if (last !== undefined && event.position <= last) return; // already appended by sync()
      this.appendLocked([event]);
      appended = true;
    });
    if (appended) this.options.onAppended?.([event]);
  }

  private appendLocked(events: StoredEvent[]): void {
    if (events.length === 0) return;
    // Cheap tamper check at the door: the hash that becomes a leaf must be the event's own.
    for (const e of events) {
      const recomputed = eventHash(e);
      if (recomputed !== e.hash) this.options.onBadHash?.(e, recomputed);
    }
    try {
      this.log.append(events);
    } catch (error) {
      this.options.onError?.(error);
      throw error;
    }
  }
}
