import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { canonicalJson } from '../audit/canonicalJson.ts';
import { eventHash, GENESIS_HASH } from '../audit/eventHash.ts';
import { ConcurrencyError } from '../errors/concurrencyError.ts';
import { DuplicateEventIdError } from '../errors/duplicateEventIdError.ts';
import { StoreUnavailableError } from '../errors/storeUnavailableError.ts';
import { ValidationError } from '../errors/validationError.ts';
import { assertLowercaseIds } from './eventIdCase.ts';
import type { AppendOptions, AppendResult, EventStore, EventToAppend, ExpectedRevision, ReadAllOptions, StreamRevision, Subscription } from './eventStore.ts';
import type { StoredEvent } from '../records/storedEvent.ts';
import { revisionMatches } from './revisionMatches.ts';
import { translateSqliteError } from './sqliteErrors.ts';
import {
  assertCurrentSchema, configureReader, configureWriter, EVENT_COLUMNS, type EventRow, type EventTuple, migrate, rowToEvent, tupleToEvent,
} from './sqliteSchema.ts';
import { SqliteSubscription } from './sqliteSubscription.ts';

export interface SqliteEventStoreOptions {
  /** How often subscriptions look for events appended by other processes. Default 250 ms. */
  pollIntervalMs?: number;
  /** Open an existing, migrated file without the right to write. Appends fail with STORE_UNAVAILABLE. Default false. */
  readonly?: boolean;
}

export interface SqliteSubscribeOptions {
  after?: bigint;
  /** Called if `onEvent` throws; the subscription then stops. Default: a process warning. */
  onError?: (error: unknown, event: StoredEvent) => void;
}

interface PendingAppend {
  stream: string;
  events: EventToAppend[];
  expected: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

const READ_PAGE_SIZE = 1000;
/** Bounds how long one group holds the write lock. */
const MAX_GROUP_EVENTS = 5000;
const MAX_POSITION = 9223372036854775807n;

/**
 * The embedded event store: one SQLite file in WAL mode, one writer at a time (`BEGIN IMMEDIATE`),
 * any number of readers. Positions are dense from 1n. Appends are durable (synchronous=FULL) when
 * they resolve; appends issued in the same turn of the event loop share one transaction and so one
 * fsync (group commit), which is what bounds throughput on real disks. An empty batch is refused with VALIDATION_FAILED rather than treated as a no-op,
 * because a no-op has no meaningful `nextRevision` for a stream that does not exist.
 */
export class SqliteEventStore implements EventStore {
  private closed = false;
  private readonly subscriptions = new Set<SqliteSubscription>();
  private readonly stmts;
  /** One append, run as a savepoint inside the group's transaction. */
  private readonly appendTx;
  /** The group: BEGIN IMMEDIATE … COMMIT around every queued append, so they share one fsync. */
  private readonly groupTx;
  private queue: PendingAppend[] = [];
  private flushScheduled = false;

