import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  streamNameFilter,
  type Credentials,
  type EventData,
  type ReadPosition,
  type RecordedEvent,
} from '@eventstore/db-client';
import { ConcurrencyError } from '../errors/concurrencyError.ts';
import { isLedgerError } from '../errors/ledgerError.ts';
import { StoreUnavailableError } from '../errors/storeUnavailableError.ts';
import { ValidationError } from '../errors/validationError.ts';
import type { AppendOptions, AppendResult, EventForFold, EventStore, EventToAppend, GroupAppend, GroupOutcome, ReadAllOptions, StreamRevision, Subscription } from './eventStore.ts';
import type { StoredEvent } from '../records/storedEvent.ts';
import { appendAsGroupOfOne, asStored, chainEvents, GroupDependencies, prevalidate, replayOf, requireRevision } from './appendSemantics.ts';
import {
  chainHeadOf,
  fromRecordedEvent,
  isLedgerRecord,
  isStreamNotFound,
  LEDGER_STREAM_PATTERN,
  streamMatcher,
  toClientPosition,
  toEventData,
  translateClientError,
  type UnpositionedEvent,
} from './eventStoreDbMapping.ts';
import { EventStoreDbIdIndex, type IndexedRecord } from './eventStoreDbIdIndex.ts';
import { EventStoreDbSubscription } from './eventStoreDbSubscription.ts';
import { positionOf, scanAll, scanAllBackwards, scanAtOrBelow } from './eventStoreDbAllScan.ts';
import { guardClientBackgroundErrors, settleWithin } from './eventStoreDbClientGuard.ts';
import { appendCallOptions, readConnectionSettings } from './eventStoreDbConnection.ts';

export interface EventStoreDbEventStoreOptions {
  /** Regex of the streams that hold the ledger; used by the subscription filter (server-side) and for reads. Appends elsewhere are refused. Default LEDGER_STREAM_PATTERN. */
  streamPattern?: string;
  /** Attempts of an append that loses a race for the stream head before CONCURRENCY_CONFLICT. Default 5. */
  maxAppendAttempts?: number;
  /** Pause before a dropped subscription resubscribes. Default 1000 ms. */
  resubscribeDelayMs?: number;
  /** Passed with every append (see appendCallOptions in eventStoreDbConnection.ts). `connect` derives them from the connection string. */
  appendCallOptions?: { credentials?: Credentials };
  /** An append the client has not settled after this long fails with STORE_UNAVAILABLE (outcome unknown). Default 30 000 ms. */
  appendTimeoutMs?: number;
  /** Told when appends stop or start working again, and of the client's background failures. */
  health?: StoreWriteHealth;
  /**
   * Runs before every append, in the append queue; throws (STORE_UNAVAILABLE) to refuse it: a
   * read-only replica, or a writer that no longer holds the writer lease (eventStoreDbWriterLease.ts).
   */
  writeGuard?: () => Promise<void>;
}

/** Where the store reports whether it accepts writes (LedgerHealth has this shape). */
export interface StoreWriteHealth {
  degrade(source: string, reason: string): void;
  restore(source: string): void;
}

/** The health source the store reports under, shared with the HTTP edge's tracking. */
export const STORE_HEALTH_SOURCE = 'store';
/** The health source of subscriptions that keep failing (the audit follower's, among others). */
export const SUBSCRIPTION_HEALTH_SOURCE = 'subscription';

/** Events per page of readAllForFold. */
const FOLD_PAGE_SIZE = 1000;

export interface EventStoreDbSubscribeOptions {
  after?: bigint;
  /** Called if `onEvent` throws or an event cannot be read; the subscription then stops. Default: a process warning. */
  onError?: (error: unknown, event?: StoredEvent) => void;
}


/**
 * The event store on EventStoreDB (24.x, insecure or TLS, single node or cluster), through
 * @eventstore/db-client 6.x. Same meaning as the SQLite adapter; where EventStoreDB differs:
 *
 * - Positions are $all commit positions: strictly increasing, sparse, above 2^53 in time, and a
 *   read may start only at a record's own (eventStoreDbAllScan.ts).
 * - EventStoreDB has no index by event id unless projections run (they are off). The adapter keeps
 *   one in memory (EventStoreDbIdIndex), filled lazily from $all. It backs getEvent, the idempotency
 *   check and reads from a position that is no event's own. Cost: the first such call reads the
 *   whole $all once; memory grows by ~100 bytes per event. headPosition reads $all backwards instead.
 * - Event ids are lowercase (the server returns them so); an id with capitals is refused.
 * - Idempotency: within a stream it is exact, because the id check runs after the stream head is
 *   read and the write expects that head (a concurrent writer makes the write fail and the loop
 *   re-checks). Appends in one process are serialized, so an id is never recorded twice by it. The
 *   remaining gap: two processes appending the *same new id to different streams* at the same
 *   instant can both succeed; EventStoreDB only dedups ids per stream. When the server accepts a
 *   write as an idempotent duplicate of ids it holds, the answer is what it holds (DUPLICATE_EVENT_ID
 *   when that differs from the caller's content), never the caller's copy.
 * - Groups and conditions: a group is one append per command, in order, not one transaction; a
 *   command's own stream is conditioned by the server (the expected revision of its append), while
 *   the other streams its decision read are re-read just before that append. A write by another
 *   process to such a stream between that re-read and the append is not seen: a window that only a
 *   single writer closes (the deployment runs one writing instance; see the README).
 * - An append resolves once the leader acknowledged it (in a cluster, once a quorum has it).
 */
