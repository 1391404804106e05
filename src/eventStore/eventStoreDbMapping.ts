import { DOMAIN_PREFIXES } from '../domain/streams.ts';
import {
  ANY,
  ErrorType,
  jsonEvent,
  NO_STREAM,
  STREAM_EXISTS,
  type AppendExpectedRevision,
  type CurrentRevision,
  type EventData,
  type Position,
  type RecordedEvent,
} from '@eventstore/db-client';
import { z } from 'zod';
import { AppendTooLargeError } from '../errors/appendTooLargeError.ts';
import { ConcurrencyError } from '../errors/concurrencyError.ts';
import { StoreUnavailableError } from '../errors/storeUnavailableError.ts';
import type { ExpectedRevision, StreamRevision } from './eventStore.ts';
import type { StoredEvent } from '../records/storedEvent.ts';

/**
 * Pure translation between the event-store port and @eventstore/db-client 6.x: revisions,
 * events, positions and errors. No I/O, so every rule here is unit-tested without a server.
 */

/** Streams that belong to the ledger: every kind of domain stream (src/domain/streams.ts), and the audit and access streams. */
export const LEDGER_STREAM_PATTERN = `^(${[...DOMAIN_PREFIXES, 'audit-', 'access-'].join('|')})`;

// ─── Revisions ───────────────────────────────────────────────────────────────────────────────

/** Our ExpectedRevision as the client's. Both follow EventStoreDB, so this is one-to-one. */
export function toClientExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return expected;
  }
}

/** The client's ExpectedRevision (as echoed in WrongExpectedVersionError) as ours. */
export function fromClientExpectedRevision(expected: AppendExpectedRevision): ExpectedRevision {
  switch (expected) {
    case ANY:
      return 'any';
    case NO_STREAM:
      return 'no_stream';
    case STREAM_EXISTS:
      return 'stream_exists';
    default:
      return expected;
  }
}

/** The client's CurrentRevision as our StreamRevision. */
export function fromClientRevision(current: CurrentRevision): StreamRevision {
  return current === NO_STREAM ? 'no_stream' : current;
}

export { revisionMatches } from './revisionMatches.ts';

// ─── Positions ───────────────────────────────────────────────────────────────────────────────

/**
 * Our position for an $all position. Appends through gRPC never use explicit transactions, so each
 * event is committed on its own record and its commit position equals its prepare position: the
 * commit position alone identifies it and strictly increases along $all.
 */
export function fromClientPosition(position: Position): bigint {
  return position.commit;
}

/** The $all position of the event at our `position` (see fromClientPosition for why commit = prepare). */
export function toClientPosition(position: bigint): Position {
  return { commit: position, prepare: position };
}

/** What a server older than 22.6 puts in a stream read for "no position" (ulong.MaxValue). */
const NO_POSITION = 2n ** 64n - 1n;

// ─── Events ──────────────────────────────────────────────────────────────────────────────────

/**
 * Our fields that EventStoreDB has no slot for, kept in the event's metadata. `hash` and
 * `prevHash` are stored, not recomputed on read, so that a verifier can detect an edited event.
 */
export const LedgerMetadata = z.object({
  schemaVersion: z.number().int(),
  recordedAt: z.string(),
  actor: z.string(),
  metadata: z.record(z.string(), z.string()),
  prevHash: z.string(),
  hash: z.string(),
});
export type LedgerMetadata = z.infer<typeof LedgerMetadata>;

/** An event ready to be written: everything a StoredEvent has except the position, which the server assigns. */
export type UnpositionedEvent = Omit<StoredEvent, 'position'>;

/** A StoredEvent (without its position) as the client's JSON EventData: our id, type and data, the rest in metadata. */
export function toEventData(event: UnpositionedEvent): EventData {
  const metadata: LedgerMetadata = {
    schemaVersion: event.schemaVersion,
    recordedAt: event.recordedAt,
    actor: event.actor,
    metadata: event.metadata,
    prevHash: event.prevHash,
    hash: event.hash,
  };
  // The client's JSONType excludes numbers, booleans and null at the top level; the client
  // JSON.stringify-s whatever it is given, so any JSON value round-trips.
  return jsonEvent({ id: event.id, type: event.type, data: event.data as Record<string, unknown>, metadata });
}

/** Thrown when a ledger stream holds an event the ledger did not write (or wrote and someone changed). */
export class ForeignEventError extends Error {
  constructor(readonly eventId: string, readonly stream: string, reason: string) {
    super(`Event ${eventId} in stream ${stream} is not a ledger event: ${reason}`);
    this.name = 'ForeignEventError';
  }
}

/**
 * A recorded event as our StoredEvent. `fallbackPosition` is the ResolvedEvent's commitPosition,
 * used when the record itself carries none. Throws ForeignEventError on an event without our
 * metadata, and a plain Error when the server gives no position (servers before 22.6).
 */
