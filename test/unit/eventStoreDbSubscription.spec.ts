import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { UnavailableError, type AllStreamResolvedEvent } from '@eventstore/db-client';
import { describe, expect, it, vi } from 'vitest';
import type { StoredEvent } from '../../src/records/storedEvent.ts';
import { EventStoreDbSubscription, type SubscriptionFeed } from '../../src/eventStore/eventStoreDbSubscription.ts';

/**
 * The subscription's reconnect logic, driven by feeds that behave like the client's
 * AllStreamSubscription (an object-mode stream that errors when the connection drops).
 */
describe('EventStoreDB subscription', () => {
  it('given a connection that drops mid-way, when the server resends the boundary event, then it resubscribes after the last delivered position and delivers each event once, in order', async () => {
    const log = [10n, 20n, 30n, 40n, 50n];
    const server = fakeServer(log, { dropAfter: [2] });
    const delivered: bigint[] = [];
    const subscription = start(server, (e) => void delivered.push(e.position));
    try {
      await vi.waitFor(() => expect(delivered.length === 5).toBe(true), { timeout: 2000, interval: 2 });
      await sleep(30);
      expect(delivered).toEqual(log);
      // Opened from the start, then from the last delivered position (20n), which the fake resends.
      expect(server.openedAfter).toEqual([undefined, 20n]);
    } finally {
      await subscription.close();
    }
  });

  it('given a slow handler, then calls never overlap', async () => {
    const server = fakeServer([1n, 2n, 3n, 4n], { dropAfter: [1] });
    let running = 0;
    let overlapped = false;
    const delivered: bigint[] = [];
    const subscription = start(server, async (e) => {
      running++;
      overlapped ||= running > 1;
      await sleep(5);
      delivered.push(e.position);
      running--;
    });
    try {
      await vi.waitFor(() => expect(delivered.length === 4).toBe(true), { timeout: 2000, interval: 2 });
      expect(overlapped).toBe(false);
      expect(delivered).toEqual([1n, 2n, 3n, 4n]);
    } finally {
      await subscription.close();
    }
  });

  it('given a start position, then only later events are delivered and records that are not the ledger are skipped', async () => {
    const server = fakeServer([5n, 6n, 7n, 8n], { foreign: [7n] });
    const delivered: bigint[] = [];
    const subscription = start(server, (e) => void delivered.push(e.position), { after: 5n });
    try {
      await vi.waitFor(() => expect(delivered.length === 2).toBe(true), { timeout: 2000, interval: 2 });
      expect(delivered).toEqual([6n, 8n]);
      expect(server.openedAfter).toEqual([5n]);
    } finally {
      await subscription.close();
    }
  });

  it('given a handler that throws, then onError gets the event and the subscription stops', async () => {
    const server = fakeServer([1n, 2n, 3n]);
    const errors: [unknown, StoredEvent | undefined][] = [];
    let ended = false;
    const subscription = new EventStoreDbSubscription(
      (e) => {
        if (e.position === 2n) throw new Error('projection bug');
      },
      { ...server.options, onError: (error, event) => errors.push([error, event]), onEnd: () => (ended = true) },
    );
    await vi.waitFor(() => expect(ended).toBe(true), { timeout: 2000, interval: 2 });
    expect(errors).toHaveLength(1);
    expect(errors[0]![1]?.position).toBe(2n);
    expect(server.openedAfter).toHaveLength(1);
    await subscription.close();
  });

  it('given a closed subscription, when new events arrive, then they are not delivered and the feed is released', async () => {
    const server = fakeServer([1n]);
    const delivered: bigint[] = [];
    const subscription = start(server, (e) => void delivered.push(e.position));
    await vi.waitFor(() => expect(delivered.length === 1).toBe(true), { timeout: 2000, interval: 2 });
    await subscription.close();
    server.append(2n);
    await sleep(50);
    expect(delivered).toEqual([1n]);
    expect(server.live.every((feed) => feed.destroyed)).toBe(true);
  });
});

function start(server: ReturnType<typeof fakeServer>, onEvent: (e: StoredEvent) => void | Promise<void>, extra: { after?: bigint } = {}) {
  return new EventStoreDbSubscription(onEvent, { ...server.options, ...extra, onError: (error) => { throw error; } });
}

/**
 * A $all log served as catch-up subscriptions. Each subscription resends the record at its start
 * position (the boundary), then the rest, then stays open for live appends. A drop is an
 * UnavailableError, as the client emits when the connection breaks.
 */
function fakeServer(log: bigint[], behaviour: { dropAfter?: number[]; foreign?: bigint[] } = {}) {
  const records = [...log];
  const drops = [...(behaviour.dropAfter ?? [])];
  const openedAfter: (bigint | undefined)[] = [];
  const live: (PassThrough & SubscriptionFeed)[] = [];
  const resolved = (position: bigint): AllStreamResolvedEvent => ({ commitPosition: position }) as AllStreamResolvedEvent;
  const open = (after: bigint | undefined): SubscriptionFeed => {
    openedAfter.push(after);
    const feed = Object.assign(new PassThrough({ objectMode: true }), { unsubscribe: async () => undefined });
    live.push(feed);
    const drop = drops.shift();
    let sent = 0;
    for (const position of records) {
      if (after !== undefined && position < after) continue;
      if (drop !== undefined && sent === drop) {
        dropWhenDrained(feed);
        return feed;
      }
      feed.write(resolved(position));
      sent++;
    }
    return feed;
  };
  return {
    openedAfter,
    live,
    append(position: bigint) {
      records.push(position);
      for (const feed of live) if (!feed.destroyed) feed.write(resolved(position));
    },
    options: {
      open,
      toEvent: (r: AllStreamResolvedEvent): StoredEvent | undefined =>
        behaviour.foreign?.includes(r.commitPosition!) ? undefined : ({ position: r.commitPosition!, id: String(r.commitPosition) } as StoredEvent),
      resubscribeDelayMs: 1,
      onError: () => undefined,
      onEnd: () => undefined,
    },
  };
}

/** Breaks the connection once the subscriber has taken everything sent, so the drop point is deterministic. */
function dropWhenDrained(feed: PassThrough): void {
  const check = () => (feed.readableLength === 0 ? feed.destroy(new UnavailableError()) : setTimeout(check, 1));
  setTimeout(check, 1);
}