export class EventStoreDbEventStore implements EventStore {
  private closed = false;
  private readonly inLedger: (stream: string) => boolean;
  private readonly subscriptions = new Set<EventStoreDbSubscription>();
  private readonly ids: EventStoreDbIdIndex;
  private appending: Promise<unknown> = Promise.resolve();

  constructor(
    /** The client, shared with companions that need the same connection (the writer lease). */
    readonly client: EventStoreDBClient,
    private readonly options: EventStoreDbEventStoreOptions = {},
  ) {
    this.inLedger = streamMatcher(options.streamPattern ?? LEDGER_STREAM_PATTERN);
    this.ids = new EventStoreDbIdIndex((after) => this.indexRecords(after));
  }

  /**
   * Connects lazily: the first call reaches the server. e.g. `esdb://eventstore:2113?tls=false`.
   * Throws EventStoreDbSettingsError for a setting this client would silently ignore.
   */
  static connect(connectionString: string, options: EventStoreDbEventStoreOptions = {}): EventStoreDbEventStore {
    const settings = readConnectionSettings(connectionString);
    const client = EventStoreDBClient.connectionString(connectionString);
    guardClientBackgroundErrors(client, (error) => {
      options.health?.degrade(STORE_HEALTH_SOURCE, `EventStoreDB client could not reconnect: ${error instanceof Error ? error.message : String(error)}`);
      process.emitWarning(`EventStoreDB client could not reconnect: ${String(error)}`, 'EventStoreDbReconnectWarning');
    });
    return new EventStoreDbEventStore(client, { appendCallOptions: appendCallOptions(settings), ...options });
  }

  /** A group of one: resolves with its result, or rejects with what refused it. */
  appendToStream(stream: string, events: EventToAppend[], options: AppendOptions = {}): Promise<AppendResult> {
    return appendAsGroupOfOne(this, stream, events, options);
  }

  /** The commands in order, one append each (see the class comment for what that guarantees). */
  async appendGroup(commands: readonly GroupAppend[]): Promise<GroupOutcome[]> {
    this.assertOpen();
    // One group at a time per process: the id check and the write must not interleave with another's.
    const result = this.appending.then(() => this.appendInTurn(commands));
    this.appending = result.catch(() => undefined);
    return result;
  }

  async readStream(stream: string, options: { fromRevision?: bigint; maxCount?: number } = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    if (!this.inLedger(stream) || options.maxCount === 0) return [];
    const recorded = await this.readStreamRecords(stream, { fromRevision: options.fromRevision ?? START, maxCount: options.maxCount, direction: FORWARDS });
    return recorded.map((r) => fromRecordedEvent(r));
  }

  async streamRevision(stream: string): Promise<StreamRevision> {
    this.assertOpen();
    if (!this.inLedger(stream)) return 'no_stream';
    return (await this.readHead(stream))?.revision ?? 'no_stream';
  }

  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<StoredEvent> {
    this.assertOpen();
    let remaining = options.limit ?? Number.POSITIVE_INFINITY;
    if (remaining <= 0) return;
    const { after, from } = options;
    const lowest = from !== undefined && (after === undefined || from > after) ? from : after;
    for await (const resolved of lowest === undefined ? scanAll(this.client, undefined) : scanAtOrBelow(this.client, this.ids, lowest)) {
      const position = positionOf(resolved);
      if ((after !== undefined && position <= after) || (from !== undefined && position < from)) continue;
      if (options.upTo !== undefined && position > options.upTo) return;
      if (!isLedgerRecord(resolved.event, this.inLedger)) continue;
      yield fromRecordedEvent(resolved.event!, position);
      if (--remaining <= 0) return;
    }
  }