  private constructor(
    private readonly db: Database.Database,
    private readonly pollIntervalMs: number,
  ) {
    this.stmts = {
      byIds: db.prepare<[string], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE id IN (SELECT value FROM json_each(?))`),
      byId: db.prepare<[string], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE id = ?`),
      streamHead: db.prepare<[string], { revision: bigint; hash: string }>(
        'SELECT revision, hash FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1',
      ),
      insert: db.prepare(
        `INSERT INTO events (id, stream, revision, type, schema_version, data, recorded_at, actor, metadata, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      // Bulk reads return arrays (.raw()): see EventTuple.
      readStream: db.prepare<[string, bigint, number], EventTuple>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?`,
      ).raw(true),
      page: db.prepare<[bigint, bigint, number], EventTuple>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? AND position <= ? ORDER BY position LIMIT ?`,
      ).raw(true),
      head: db.prepare<[], bigint | null>('SELECT max(position) FROM events').pluck(),
    };
    this.appendTx = db.transaction(
      (stream: string, events: EventToAppend[], expected: ExpectedRevision): AppendResult => this.appendInTransaction(stream, events, expected),
    );
    this.groupTx = db.transaction((group: PendingAppend[]) => this.runGroup(group));
  }

  /** Opens (creating and migrating, unless read-only) the ledger file at `file`. */
  static open(file: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    const readonly = options.readonly ?? false;
    let db: Database.Database | undefined;
    try {
      if (!readonly) mkdirSync(dirname(file), { recursive: true });
      db = new Database(file, { readonly, fileMustExist: readonly });
      db.defaultSafeIntegers(true);
      if (readonly) {
        configureReader(db);
        assertCurrentSchema(db);
      } else {
        configureWriter(db);
        migrate(db);
      }
      return new SqliteEventStore(db, options.pollIntervalMs ?? 250);
    } catch (error) {
      db?.close();
      throw translateSqliteError(error, `open ${file}`);
    }
  }

  /**
   * Queues the append and commits it with every other append queued in the same turn of the event
   * loop: one transaction, one fsync, each append in its own savepoint so that one's conflict does
   * not undo another's. Resolves only after the COMMIT (synchronous=FULL) has returned.
   */
  appendToStream(stream: string, events: EventToAppend[], options: AppendOptions = {}): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.assertOpen();
      if (events.length === 0) throw new ValidationError([{ path: 'events', message: 'must contain at least one event' }]);
      assertLowercaseIds(events);
      const seen = new Set<string>();
      for (const event of events) {
        if (seen.has(event.id)) throw new DuplicateEventIdError(event.id);
        seen.add(event.id);
      }
      this.queue.push({ stream, events, expected: options.expectedRevision ?? 'any', resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  async readStream(stream: string, options: { fromRevision?: bigint; maxCount?: number } = {}): Promise<StoredEvent[]> {
    const rows = this.query('read', () => this.stmts.readStream.all(stream, options.fromRevision ?? 0n, countLimit(options.maxCount)));
    return rows.map(tupleToEvent);
  }

  async streamRevision(stream: string): Promise<StreamRevision> {
    const head = this.query('read', () => this.stmts.streamHead.get(stream));
    return head ? head.revision : 'no_stream';
  }

  /** Pages through the log READ_PAGE_SIZE rows at a time, so memory stays flat however long the log. */
  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<StoredEvent> {
    const upTo = options.upTo ?? MAX_POSITION;
    let after = options.after ?? 0n;
    // Positions are integers here, so "at or after `from`" is "after `from - 1`".
    if (options.from !== undefined && options.from - 1n > after) after = options.from - 1n;
    let remaining = options.limit === undefined ? Number.POSITIVE_INFINITY : Math.floor(options.limit);
    while (remaining > 0) {
      const pageSize = Math.min(READ_PAGE_SIZE, remaining);
      const rows = this.query('read', () => this.stmts.page.all(after, upTo, pageSize));
      for (const row of rows) yield tupleToEvent(row);
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1]![0];
      remaining -= rows.length;
    }
  }

  async getEvent(id: string): Promise<StoredEvent | undefined> {
    const row = this.query('read', () => this.stmts.byId.get(id));
    return row ? rowToEvent(row) : undefined;
  }

  async headPosition(): Promise<bigint | undefined> {
    return this.query('read', () => this.stmts.head.get()) ?? undefined;
  }

  subscribe(onEvent: (event: StoredEvent) => void | Promise<void>, options: SqliteSubscribeOptions = {}): Subscription {
    this.assertOpen();
    const subscription: SqliteSubscription = new SqliteSubscription(
      (after, limit) => this.query('read', () => this.stmts.page.all(after, MAX_POSITION, limit)).map(tupleToEvent),
      onEvent,
      {
        after: options.after,
        pollIntervalMs: this.pollIntervalMs,
        onError:
          options.onError ??
          ((error, event) => process.emitWarning(`Subscription stopped at position ${event.position}: ${String(error)}`, 'SubscriptionError')),
        onEnd: () => this.subscriptions.delete(subscription),
      },
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Stops every subscription, then closes the file. Idempotent; every other call afterwards fails with STORE_UNAVAILABLE. */
  async close(): Promise<void> {
    if (this.closed) return;
    while (this.queue.length > 0) this.flush(); // appends already accepted are committed, not dropped
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    this.db.close();
  }

  /** Commits the queued appends (up to MAX_GROUP_EVENTS events; the rest go in the next group). */
  private flush(): void {
    this.flushScheduled = false;
    if (this.queue.length === 0) return;
    let take = 0;
    for (let events = 0; take < this.queue.length && events < MAX_GROUP_EVENTS; take++) events += this.queue[take]!.events.length;
    const group = this.queue.splice(0, take);
    if (this.queue.length > 0) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
    let outcomes: Outcome[];
    try {
      this.assertOpen();
      outcomes = this.groupTx.immediate(group);
    } catch (error) {
      // BEGIN or COMMIT failed, or a failure rolled the whole transaction back: nothing is durable.
      const translated = translateSqliteError(error, 'append');
      for (const append of group) append.reject(translated);
      return;
    }
    group.forEach((append, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) append.resolve(outcome.result);
      else append.reject(translateSqliteError(outcome.error, 'append'));
    });
    for (const subscription of this.subscriptions) subscription.notify();
  }

  private runGroup(group: PendingAppend[]): Outcome[] {
    return group.map(({ stream, events, expected }) => {
      try {
        return { ok: true, result: this.appendTx(stream, events, expected) };
      } catch (error) {
        // Some SQLite errors (FULL, IOERR) abort the whole transaction, not just the savepoint;
        // carrying on would run the next appends in autocommit mode, outside the group.
        if (!this.db.inTransaction) throw error;
        return { ok: false, error };
      }
    });
  }

  /** Runs inside BEGIN IMMEDIATE: the revision read, the check and the inserts see no other writer. */
  private appendInTransaction(stream: string, events: EventToAppend[], expected: ExpectedRevision): AppendResult {
    // 1. Idempotency: a retried batch returns what the first attempt recorded.
    const existing = this.stmts.byIds.all(JSON.stringify(events.map((e) => e.id)));
    if (existing.length > 0) return replay(stream, events, existing);

    // 2. Optimistic concurrency.
    const head = this.stmts.streamHead.get(stream);
    const actual: StreamRevision = head ? head.revision : 'no_stream';
    if (!revisionMatches(expected, actual)) throw new ConcurrencyError(stream, expected, actual);

    // 3. Extend the hash chain and insert.
    let revision = head ? head.revision + 1n : 0n;
    let prevHash = head ? head.hash : GENESIS_HASH;
    const stored: StoredEvent[] = new Array(events.length);
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      const metadata = e.metadata ?? {};
      const data = JSON.stringify(e.data) as string | undefined;
      if (data === undefined) throw new ValidationError([{ path: `events/${i}/data`, message: 'must be a JSON value' }]);
      const fields = { stream, revision, id: e.id, type: e.type, schemaVersion: e.schemaVersion, data: e.data, recordedAt: e.recordedAt, actor: e.actor, metadata, prevHash };
      const hash = eventHash(fields);
      const info = this.stmts.insert.run(e.id, stream, revision, e.type, e.schemaVersion, data, e.recordedAt, e.actor, JSON.stringify(metadata), prevHash, hash);
      stored[i] = { ...fields, position: BigInt(info.lastInsertRowid), hash };
      prevHash = hash;
      revision++;
    }
    return { events: stored, nextRevision: revision - 1n };
  }

  private query<T>(doing: string, run: () => T): T {
    this.assertOpen();
    try {
      return run();
    } catch (error) {
      throw translateSqliteError(error, doing);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError('The event store is closed');
  }
}

/** SQLite reads a negative LIMIT as "no limit"; the port means "none". -1 is SQLite's "all". */
function countLimit(maxCount: number | undefined): number {
  return maxCount === undefined ? -1 : Math.max(0, Math.floor(maxCount));
}

/**
 * Some ids of the batch are recorded already. Only an exact retry (every id, same stream, type,
 * schemaVersion and canonical data) is accepted; it returns the originals, in the batch's order.
 */
function replay(stream: string, events: EventToAppend[], existing: EventRow[]): AppendResult {
  const byId = new Map(existing.map((row) => [row.id, row]));
  if (existing.length < events.length) {
    // A batch that is half old, half new is not a retry: writing the new half would split it.
    throw new DuplicateEventIdError(events.find((e) => byId.has(e.id))!.id);
  }
  const originals = events.map((e) => {
    const row = byId.get(e.id)!;
    const same =
      row.stream === stream &&
      row.type === e.type &&
      Number(row.schema_version) === e.schemaVersion &&
      canonicalJson(JSON.parse(row.data)) === canonicalJson(e.data);
    if (!same) throw new DuplicateEventIdError(e.id);
    return rowToEvent(row);
  });
  const nextRevision = originals.reduce((max, e) => (e.revision > max ? e.revision : max), 0n);
  return { events: originals, nextRevision };
}
