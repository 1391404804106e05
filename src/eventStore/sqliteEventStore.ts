import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ConcurrencyError } from '../errors/concurrencyError.ts';
import { isLedgerError } from '../errors/ledgerError.ts';
import { StoreUnavailableError } from '../errors/storeUnavailableError.ts';
import type { AppendOptions, AppendResult, EventForFold, EventStore, EventToAppend, GroupAppend, GroupOutcome, ReadAllOptions, StreamRevision, Subscription } from './eventStore.ts';
import type { StoredEvent } from '../records/storedEvent.ts';
import { appendAsGroupOfOne, chainEvents, GroupDependencies, prevalidate, replayOf, requireRevision, type EventTexts } from './appendSemantics.ts';
import { translateSqliteError } from './sqliteErrors.ts';
import {
  assertCurrentSchema, configureReader, configureWriter, EVENT_COLUMNS, type EventRow, type EventTuple, foldTupleToEvent, type FoldTuple, migrate, rowToEvent,
  tupleToEvent,
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

/** A command of a group after pre-validation: its events' canonical texts, or why it cannot be written at all. */
type Prepared = { ok: true; texts: EventTexts[] } | { ok: false; error: unknown };

const READ_PAGE_SIZE = 1000;
const MAX_POSITION = 9223372036854775807n;

/**
 * The embedded event store: one SQLite file in WAL mode, one writer at a time (`BEGIN IMMEDIATE`),
 * any number of readers. Positions are dense from 1n. Appends are durable (synchronous=FULL) when
 * they resolve. A group (appendGroup) shares one transaction and so one fsync, which is what bounds
 * throughput on real disks; appendToStream is a group of one. Revisions and conditions are checked
 * inside the write transaction, so two processes on one file can never both pass a check that only
 * one may: the second sees the first's commit. An empty batch is refused with VALIDATION_FAILED
 * rather than treated as a no-op, because a no-op has no meaningful `nextRevision` for a stream that
 * does not exist.
 */
export class SqliteEventStore implements EventStore {
  private closed = false;
  private readonly subscriptions = new Set<SqliteSubscription>();
  private readonly stmts;
  /** One command, run as a savepoint inside the group's transaction. */
  private readonly appendTx;
  /** The same on the assumption that none of its ids is recorded yet: refused, it is run again as appendTx. */
  private readonly freshAppendTx;
  /** The group: BEGIN IMMEDIATE … COMMIT around its commands, so they share one fsync. */
  private readonly groupTx;

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
      // Only the columns a fold reads (EventForFold): no metadata to parse, no hashes or ids to allocate.
      foldPage: db.prepare<[bigint, bigint, number], FoldTuple>(
        'SELECT position, type, schema_version, data FROM events WHERE position > ? AND position <= ? ORDER BY position LIMIT ?',
      ).raw(true),
      head: db.prepare<[], bigint | null>('SELECT max(position) FROM events').pluck(),
    };
    this.appendTx = db.transaction((command: GroupAppend, texts: EventTexts[]): AppendResult => this.appendInTransaction(command, texts));
    this.freshAppendTx = db.transaction((command: GroupAppend, texts: EventTexts[]): AppendResult => this.insertChained(command, texts));
    this.groupTx = db.transaction((group: readonly GroupAppend[], prepared: Prepared[]) => this.runGroup(group, prepared));
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

  /** A group of one: resolves with its result, or rejects with what refused it. */
  appendToStream(stream: string, events: EventToAppend[], options: AppendOptions = {}): Promise<AppendResult> {
    return appendAsGroupOfOne(this, stream, events, options);
  }

  /**
   * 1. Pre-validates every command (appendSemantics), 2. runs the valid ones in order in one
   * BEGIN IMMEDIATE transaction, each in its own savepoint so that one's refusal does not undo
   * another's, 3. commits (synchronous=FULL: one fsync), 4. wakes this instance's subscriptions.
   * Synchronous underneath, so nothing another caller does can interleave with a group.
   */
  async appendGroup(commands: readonly GroupAppend[]): Promise<GroupOutcome[]> {
    this.assertOpen();
    const prepared = commands.map((c): Prepared => {
      try {
        return { ok: true, texts: prevalidate(c.events) };
      } catch (error) {
        return { ok: false, error };
      }
    });
    if (!prepared.some((p) => p.ok)) return prepared as GroupOutcome[];
    let outcomes: GroupOutcome[];
    try {
      outcomes = this.groupTx.immediate(commands, prepared);
    } catch (error) {
      // BEGIN or COMMIT failed, or a failure rolled the whole transaction back: nothing is durable.
      throw translateSqliteError(error, 'append');
    }
    if (outcomes.some((o) => o.ok && !o.result.replayed)) for (const subscription of this.subscriptions) subscription.notify();
    return outcomes.map((o) => (o.ok ? o : { ok: false, error: translateSqliteError(o.error, 'append') }));
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
    for (const rows of this.pages(options, this.stmts.page)) for (const row of rows) yield tupleToEvent(row);
  }

  async *readAllForFold(options: ReadAllOptions = {}): AsyncGenerator<EventForFold[]> {
    for (const rows of this.pages(options, this.stmts.foldPage)) yield rows.map(foldTupleToEvent);
  }

  /** The non-empty pages of rows of `options`' range, READ_PAGE_SIZE rows at most each; `page` selects the position first. */
  private *pages<R extends [bigint, ...unknown[]]>(options: ReadAllOptions, page: Database.Statement<[bigint, bigint, number], R>): Generator<R[]> {
    const upTo = options.upTo ?? MAX_POSITION;
    let after = options.after ?? 0n;
    // Positions are integers here, so "at or after `from`" is "after `from - 1`".
    if (options.from !== undefined && options.from - 1n > after) after = options.from - 1n;
    let remaining = options.limit === undefined ? Number.POSITIVE_INFINITY : Math.floor(options.limit);
    while (remaining > 0) {
      const pageSize = Math.min(READ_PAGE_SIZE, remaining);
      const rows = this.query('read', () => page.all(after, upTo, pageSize));
      if (rows.length > 0) yield rows;
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

  /** The ledger file, for readers that open it themselves (the parallel verifier's workers); absent in memory. */
  get file(): string | undefined {
    return this.db.memory ? undefined : this.db.name;
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
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    this.db.close();
  }

  private runGroup(group: readonly GroupAppend[], prepared: Prepared[]): GroupOutcome[] {
    const dependencies = new GroupDependencies();
    return group.map((command, i) => {
      try {
        const ready = prepared[i]!;
        if (!ready.ok) throw ready.error;
        const dependency = dependencies.dependency(command);
        if (dependency) throw new ConcurrencyError(dependency.stream, dependency.expected, this.revisionOf(dependency.stream));
        return { ok: true, result: this.appendCommand(command, ready.texts) };
      } catch (error) {
        // Some SQLite errors (FULL, IOERR) abort the whole transaction, not just the savepoint;
        // carrying on would run the next appends in autocommit mode, outside the group.
        if (!this.db.inTransaction) throw error;
        dependencies.refused(command);
        return { ok: false, error };
      }
    });
  }

  /**
   * One command inside the group's transaction. Almost every append carries ids never recorded, so
   * it is first tried without looking them up: the UNIQUE index on `id` refuses the insert of one
   * that is. Refused that way, or by a revision or condition (a retry is recognised whatever the
   * revision now), its savepoint is rolled back and it is run again with the lookup first: the
   * same answer as appendInTransaction alone, one query fewer per event when nothing is refused.
   */
  private appendCommand(command: GroupAppend, texts: EventTexts[]): AppendResult {
    try {
      return this.freshAppendTx(command, texts);
    } catch (error) {
      if (!this.db.inTransaction || !(isLedgerError(error, 'CONCURRENCY_CONFLICT') || isUniqueViolation(error))) throw error;
      return this.appendTx(command, texts);
    }
  }

  /** Runs inside BEGIN IMMEDIATE: the reads, the checks and the inserts see no other writer. */
  private appendInTransaction(command: GroupAppend, texts: EventTexts[]): AppendResult {
    // 1. Idempotency: a retried batch returns what the first attempt recorded.
    const { stream, events } = command;
    const existing = this.stmts.byIds.all(JSON.stringify(events.map((e) => e.id)));
    if (existing.length > 0) return replayOf(stream, events, new Map(existing.map((row) => [row.id, rowToEvent(row)])));
    return this.insertChained(command, texts);
  }

  /** Steps 2–3 of appendInTransaction: the revision checks, the chain, the inserts. */
  private insertChained({ stream, events, expectedRevision = 'any', conditions = [] }: GroupAppend, texts: EventTexts[]): AppendResult {
    // 2. Optimistic concurrency on the stream, then on every other stream the decision read.
    const head = this.stmts.streamHead.get(stream);
    requireRevision(stream, expectedRevision, head ? head.revision : 'no_stream');
    for (const condition of conditions) requireRevision(condition.stream, condition.revision, this.revisionOf(condition.stream));

    // 3. Extend the hash chain and insert the texts it hashed.
    const chained = chainEvents(stream, events, head, texts);
    for (let i = 0; i < chained.length; i++) {
      const e = chained[i]! as StoredEvent;
      const text = texts[i]!;
      const info = this.stmts.insert.run(e.id, stream, e.revision, e.type, e.schemaVersion, text.data, e.recordedAt, e.actor, text.metadata, e.prevHash, e.hash);
      // The chained events are this call's own: give them their positions in place (W1 appends 10^5 a second).
      e.position = BigInt(info.lastInsertRowid);
    }
    return { events: chained as StoredEvent[], nextRevision: chained.at(-1)!.revision, replayed: false };
  }

  private revisionOf(stream: string): StreamRevision {
    return this.stmts.streamHead.get(stream)?.revision ?? 'no_stream';
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

/** A UNIQUE constraint refused an insert: on the append path, an id already recorded. */
function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** SQLite reads a negative LIMIT as "no limit"; the port means "none". -1 is SQLite's "all". */
function countLimit(maxCount: number | undefined): number {
  return maxCount === undefined ? -1 : Math.max(0, Math.floor(maxCount));
}