  /**
   * readAll in pages: the client decodes each record whole (the schema version is in its metadata),
   * so the saving here is one await per page for the fold instead of one per event.
   */
  async *readAllForFold(options: ReadAllOptions = {}): AsyncGenerator<EventForFold[]> {
    let page: EventForFold[] = [];
    for await (const event of this.readAll(options)) {
      page.push(event);
      if (page.length >= FOLD_PAGE_SIZE) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  }

  /** Looks the id up in the in-memory index (caught up first), then reads the event at its position. */
  async getEvent(id: string): Promise<StoredEvent | undefined> {
    this.assertOpen();
    await this.ids.catchUp();
    const position = this.ids.positionOf(id);
    return position === undefined ? undefined : this.eventAt(position);
  }

  /**
   * Reads $all backwards from its end to the last ledger record, so a start (or a health check)
   * does not need the id index, which reads the whole log the first time.
   */
  async headPosition(): Promise<bigint | undefined> {
    this.assertOpen();
    for await (const resolved of scanAllBackwards(this.client)) {
      const position = positionOf(resolved);
      if (isLedgerRecord(resolved.event, this.inLedger)) return position;
      // Everything from here down was indexed already: the index knows the last ledger event.
      if (this.ids.scannedUpTo !== undefined && position <= this.ids.scannedUpTo) return this.ids.head;
    }
    return undefined;
  }

  subscribe(onEvent: (event: StoredEvent) => void | Promise<void>, options: EventStoreDbSubscribeOptions = {}): Subscription {
    this.assertOpen();
    const filter = streamNameFilter({ regex: this.options.streamPattern ?? LEDGER_STREAM_PATTERN });
    const subscription: EventStoreDbSubscription = new EventStoreDbSubscription(onEvent, {
      after: options.after,
      open: (after) => this.client.subscribeToAll({ fromPosition: readPosition(after), filter }),
      toEvent: (resolved) => (isLedgerRecord(resolved.event, this.inLedger) ? fromRecordedEvent(resolved.event!, positionOf(resolved)) : undefined),
      resubscribeDelayMs: this.options.resubscribeDelayMs ?? 1000,
      onError:
        options.onError ??
        ((error, event) => process.emitWarning(`Subscription stopped${event ? ` at position ${event.position}` : ''}: ${String(error)}`, 'SubscriptionError')),
      onEnd: () => this.subscriptions.delete(subscription),
      // A feed that keeps failing (e.g. from a position the server refuses) would otherwise retry silently for ever.
      onRetry: (error, failures) => {
        if (failures === 0) this.options.health?.restore(SUBSCRIPTION_HEALTH_SOURCE);
        else if (failures >= 3) this.options.health?.degrade(SUBSCRIPTION_HEALTH_SOURCE, `the subscription to $all failed ${failures} times in a row: ${error instanceof Error ? error.message : String(error)}`);
      },
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Stops every subscription, then closes the connection. Idempotent; every other call afterwards fails with STORE_UNAVAILABLE. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.client.dispose();
  }

  private async appendInTurn(commands: readonly GroupAppend[]): Promise<GroupOutcome[]> {
    const dependencies = new GroupDependencies();
    const outcomes: GroupOutcome[] = [];
    for (const command of commands) {
      try {
        this.validate(command.stream, command.events);
        const dependency = dependencies.dependency(command);
        if (dependency) throw new ConcurrencyError(dependency.stream, dependency.expected, await this.revisionOf(dependency.stream));
        outcomes.push({ ok: true, result: await this.appendCommand(command) });
      } catch (error) {
        dependencies.refused(command);
        outcomes.push({ ok: false, error });
      }
    }
    return outcomes;
  }

  private async appendCommand({ stream, events, expectedRevision = 'any', conditions = [] }: GroupAppend): Promise<AppendResult> {
    await this.options.writeGuard?.();
    let lostRace: unknown;
    for (let attempt = 0; attempt < (this.options.maxAppendAttempts ?? 5); attempt++) {
      // 1. The head: where the chain continues, and the revision the write will insist on.
      const head = await this.readHead(stream);
      // 2. Idempotency, after the head read, so any id written before that head is in the index.
      await this.ids.catchUp();
      if (events.some((e) => this.ids.has(e.id))) return this.replay(stream, events);
      // 3. The caller's expectation, then the other streams its decision read, re-read now.
      requireRevision(stream, expectedRevision, head?.revision ?? 'no_stream');
      for (const condition of conditions) requireRevision(condition.stream, condition.revision, await this.revisionOf(condition.stream));
      // 4. Extend the chain and write it in one atomic append that expects the head of step 1, so
      //    two writers can never both extend the same event: the chain cannot fork.
      const chained = chainEvents(stream, events, head);
      try {
        await this.clientAppend(stream, chained.map(toEventData), head ? head.revision : NO_STREAM);
      } catch (error) {
        lostRace = translateClientError(error, { stream, expectedRevision });
        if (isLedgerError(lostRace, 'CONCURRENCY_CONFLICT')) continue; // someone wrote first: re-read and re-decide
        if (isLedgerError(lostRace, 'STORE_UNAVAILABLE')) this.options.health?.degrade(STORE_HEALTH_SOURCE, lostRace.message);
        throw lostRace;
      }
      this.options.health?.restore(STORE_HEALTH_SOURCE);
      // 5. Positions are assigned at commit, and the server may have taken the write as an
      //    idempotent duplicate of another writer's: read back what is stored under these ids.
      const stored = asStored(stream, events, await this.storedUnder(stream, chained));
      const replayed = stored.some((e, i) => e.hash !== chained[i]!.hash); // the server kept an earlier write of these facts
      return { events: stored, nextRevision: stored.reduce((max, e) => (e.revision > max ? e.revision : max), 0n), replayed };
    }
    throw lostRace;
  }

  /** The client's append, with the call options that avoid its hazards, bounded in time (eventStoreDbClientGuard.ts). */
  private clientAppend(stream: string, events: EventData[], expectedRevision: bigint | typeof NO_STREAM) {
    const timeoutMs = this.options.appendTimeoutMs ?? 30_000;
    const append = this.client.appendToStream(stream, events, { expectedRevision, ...this.options.appendCallOptions });
    return settleWithin(append, timeoutMs, () => new StoreUnavailableError(`EventStoreDB did not answer an append to ${stream} within ${timeoutMs} ms; its outcome is unknown, and a retry with the same event ids is safe`));
  }

  /** Every id is recorded: an exact retry returns the originals; anything else is a reused id. */
  private async replay(stream: string, events: EventToAppend[]): Promise<AppendResult> {
    const recorded = new Map<string, StoredEvent>();
    for (const e of events) {
      const position = this.ids.positionOf(e.id);
      const original = position === undefined ? undefined : await this.eventAt(position);
      if (original) recorded.set(e.id, original);
    }
    return replayOf(stream, events, recorded);
  }

  /** Refuses, before any I/O, what cannot be written at all. */
  private validate(stream: string, events: EventToAppend[]): void {
    if (!this.inLedger(stream)) throw new ValidationError([{ path: 'stream', message: `must match ${this.options.streamPattern ?? LEDGER_STREAM_PATTERN}` }]);
    prevalidate(events);
  }

  private async revisionOf(stream: string): Promise<StreamRevision> {
    if (!this.inLedger(stream)) return 'no_stream';
    return (await this.readHead(stream))?.revision ?? 'no_stream';
  }

  /**
   * What the stream holds under the ids just written, by id: read from the revisions the write
   * aimed at; an id found elsewhere (an idempotent duplicate of an earlier write) is looked up by id.
   */
  private async storedUnder(stream: string, chained: UnpositionedEvent[]): Promise<Map<string, StoredEvent>> {
    const read = await this.readStreamRecords(stream, { fromRevision: chained[0]!.revision, maxCount: chained.length, direction: FORWARDS, requiresLeader: true });
    const stored = new Map(read.map((r) => [r.id, fromRecordedEvent(r)]));
    for (const e of chained) {
      const found = stored.get(e.id) ?? (await this.getEvent(e.id));
      if (found === undefined) throw new StoreUnavailableError(`Event ${e.id} was appended but could not be read back`);
      stored.set(e.id, found);
      this.ids.record(e.id, found.position);
    }
    return stored;
  }

  private async readHead(stream: string): Promise<{ revision: bigint; hash: string } | undefined> {
    const [last] = await this.readStreamRecords(stream, { fromRevision: END, maxCount: 1, direction: BACKWARDS, requiresLeader: true });
    return last ? chainHeadOf(last) : undefined;
  }

  /** A stream's records; a stream that does not exist reads as empty. */
  private async readStreamRecords(stream: string, options: Parameters<EventStoreDBClient['readStream']>[1]): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(stream, options)) if (resolved.event) out.push(resolved.event);
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw translateClientError(error, { stream });
    }
    return out;
  }

  /** The event at a position the index gave: $all reads are inclusive, so it comes back first. */
  private async eventAt(position: bigint): Promise<StoredEvent | undefined> {
    try {
      for await (const resolved of this.client.readAll({ fromPosition: toClientPosition(position), direction: FORWARDS, maxCount: 1 })) {
        return positionOf(resolved) === position && resolved.event ? fromRecordedEvent(resolved.event, position) : undefined;
      }
    } catch (error) {
      throw translateClientError(error);
    }
    return undefined;
  }

  private async *indexRecords(after: bigint | undefined): AsyncGenerator<IndexedRecord> {
    for await (const resolved of scanAll(this.client, after)) {
      const position = positionOf(resolved);
      if (after !== undefined && position <= after) continue;
      yield { position, ledgerId: isLedgerRecord(resolved.event, this.inLedger) ? resolved.event!.id : undefined };
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError('The event store is closed');
  }
}

function readPosition(after: bigint | undefined): ReadPosition {
  return after === undefined || after <= 0n ? START : toClientPosition(after);
}