export function fromRecordedEvent(recorded: RecordedEvent, fallbackPosition?: bigint): StoredEvent {
  if (!recorded.isJson) throw new ForeignEventError(recorded.id, recorded.streamId, 'its data is not JSON');
  const parsed = LedgerMetadata.safeParse(recorded.metadata);
  if (!parsed.success) throw new ForeignEventError(recorded.id, recorded.streamId, 'its metadata lacks the ledger fields');
  const own = recorded.position?.commit;
  const position = own !== undefined && own !== NO_POSITION ? own : fallbackPosition;
  if (position === undefined || position === NO_POSITION) {
    throw new Error(`EventStoreDB returned no position for event ${recorded.id}; the ledger needs server 22.6 or later`);
  }
  const m = parsed.data;
  return {
    id: recorded.id,
    stream: recorded.streamId,
    revision: recorded.revision,
    position,
    type: recorded.type,
    schemaVersion: m.schemaVersion,
    data: recorded.data,
    recordedAt: m.recordedAt,
    actor: m.actor,
    metadata: m.metadata,
    prevHash: m.prevHash,
    hash: m.hash,
  };
}

/** Where a stream's hash chain continues: its last event's revision and stored hash. */
export function chainHeadOf(recorded: RecordedEvent): { revision: bigint; hash: string } {
  const parsed = LedgerMetadata.safeParse(recorded.metadata);
  if (!parsed.success) throw new ForeignEventError(recorded.id, recorded.streamId, 'its metadata lacks the ledger fields');
  return { revision: recorded.revision, hash: parsed.data.hash };
}

/** Compiles the ledger's stream pattern for client-side checks (the server gets the same source). */
export function streamMatcher(pattern: string): (stream: string) => boolean {
  const regex = new RegExp(pattern);
  return (stream) => regex.test(stream);
}

/**
 * Whether a record read from $all is one of ours: not a system event (`$` type or stream), not a
 * link, and in a stream that matches the ledger's pattern.
 */
export function isLedgerRecord(recorded: Pick<RecordedEvent, 'type' | 'streamId'> | undefined, inLedger: (stream: string) => boolean): boolean {
  if (recorded === undefined) return false;
  if (recorded.type.startsWith('$') || recorded.streamId.startsWith('$')) return false;
  return inLedger(recorded.streamId);
}

// ─── Errors ──────────────────────────────────────────────────────────────────────────────────

/** EventStoreDB's MaxAppendSize default (bytes of one append's events). */
export const DEFAULT_MAX_APPEND_BYTES = 1_048_576;

/** Seconds a client should wait before retrying, by failure. A new leader is usually elected within a second or two. */
export const RETRY_AFTER_SECONDS = { notLeader: 1, unavailable: 5 } as const;

const UNAVAILABLE_TYPES: ReadonlySet<string> = new Set([
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.CANCELLED,
  ErrorType.NOT_LEADER,
]);

/** Errors that come from below gRPC (DNS, TCP) or from the client's discovery. */
const CONNECTION_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

function typeOf(error: unknown): string | undefined {
  const type = (error as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? type : undefined;
}

/** True for the client's StreamNotFoundError: on a read, it means the stream is empty. */
export function isStreamNotFound(error: unknown): boolean {
  return typeOf(error) === ErrorType.STREAM_NOT_FOUND;
}

/** True for the client's WrongExpectedVersionError. */
export function isWrongExpectedVersion(error: unknown): error is { streamName: string; expectedVersion: AppendExpectedRevision; actualVersion: CurrentRevision } {
  return typeOf(error) === ErrorType.WRONG_EXPECTED_VERSION;
}

/** True when the server cannot be reached or cannot serve now: worth retrying later. */
export function isUnavailable(error: unknown): boolean {
  const type = typeOf(error);
  if (type !== undefined) return UNAVAILABLE_TYPES.has(type);
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
  // Raised by the client when no node answers gossip or the single node cannot be reached.
  return /Failed to discover after \d+ attempts/.test(error.message);
}

/**
 * Translates a client error into the port's: WrongExpectedVersionError → ConcurrencyError (with
 * the caller's expectation if given, and the actual revision from the error); unreachable server,
 * deadline, not-leader → StoreUnavailableError with a retry hint; an append over the server's
 * size limit → AppendTooLargeError (PAYLOAD_TOO_LARGE). Matches on the client's `type`
 * discriminant, not `instanceof`, so a duplicated client package still translates. Anything else
 * is returned unchanged.
 */
export function translateClientError(error: unknown, context: { stream?: string; expectedRevision?: ExpectedRevision } = {}): unknown {
  if (isWrongExpectedVersion(error)) {
    return new ConcurrencyError(
      context.stream ?? error.streamName,
      context.expectedRevision ?? fromClientExpectedRevision(error.expectedVersion),
      fromClientRevision(error.actualVersion),
    );
  }
  if (typeOf(error) === ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED) {
    const max = (error as { maxAppendSize?: unknown }).maxAppendSize;
    return new AppendTooLargeError(typeof max === 'number' ? max : DEFAULT_MAX_APPEND_BYTES);
  }
  if (isUnavailable(error)) {
    const notLeader = typeOf(error) === ErrorType.NOT_LEADER;
    const detail = error instanceof Error && error.message ? `: ${error.message}` : '';
    return new StoreUnavailableError(
      notLeader ? 'EventStoreDB node is not the leader; the client is reconnecting to the new leader' : `EventStoreDB is unavailable${detail}`,
      notLeader ? RETRY_AFTER_SECONDS.notLeader : RETRY_AFTER_SECONDS.unavailable,
      { cause: error },
    );
  }
  return error;
}
