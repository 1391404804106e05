import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { canonicalJson } from '../../src/audit/canonicalJson.ts';
import { eventHash } from '../../src/audit/eventHash.ts';
import { verifyChain } from '../../src/audit/verifyChain.ts';
import type { EventToAppend } from '../../src/eventStore/eventStore.ts';
import type { StoredEvent } from '../../src/records/storedEvent.ts';
import { translateSqliteError } from '../../src/eventStore/sqliteErrors.ts';
import { SqliteEventStore } from '../../src/eventStore/sqliteEventStore.ts';
import { SCHEMA_VERSION } from '../../src/eventStore/sqliteSchema.ts';
import { createTempDir, type TempDir } from '../support/tempDir.ts';
import { eventStoreContract } from './eventStoreContract.ts';

eventStoreContract('sqlite', async () => {
  const dir = createTempDir('ledger-contract-');
  const store = SqliteEventStore.open(dir.file('ledger.db'), { pollIntervalMs: 50 });
  return {
    store,
    cleanup: async () => {
      await store.close();
      dir.remove();
    },
  };
});

describe('SqliteEventStore', () => {
  let dir: TempDir;
  let file: string;
  const opened: SqliteEventStore[] = [];
  const open = (options?: Parameters<typeof SqliteEventStore.open>[1]) => {
    const store = SqliteEventStore.open(file, options);
    opened.push(store);
    return store;
  };

  beforeEach(() => {
    dir = createTempDir('ledger-sqlite-');
    file = dir.file('nested/dir/ledger.db');
  });
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    dir.remove();
  });

  describe('file', () => {
    it('given a path in missing directories, when opened, then the file is created in WAL mode at the current schema version', () => {
      open();
      const raw = new Database(file, { readonly: true });
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      raw.close();
    });

    it('given a ledger, when it is closed and reopened, then everything is still there and positions continue densely from 1n', async () => {
      const first = open();
      await first.appendToStream('plan-1', events(3));
      await first.appendToStream('plan-2', events(2));
      const before = await all(first);
      await first.close();

      const reopened = open();
      expect(await all(reopened)).toEqual(before);
      expect(before.map((e) => e.position)).toEqual([1n, 2n, 3n, 4n, 5n]);
      const next = await reopened.appendToStream('plan-1', events(1), { expectedRevision: 2n });
      expect(next.events[0]).toMatchObject({ position: 6n, revision: 3n, prevHash: before[2]!.hash });
      expect(await verifyChain(reopened.readAll())).toMatchObject({ ok: true, checkedEvents: 6, headPosition: 6n });
    });

    it('given a file written by a newer build, when opened, then it is refused rather than misread', async () => {
      await open().close();
      const raw = new Database(file);
      raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
      raw.close();
      expect(() => SqliteEventStore.open(file)).toThrow(/newer than this build/);
    });
  });

  describe('positions', () => {
    it('given a failed batch, when the next batch is appended, then positions stay dense (a rollback consumes none)', async () => {
      const store = open();
      await store.appendToStream('s', events(2));
      await expect(store.appendToStream('s', events(2), { expectedRevision: 0n })).rejects.toMatchObject({ code: 'CONCURRENCY_CONFLICT' });
      const { events: next } = await store.appendToStream('s', events(1));
      expect(next[0]!.position).toBe(3n);
    });

    it('given a deleted tail event, when appending, then its position is not handed out again', async () => {
      const store = open();
      await store.appendToStream('s', events(3));
      const raw = new Database(file);
      raw.prepare('DELETE FROM events WHERE position = 3').run();
      raw.close();
      const { events: next } = await store.appendToStream('t', events(1));
      expect(next[0]!.position).toBe(4n);
    });

    it('given a failure inside SQLite at the 3rd insert, when appending, then the first two are rolled back', async () => {
      const store = open();
      await store.appendToStream('s', events(1));
      const raw = new Database(file);
      raw.exec(`CREATE TRIGGER refuse_boom BEFORE INSERT ON events WHEN NEW.type = 'Boom' BEGIN SELECT RAISE(ABORT, 'boom'); END`);
      raw.close();
      const batch = [...events(2), event({ type: 'Boom' })];
      await expect(store.appendToStream('s', batch)).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_TRIGGER' });
      expect(await store.readStream('s')).toHaveLength(1);
      expect(await store.getEvent(batch[0]!.id)).toBeUndefined();
      expect(await store.headPosition()).toBe(1n);
    });

    it('given more events than one page, when reading all, then every event comes once, in order, and limit/upTo cut across pages', async () => {
      const store = open();
      for (let i = 0; i < 25; i++) await store.appendToStream(`s-${i % 3}`, events(100));
      const positions = (await all(store)).map((e) => e.position);
      expect(positions).toEqual(Array.from({ length: 2500 }, (_, i) => BigInt(i + 1)));
      let n = 0;
      for await (const _ of store.readAll({ after: 10n, limit: 1500 })) n++;
      expect(n).toBe(1500);
      const upTo = [];
      for await (const e of store.readAll({ after: 900n, upTo: 2100n })) upTo.push(e.position);
      expect([upTo.length, upTo[0], upTo.at(-1)]).toEqual([1200, 901n, 2100n]);
    });
  });

  describe('stored text', () => {
    it('given data and metadata with keys in any order, when appended, then the file holds their RFC 8785 canonical text, the very text the hash covers', async () => {
      const store = open();
      const data = { z: 'último', a: { y: [2, 1], b: null }, m: '10.50' };
      const [stored] = (await store.appendToStream('s', [event({ data, metadata: { role: 'registrar', correlationId: 'c-1' } })])).events;
      const raw = new Database(file, { readonly: true });
      const row = raw.prepare('SELECT data, metadata FROM events WHERE id = ?').get(stored!.id) as { data: string; metadata: string };
      raw.close();
      expect(row).toEqual({ data: canonicalJson(data), metadata: '{"correlationId":"c-1","role":"registrar"}' });
      expect(row.data).toBe('{"a":{"b":null,"y":[2,1]},"m":"10.50","z":"último"}');
      expect(stored!.hash).toBe(eventHash(stored!));
      expect(await store.getEvent(stored!.id)).toEqual(stored);
    });
  });

  describe('group commit', () => {
    it('given appends issued together, when one conflicts with another, then the others commit and it alone writes nothing', async () => {
      const store = open();
      const [first, second, third] = await Promise.allSettled([
        store.appendToStream('a', events(2), { expectedRevision: 'no_stream' }),
        store.appendToStream('a', events(1), { expectedRevision: 'no_stream' }),
        store.appendToStream('b', events(3)),
      ]);
      expect(first).toMatchObject({ status: 'fulfilled', value: { nextRevision: 1n } });
      expect(second).toMatchObject({ status: 'rejected', reason: { code: 'CONCURRENCY_CONFLICT', actualRevision: 1n } });
      expect(third).toMatchObject({ status: 'fulfilled', value: { nextRevision: 2n } });
      const log = await all(store);
      expect(log.map((e) => [e.stream, e.position])).toEqual([['a', 1n], ['a', 2n], ['b', 3n], ['b', 4n], ['b', 5n]]);
      expect(await verifyChain(log)).toMatchObject({ ok: true });
    });

    it('given appends issued and the store closed at once, then the accepted appends are committed before it closes', async () => {
      const store = open();
      const pending = store.appendToStream('a', events(2));
      await store.close();
      await expect(pending).resolves.toMatchObject({ nextRevision: 1n });
      expect(await all(open())).toHaveLength(2);
    });
  });

  describe('two instances on one file', () => {
    it('given a subscription on one instance, when another instance appends, then the subscription sees it by polling', async () => {
      const reader = open({ pollIntervalMs: 50 });
      const writer = open();
      const received: StoredEvent[] = [];
      const subscription = reader.subscribe((e) => void received.push(e));
      const { events: written } = await writer.appendToStream('s', events(3));
      await vi.waitFor(() => expect(received.length === 3).toBe(true), { timeout: 5000, interval: 10 });
      expect(received).toEqual(written);
      await subscription.close();
    });

    it('given two writers with the same expectation, when both append, then the second gets CONCURRENCY_CONFLICT', async () => {
      const a = open();
      const b = open();
      await a.appendToStream('s', events(1));
      await a.appendToStream('s', events(1), { expectedRevision: 0n });
      await expect(b.appendToStream('s', events(1), { expectedRevision: 0n })).rejects.toMatchObject({ code: 'CONCURRENCY_CONFLICT', actualRevision: 1n });
    });

    it('given another connection holding the write lock, when appending, then STORE_UNAVAILABLE after the busy timeout and nothing written', async () => {
      const store = open();
      const raw = new Database(file);
      raw.exec('BEGIN IMMEDIATE');
      try {
        await expect(store.appendToStream('s', events(1))).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE', cause: { code: 'SQLITE_BUSY' } });
      } finally {
        raw.exec('ROLLBACK');
        raw.close();
      }
      expect(await store.headPosition()).toBeUndefined();
    });
  });

  describe('unavailable', () => {
    it('given a read-only store, when appending, then STORE_UNAVAILABLE, while reads still work', async () => {
      await open().appendToStream('s', events(1));
      const readonly = open({ readonly: true });
      await expect(readonly.appendToStream('s', events(1))).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
      expect(await readonly.readStream('s')).toHaveLength(1);
    });

    it('given no file, when opened read-only, then STORE_UNAVAILABLE', () => {
      expect(() => SqliteEventStore.open(dir.file('missing.db'), { readonly: true })).toThrow(expect.objectContaining({ code: 'STORE_UNAVAILABLE' }));
    });

    it('given a closed store, when any method is called, then STORE_UNAVAILABLE', async () => {
      const store = open();
      await store.appendToStream('s', events(1));
      await store.close();
      await store.close(); // idempotent
      await expect(store.appendToStream('s', events(1))).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
      await expect(store.readStream('s')).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
      await expect(store.streamRevision('s')).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
      await expect(store.getEvent('x')).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
      await expect(store.headPosition()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
      await expect(store.readAll()[Symbol.asyncIterator]().next()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
      expect(() => store.subscribe(() => {})).toThrow(expect.objectContaining({ code: 'STORE_UNAVAILABLE' }));
    });

    it.each(['SQLITE_BUSY', 'SQLITE_READONLY_DBMOVED', 'SQLITE_FULL', 'SQLITE_IOERR_FSYNC', 'SQLITE_CANTOPEN', 'SQLITE_CORRUPT', 'SQLITE_NOTADB'])(
      'given a SQLite %s failure, when translated, then it is STORE_UNAVAILABLE with the cause kept',
      (code) => {
        const cause = new Database.SqliteError('failed', code);
        expect(translateSqliteError(cause, 'append')).toMatchObject({ code: 'STORE_UNAVAILABLE', cause });
      },
    );

    it('given a constraint failure, when translated, then it is left as it is', () => {
      const error = new Database.SqliteError('boom', 'SQLITE_CONSTRAINT_UNIQUE');
      expect(translateSqliteError(error, 'append')).toBe(error);
    });
  });

  describe('subscriptions', () => {
    it('given a long poll interval, when the same instance appends, then its subscriptions are woken at once', async () => {
      const store = open({ pollIntervalMs: 60_000 });
      const received: StoredEvent[] = [];
      const subscription = store.subscribe((e) => void received.push(e));
      await sleep(20); // let the catch-up find the empty log and start waiting
      await store.appendToStream('s', events(2));
      await vi.waitFor(() => expect(received.length === 2).toBe(true), { timeout: 1000, interval: 10 });
      await subscription.close();
    });

    it('given a handler that closes its own subscription, when more events are ready, then no further call starts', async () => {
      const store = open();
      await store.appendToStream('s', events(3));
      const seen: bigint[] = [];
      const errors: unknown[] = [];
      const subscription = store.subscribe(
        async (e) => {
          seen.push(e.position);
          await subscription.close();
        },
        { onError: (error) => errors.push(error) },
      );
      await sleep(100);
      expect(seen).toEqual([1n]);
      expect(errors).toEqual([]);
    });

    it('given open subscriptions, when the store closes, then they stop delivering', async () => {
      const store = open({ pollIntervalMs: 20 });
      const received: StoredEvent[] = [];
      store.subscribe((e) => void received.push(e));
      await store.appendToStream('s', events(1));
      await vi.waitFor(() => expect(received.length === 1).toBe(true), { timeout: 5000, interval: 10 });
      await store.close();
      const other = open();
      await other.appendToStream('s', events(1));
      await sleep(100);
      expect(received).toHaveLength(1);
    });

    it('given a handler that throws, when an event is delivered, then the subscription stops at it and reports the error', async () => {
      const store = open({ pollIntervalMs: 20 });
      await store.appendToStream('s', events(3));
      const seen: bigint[] = [];
      const errors: [unknown, bigint][] = [];
      store.subscribe(
        (e) => {
          seen.push(e.position);
          if (e.position === 2n) throw new Error('projection bug');
        },
        { onError: (error, e) => errors.push([error, e.position]) },
      );
      await vi.waitFor(() => expect(errors.length === 1).toBe(true), { timeout: 5000, interval: 10 });
      await store.appendToStream('s', events(1));
      await sleep(100);
      expect(seen).toEqual([1n, 2n]);
      expect(errors[0]).toEqual([new Error('projection bug'), 2n]);
    });
  });
});

function event(overrides: Partial<EventToAppend> = {}): EventToAppend {
  return { id: randomUUID(), type: 'Tested', schemaVersion: 1, data: { n: 1 }, recordedAt: '2024-01-01T00:00:00.000Z', actor: 'test', ...overrides };
}

function events(n: number): EventToAppend[] {
  return Array.from({ length: n }, (_, i) => event({ data: { n: i } }));
}

async function all(store: SqliteEventStore): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of store.readAll()) out.push(e);
  return out;
}

