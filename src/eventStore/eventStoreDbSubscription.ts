import { setTimeout as sleep } from 'node:timers/promises';
import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import type { Subscription } from './eventStore.ts';
import type { StoredEvent } from '../records/storedEvent.ts';

/** What the subscription needs of the client's `subscribeToAll` result (an AllStreamSubscription has it). */
export interface SubscriptionFeed extends AsyncIterable<AllStreamResolvedEvent> {
  unsubscribe(): Promise<void>;
  destroy(error?: Error): unknown;
}

export interface EventStoreDbSubscriptionOptions {
  /** Deliver only events after this position. Defaults to the beginning of $all. */
  after?: bigint;
  /** Opens a catch-up subscription to $all that starts after `after` (at the start when undefined). */
  open: (after: bigint | undefined) => SubscriptionFeed;
  /** Our event for a resolved event, or undefined for one that is not the ledger's (system, link, other stream). */
  toEvent: (resolved: AllStreamResolvedEvent) => StoredEvent | undefined;
  /** Pause before resubscribing after the connection dropped. */
  resubscribeDelayMs: number;
  /** Called once if `onEvent` throws or an event cannot be read; the subscription then stops. */
  onError: (error: unknown, event?: StoredEvent) => void;
  /** Called once when the subscription ends, however it ends. */
  onEnd: () => void;
  /**
   * Called each time the feed fails before resubscribing, with how many times in a row it has (a
   * position the server refuses, an unreachable server), and with 0 once an event is delivered again.
   */
  onRetry?: (error: unknown, consecutiveFailures: number) => void;
}

/**
 * A catch-up subscription to $all that survives dropped connections. It remembers the position of
 * the last event it delivered, resubscribes from there after a drop, and skips anything at or
 * before it, so an event is never delivered twice even if the server repeats the boundary event.
 * `for await` pulls one event at a time, so `onEvent` calls never overlap and backpressure reaches
 * the gRPC stream.
 */
export class EventStoreDbSubscription implements Subscription {
  private stopped = false;
  /** Cuts the pause before a resubscription short when the subscription is closed. */
  private readonly closing = new AbortController();
  private feed: SubscriptionFeed | undefined;
  private last: bigint | undefined;
  private failures = 0;

  constructor(
    private readonly onEvent: (event: StoredEvent) => void | Promise<void>,
    private readonly options: EventStoreDbSubscriptionOptions,
  ) {
    this.last = options.after;
    void this.run();
  }

  /** Position of the last event delivered, if any. */
  get lastPosition(): bigint | undefined {
    return this.last;
  }

  /**
   * Stops delivery: no `onEvent` call starts after this. A call already running is not awaited, so
   * a handler may close its own subscription without deadlocking.
   */
  async close(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.closing.abort();
    const feed = this.feed;
    this.feed = undefined;
    if (feed) {
      // Cancelling the gRPC call does not end the piped stream, so it is also destroyed to release `for await`.
      await feed.unsubscribe().catch(() => undefined);
      feed.destroy();
    }
    this.options.onEnd();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let feed: SubscriptionFeed | undefined;
      try {
        feed = this.options.open(this.last);
        this.feed = feed;
        for await (const resolved of feed) {
          if (this.stopped) return;
          if (!(await this.deliver(resolved))) return;
        }
        // The server ended the subscription (e.g. the node shut down): resubscribe like after a drop.
      } catch (error) {
        // Dropped connection, leader change, deadline: resubscribe from the last delivered position.
        if (!this.stopped) this.options.onRetry?.(error, ++this.failures);
      } finally {
        if (feed && this.feed === feed) {
          this.feed = undefined;
          await feed.unsubscribe().catch(() => undefined);
          feed.destroy();
        }
      }
      if (!this.stopped) await sleep(this.options.resubscribeDelayMs, undefined, { signal: this.closing.signal }).catch(() => undefined);
    }
  }

  /** Delivers one event; false when the subscription must stop. */
  private async deliver(resolved: AllStreamResolvedEvent): Promise<boolean> {
    let event: StoredEvent | undefined;
    try {
      event = this.options.toEvent(resolved);
    } catch (error) {
      await this.fail(error);
      return false;
    }
    if (event === undefined || (this.last !== undefined && event.position <= this.last)) return true;
    try {
      await this.onEvent(event);
    } catch (error) {
      await this.fail(error, event);
      return false;
    }
    this.last = event.position;
    if (this.failures > 0) {
      this.failures = 0;
      this.options.onRetry?.(undefined, 0);
    }
    return !this.stopped;
  }

  private async fail(error: unknown, event?: StoredEvent): Promise<void> {
    if (this.stopped) return;
    this.options.onError(error, event);
    await this.close();
  }
}
