/**
 * The event-store port. Every adapter (SQLite, EventStoreDB) implements it with the same meaning,
 * checked by one contract suite (test/contract/eventStoreContract.ts).
 *
 * Revisions follow EventStoreDB: the first event of a stream has revision 0n, and a stream with no
 * events is at `no_stream`. Positions are the store's global commit order: strictly increasing,
 * opaque beyond that (dense 1, 2, 3… on SQLite; `$all` commit positions on EventStoreDB), and
 * bigint because EventStoreDB's exceed 2^53.
 */
import type { EventForFold } from '../records/eventForFold.ts';
import type { StoredEvent } from '../records/storedEvent.ts';

export type { EventForFold } from '../records/eventForFold.ts';

/** The revision a writer believes a stream is at. */
export type ExpectedRevision =
  /** Append whatever the stream's revision. */
  | 'any'
  /** The stream must not exist yet. */
  | 'no_stream'
  /** The stream must have at least one event. */
  | 'stream_exists'
  /** The stream's last event must have exactly this revision. */
  | bigint;

/** The revision a stream is actually at. */
export type StreamRevision = bigint | 'no_stream';

/** What a writer hands to the store. `recordedAt` and `actor` are set by the server, not the client. */
export type EventToAppend = Pick<StoredEvent, 'id' | 'type' | 'schemaVersion' | 'data' | 'recordedAt' | 'actor'> & {
  /** Further facts about the write (role, correlation id). Hashed with the event. */
  metadata?: Record<string, string>;
};

export interface AppendOptions {
  /** Defaults to `any`. A mismatch raises ConcurrencyError and writes nothing. */
  expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** The stored events, in order. On an idempotent replay, the originals. */
  events: StoredEvent[];
  /** The stream's revision after the append. */
  nextRevision: bigint;
  /** True when every event was already recorded with the same content, so nothing was written. */
  replayed: boolean;
}

/** A stream a decision read, and the revision it read it at: the append holds only if it is still there. */
export interface StreamCondition {
  stream: string;
  revision: StreamRevision;
}

/** One command of a group: a batch for one stream, with what it expects of that stream and of the others it read. */
export interface GroupAppend {
  stream: string;
  events: EventToAppend[];
  /** Defaults to `any`. */
  expectedRevision?: ExpectedRevision;
  /** Other streams the decision read, each at the exact revision it read. Default none. */
  conditions?: readonly StreamCondition[];
}

/** What became of one command of a group: its result, or the error that refused it (nothing of it written). */
export type GroupOutcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

/**
 * Most events one `appendGroup` call should carry: bounds how long a group holds the write lock and
 * how long its first command waits for the last. The one cap of the write path.
 */
export const MAX_GROUP_EVENTS = 5000;

export interface ReadAllOptions {
  /** Only events with a position strictly greater than this. Any value, an event's position or not. */
  after?: bigint;
  /**
   * Only events at or after this position (inclusive): `from: e.position` reads `e` first. Any value,
   * an event's position or not. Prefer it to `after: position - 1n`, which on EventStoreDB names
   * an offset inside the previous record.
   */
  from?: bigint;
  /** Stop after this many events. */
  limit?: number;
  /** Only events at or before this position. */
  upTo?: bigint;
}

export interface EventStore {
  /**
   * Appends `events` to `stream` atomically: all or none. The hash chain is extended here, under
   * the same check that enforces `expectedRevision`, so a chain can never fork.
   *
   * Idempotent by event id: if every id is already recorded with the same stream, type,
   * schemaVersion and data, returns the originals and writes nothing; if any id is recorded with
   * different content, throws DuplicateEventIdError. Throws ConcurrencyError on a revision mismatch
   * and StoreUnavailableError when the store cannot write. Resolves only once the events are durable.
   */
  appendToStream(stream: string, events: EventToAppend[], options?: AppendOptions): Promise<AppendResult>;

  /**
   * Appends the commands of a group in order, each with the meaning of appendToStream plus its
   * `conditions`, and answers each one. A refused command writes nothing and refuses no other,
   * except that the commands of a group are decided on each other: a later command that expects
   * an exact revision (its own `expectedRevision`, or a condition) of a stream a refused command was
   * to append to is refused too, with ConcurrencyError, since what it expects was never written.
   * Throws (refusing every command) only when the store cannot write at all.
   *
   * SQLite: one BEGIN IMMEDIATE transaction and one fsync for the group, each command in its own
   * savepoint, revision and conditions checked inside it. EventStoreDB: one append per command;
   * conditions re-read just before it (see EventStoreDbEventStore for the window this leaves).
   */
  appendGroup(commands: readonly GroupAppend[]): Promise<GroupOutcome[]>;

  /** A stream's events in revision order, from `fromRevision` (default 0n). Empty when the stream does not exist. */
  readStream(stream: string, options?: { fromRevision?: bigint; maxCount?: number }): Promise<StoredEvent[]>;

  /** The revision a stream is at. */
  streamRevision(stream: string): Promise<StreamRevision>;

  /** All events in global order. Streams, so a replay of millions of events keeps memory flat. */
  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent>;

  /**
   * The events of `readAll(options)`, in the same order, as pages (non-empty arrays) of only what a
   * fold of the log reads (EventForFold): a rebuild of the live view reads neither metadata nor
   * hashes, and awaits once per page instead of once per event. Memory stays flat as for readAll.
   */
  readAllForFold(options?: ReadAllOptions): AsyncIterable<readonly EventForFold[]>;

  /** One event by id, or undefined. */
  getEvent(id: string): Promise<StoredEvent | undefined>;

  /** Position of the last recorded event, or undefined on an empty store. */
  headPosition(): Promise<bigint | undefined>;

  /**
   * Calls `onEvent` for every event after `after`, in order, then for each new one as it is
   * recorded, until the returned subscription is closed. `onEvent` runs one event at a time.
   */
  subscribe(onEvent: (event: StoredEvent) => void | Promise<void>, options?: { after?: bigint }): Subscription;

  close(): Promise<void>;
}

export interface Subscription {
  close(): Promise<void>;
}
