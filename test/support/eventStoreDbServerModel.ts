import { PassThrough } from 'node:stream';
import {
  BACKWARDS,
  END,
  MaxAppendSizeExceededError,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  convertToCommandError,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type EventData,
  type EventStoreDBClient,
  type ReadPosition,
  type RecordedEvent,
} from '@eventstore/db-client';

/**
 * A model of the EventStoreDB 24.10 server behind the client calls the adapter makes (readAll,
 * readStream, appendToStream), for specs that must run without a server. It is NOT a substitute for
 * `npm run test:eventstoredb`: it keeps only the documented rules the adapter depends on, each
 * answered with the client's own error classes, as the client would raise them:
 *
 * - $all positions are byte offsets of records in the transaction log: sparse, and a read from an
 *   offset that is not a record's own is refused (server ≥ 23.10: StatusCode.Unknown, "Trying to
 *   read from an invalid position.", which the client raises as an UnknownError);
 * - event ids come back lowercase whatever case was sent (the server keeps a Guid);
 * - an append over 1 MiB (MaxAppendSize, default 1048576 bytes) is refused;
 * - an expected revision that does not match is a WrongExpectedVersionError;
 * - a stream that does not exist reads as a StreamNotFoundError.
 *
 * `systemRecord()` writes a record no ledger stream owns (e.g. `$statsCollection`), as a real node
 * writes them between the ledger's events.
 */
export class EventStoreDbServerModel {
  readonly records: RecordedEvent[] = [];
  /** Every readAll fromPosition asked for, for specs that check what reached the "server". */
  readonly readAllFrom: ReadPosition[] = [];
  private end = 0n;

  /** `maxAppendSize`: the server's MaxAppendSize (EVENTSTORE_MAX_APPEND_SIZE), 1 MiB by default. */
  constructor(readonly maxAppendSize = 1_048_576) {}

  /** The model as the client type the adapter takes. */
  get client(): EventStoreDBClient {
    return this as unknown as EventStoreDBClient;
  }

  systemRecord(stream = '$stats-127.0.0.1:2113'): void {
    this.write(stream, 'fbe5c2bd-3d4b-4e6b-9a0c-0cd9b16f2b1e', '$statsCollected', { cpu: 1 }, {}, this.revisionOf(stream) + 1n);
  }

  async appendToStream(stream: string, events: EventData | EventData[], options: { expectedRevision?: AppendExpectedRevision } = {}) {
    const list = Array.isArray(events) ? events : [events];
    const size = list.reduce((sum, e) => sum + JSON.stringify(e.data).length + JSON.stringify(e.metadata ?? {}).length + e.type.length, 0);
    if (size > this.maxAppendSize) throw MaxAppendSizeExceededError.fromMaxAppendSize(this.maxAppendSize);
    const current = this.revisionOf(stream);
    const expected = options.expectedRevision ?? 'any';
    const matches =
      expected === 'any' ||
      (expected === 'no_stream' && current === -1n) ||
      (expected === 'stream_exists' && current >= 0n) ||
      (typeof expected === 'bigint' && expected === current);
    if (!matches) throw new WrongExpectedVersionError(undefined, { streamName: stream, current: current === -1n ? 'no_stream' : current, expected });
    let revision = current;
    let last: RecordedEvent | undefined;
    for (const e of list) last = this.write(stream, e.id, e.type, e.data, e.metadata, ++revision);
    return { success: true, nextExpectedRevision: revision, position: last!.position };
  }

  readStream(stream: string, options: { fromRevision?: bigint | typeof START | typeof END; maxCount?: number | bigint; direction?: string } = {}) {
    const of = this.records.filter((r) => r.streamId === stream);
    const backwards = options.direction === BACKWARDS;
    const from = options.fromRevision ?? (backwards ? END : START);
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    return iterate(async function* () {
      if (of.length === 0) throw new StreamNotFoundError(undefined, stream);
      const ordered = backwards ? [...of].reverse() : of;
      const selected = ordered.filter((r) => (from === START || from === END ? true : backwards ? r.revision <= from : r.revision >= from)).slice(0, max);
      for (const event of selected) yield { event };
    });
  }

  readAll(options: { fromPosition?: ReadPosition; maxCount?: number | bigint; direction?: string } = {}) {
    const backwards = options.direction === BACKWARDS;
    const from = options.fromPosition ?? (backwards ? END : START);
    this.readAllFrom.push(from);
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    const records = this.records;
    const end = this.end;
    return iterate(async function* (): AsyncGenerator<AllStreamResolvedEvent> {
      if (from !== START && from !== END && from.commit !== end && !records.some((r) => r.position!.commit === from.commit)) {
        throw invalidPosition();
      }
      const ordered = backwards ? [...records].reverse() : records;
      const selected = ordered.filter((r) => (from === START || from === END ? true : backwards ? r.position!.commit < from.commit : r.position!.commit >= from.commit)).slice(0, max);
      for (const event of selected) yield { event, commitPosition: event.position!.commit } as AllStreamResolvedEvent;
    });
  }

  /**
   * A catch-up subscription to $all: every record after `fromPosition`, then it stays open (no live
   * delivery in the model). An offset that is not a record's own fails the feed as the server does.
   */
  subscribeToAll(options: { fromPosition?: ReadPosition } = {}) {
    const from = options.fromPosition ?? START;
    const feed = Object.assign(new PassThrough({ objectMode: true }), { unsubscribe: async () => undefined });
    if (from !== START && from !== END && !this.records.some((r) => r.position!.commit === from.commit)) {
      setImmediate(() => feed.destroy(invalidPosition()));
      return feed;
    }
    for (const event of this.records) {
      if (from === END || (from !== START && event.position!.commit <= from.commit)) continue;
      feed.write({ event, commitPosition: event.position!.commit });
    }
    return feed;
  }

  async dispose(): Promise<void> {}

  private revisionOf(stream: string): bigint {
    return this.records.filter((r) => r.streamId === stream).at(-1)?.revision ?? -1n;
  }

  private write(stream: string, id: string, type: string, data: unknown, metadata: unknown, revision: bigint): RecordedEvent {
    const position = this.end;
    // A record's length: a header, then its id, stream, type, data and metadata.
    this.end += 88n + BigInt(Buffer.byteLength(JSON.stringify({ id, stream, type, data, metadata })));
    const recorded = {
      streamId: stream,
      id: id.toLowerCase(),
      revision,
      type,
      data: JSON.parse(JSON.stringify(data)),
      metadata: JSON.parse(JSON.stringify(metadata ?? {})),
      isJson: true,
      created: new Date(0),
      position: { commit: position, prepare: position },
    } as unknown as RecordedEvent;
    this.records.push(recorded);
    return recorded;
  }
}

/** The server's refusal of an offset that is not a record's own (gRPC status 2), as the client raises it. */
function invalidPosition(): Error {
  return convertToCommandError(Object.assign(new Error('2 UNKNOWN: Trying to read from an invalid position.'), { code: 2, details: 'Trying to read from an invalid position.' })) as Error;
}

/** What the client's read calls return: an async iterable that can be cancelled. */
function iterate<T>(generator: () => AsyncGenerator<T>): AsyncIterable<T> & { cancel(): Promise<void> } {
  return { [Symbol.asyncIterator]: generator, cancel: async () => undefined };
}
