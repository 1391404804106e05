import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Subscription } from './eventStore.ts';
import type { StoredEvent } from '../records/storedEvent.ts';

/** Reads up to `limit` events with a position greater than `after`, in position order. */
export type PageReader = (after: bigint, limit: number) => StoredEvent[];

export interface SqliteSubscriptionOptions {
  /** Deliver only events after this position. Defaults to the beginning of the log. */
  after?: bigint;
  /** How often to look for events written by other connections (e.g. the CLI). */
  pollIntervalMs: number;
  /** Called once if `onEvent` throws; the subscription stops at that event. */
  onError: (error: unknown, event: StoredEvent) => void;
  /** Called once when the subscription ends, however it ends. */
  onEnd: () => void;
}

const PAGE_SIZE = 500;

/**
 * A subscription driven by one loop that always asks the log for "what comes after the last
 * position I delivered". Catch-up and live delivery are the same query, so an append racing the
 * catch-up can be neither missed nor delivered twice. A local append wakes the loop at once
 * (`notify`); the poll timer catches writes from other processes.
 */
export class SqliteSubscription implements Subscription {
  private stopped = false;
  private pendingNotify = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly readPage: PageReader,
    private readonly onEvent: (event: StoredEvent) => void | Promise<void>,
    private readonly options: SqliteSubscriptionOptions,
  ) {
    // Start on a later tick: the caller must hold the subscription before its first event arrives.
    setImmediate(() => void this.run(options.after ?? 0n));
  }

  /** New events may be in the log: look now instead of at the next poll. */
  notify(): void {
    this.pendingNotify = true;
    this.wake?.();
  }

  /**
   * Stops delivery: no `onEvent` call starts after this. A call already running is not awaited, so
   * a handler may close its own subscription without deadlocking.
   */
  async close(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.wake?.();
    this.options.onEnd();
  }

  private async run(after: bigint): Promise<void> {
    let last = after;
    while (!this.stopped) {
      this.pendingNotify = false;
      let page: StoredEvent[];
      try {
        page = this.readPage(last, PAGE_SIZE);
      } catch {
        // The store may be closing or briefly locked: try again at the next poll.
        if (!this.stopped) await this.waitForNews();
        continue;
      }
      for (const event of page) {
        if (this.stopped) return;
        try {
          await this.onEvent(event);
        } catch (error) {
          if (!this.stopped) {
            this.options.onError(error, event);
            await this.close();
          }
          return;
        }
        last = event.position;
      }
      if (page.length === PAGE_SIZE) {
        // A long catch-up must not starve the event loop (HTTP requests, timers) with microtasks.
        await yieldToEventLoop();
      } else {
        await this.waitForNews();
      }
    }
  }

  private waitForNews(): Promise<void> {
    if (this.pendingNotify || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      // unref: an open subscription alone should not keep a CLI process alive.
      const timer = setTimeout(done, this.options.pollIntervalMs);
      timer.unref();
      this.wake = done;
    });
  }
}
