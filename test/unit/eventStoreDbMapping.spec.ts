import { randomUUID } from 'node:crypto';
import {
  AccessDeniedError,
  ANY,
  convertToCommandError,
  DeadlineExceededError,
  NO_STREAM,
  NotLeaderError,
  STREAM_EXISTS,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  type EventData,
  type RecordedEvent,
} from '@eventstore/db-client';
// The client's own decoding of a gRPC record, and the generated protobuf classes the server's answers arrive as.
import { convertGrpcRecord } from '@eventstore/db-client/dist/utils/convertGrpcEvent.js';
import { createStreamIdentifier } from '@eventstore/db-client/dist/utils/grpcStreamIdentifier.js';
import { createUUID } from '@eventstore/db-client/dist/utils/grpcUUID.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import { describe, expect, it } from 'vitest';
import { eventHash, GENESIS_HASH } from '../../src/audit/eventHash.ts';
import { catalogue, EVENT_TYPES } from '../../src/domain/events/catalogue.ts';
import { ValidationError } from '../../src/errors/validationError.ts';
import type { ExpectedRevision } from '../../src/eventStore/eventStore.ts';
import {
  chainHeadOf,
  fromClientExpectedRevision,
  fromClientPosition,
  fromClientRevision,
  fromRecordedEvent,
  isLedgerRecord,
  isStreamNotFound,
  LEDGER_STREAM_PATTERN,
  RETRY_AFTER_SECONDS,
  revisionMatches,
  streamMatcher,
  toClientExpectedRevision,
  toClientPosition,
  toEventData,
  translateClientError,
  type UnpositionedEvent,
} from '../../src/eventStore/eventStoreDbMapping.ts';

describe('EventStoreDB mapping', () => {
  describe('expected revisions', () => {
    it.each<[ExpectedRevision, unknown]>([
      ['any', ANY],
      ['no_stream', NO_STREAM],
      ['stream_exists', STREAM_EXISTS],
      [0n, 0n],
      [2n ** 60n, 2n ** 60n],
    ])('given our %s, then the client gets %s, and it maps back', (ours, theirs) => {
      expect(toClientExpectedRevision(ours)).toBe(theirs);
      expect(fromClientExpectedRevision(toClientExpectedRevision(ours))).toBe(ours);
    });

    it('given the client current revision, then no_stream and revisions map to our StreamRevision', () => {
      expect(fromClientRevision(NO_STREAM)).toBe('no_stream');
      expect(fromClientRevision(7n)).toBe(7n);
    });

    it.each<[ExpectedRevision, bigint | 'no_stream', boolean]>([
      ['any', 'no_stream', true],
      ['any', 3n, true],
      ['no_stream', 'no_stream', true],
      ['no_stream', 0n, false],
      ['stream_exists', 'no_stream', false],
      ['stream_exists', 0n, true],
      [1n, 1n, true],
      [1n, 2n, false],
      [0n, 'no_stream', false],
    ])('given expected %s and actual %s, then matches is %s', (expected, actual, matches) => {
      expect(revisionMatches(expected, actual)).toBe(matches);
    });
  });

  describe('positions', () => {
    it('given a commit position above 2^53, then it maps to and from $all positions exactly, with prepare = commit', () => {
      const position = 2n ** 62n + 12345n;
      expect(toClientPosition(position)).toEqual({ commit: position, prepare: position });
      expect(fromClientPosition(toClientPosition(position))).toBe(position);
    });
  });

  describe('events', () => {
    it('given a stored event, when turned into EventData, then id, type and JSON data are ours and the other fields ride in metadata', () => {
      const event = chained();
      const data = toEventData(event);
      expect(data).toMatchObject({ id: event.id, type: event.type, contentType: 'application/json', data: event.data });
      expect(data.metadata).toEqual({
        schemaVersion: 1,
        recordedAt: event.recordedAt,
        actor: event.actor,
        metadata: event.metadata,
        prevHash: GENESIS_HASH,
        hash: event.hash,
      });
    });

    it('given an event written and read back through the client, then it is equal to what was written and its hash recomputes', () => {
      const event = chained({ data: { district: 'Quiñota', amount: '5187500.00', items: [{ qty: 3, none: null }], note: '«Año» 🇵🇪 \u2028' } });
      const position = 2n ** 55n + 1n;
      const read = fromRecordedEvent(asServerReturns(toEventData(event), event.stream, event.revision, position));
      expect(read).toEqual({ ...event, position });
      expect(eventHash(read)).toBe(read.hash);
    });

    it('given a stream read from a server older than 22.6 (no position), then the ResolvedEvent commit position is used, else it fails', () => {
      const event = chained();
      const record = asServerReturns(toEventData(event), event.stream, 0n, 2n ** 64n - 1n);
      expect(fromRecordedEvent(record, 99n).position).toBe(99n);
      expect(() => fromRecordedEvent(record)).toThrow(/22\.6/);
    });

    it('given an event without the ledger metadata or with binary data, then it is refused as foreign', () => {
      const event = chained();
      const noMetadata = asServerReturns({ ...toEventData(event), metadata: { something: 'else' } }, event.stream, 0n, 10n);
      expect(() => fromRecordedEvent(noMetadata)).toThrow(/not a ledger event/);
      const binary = { ...fromRecordedEventInput(event), isJson: false } as unknown as RecordedEvent;
      expect(() => fromRecordedEvent(binary)).toThrow(/not JSON/);
      expect(() => chainHeadOf(noMetadata)).toThrow(/not a ledger event/);
    });

    it('given the last event of a stream, then the chain continues from its revision and stored hash', () => {
      const event = chained({ revision: 4n, prevHash: 'a'.repeat(64) });
      expect(chainHeadOf(asServerReturns(toEventData(event), event.stream, 4n, 10n))).toEqual({ revision: 4n, hash: event.hash });
    });
  });

  describe('which records are the ledger', () => {
    const inLedger = streamMatcher(LEDGER_STREAM_PATTERN);

    it('given every stream the catalogue writes to, then the ledger pattern (also the subscription filter) covers it', () => {
      const ids = { lgId: 'x', planId: 'x', transitionId: 'x', tableId: 'x', projectId: 'x' };
      const streams = EVENT_TYPES.map((t) => (catalogue[t].stream as (d: unknown) => string | null)(ids)).filter((s) => s !== null);
      expect(streams.length).toBeGreaterThan(5);
      for (const stream of streams) expect(inLedger(stream)).toBe(true);
    });

    it.each([
      [{ type: 'PlanAdopted', streamId: 'plan-1' }, true],
      [{ type: '$metadata', streamId: 'plan-1' }, false],
      [{ type: '$>', streamId: '$ce-plan' }, false],
      [{ type: 'Something', streamId: '$scavenges' }, false],
      [{ type: 'OrderPlaced', streamId: 'order-1' }, false],
      [{ type: 'PlanAdopted', streamId: 'xplan-1' }, false],
      [undefined, false],
    ])('given %o, then it is a ledger record: %s', (record, expected) => {
      expect(isLedgerRecord(record, inLedger)).toBe(expected);
    });
  });

  describe('errors', () => {
    it('given a WrongExpectedVersionError, then CONCURRENCY_CONFLICT with the caller expectation and the actual revision from the error', () => {
      const error = new WrongExpectedVersionError(undefined, { streamName: 'plan-1', expected: 1n, current: 3n });
      expect(translateClientError(error, { stream: 'plan-1', expectedRevision: 'stream_exists' })).toMatchObject({
        code: 'CONCURRENCY_CONFLICT', stream: 'plan-1', expectedRevision: 'stream_exists', actualRevision: 3n,
      });
      const noStream = new WrongExpectedVersionError(undefined, { streamName: 'lg-9', expected: STREAM_EXISTS, current: NO_STREAM });
      expect(translateClientError(noStream)).toMatchObject({
        code: 'CONCURRENCY_CONFLICT', stream: 'lg-9', expectedRevision: 'stream_exists', actualRevision: 'no_stream',
      });
    });

    it('given a gRPC failure carrying wrong-expected-version metadata, when the client converts it, then it translates with the revisions it carries', () => {
      const converted = convertToCommandError(serviceError(9, 'wrong expected version', {
        exception: 'wrong-expected-version', 'stream-name': 'plan-2', 'expected-version': '1', 'actual-version': '4',
      }));
      expect(converted).toBeInstanceOf(WrongExpectedVersionError);
      expect(translateClientError(converted)).toMatchObject({ code: 'CONCURRENCY_CONFLICT', stream: 'plan-2', expectedRevision: 1n, actualRevision: 4n });
    });

    it.each([
      ['UnavailableError', () => new UnavailableError(), RETRY_AFTER_SECONDS.unavailable],
      ['DeadlineExceededError', () => new DeadlineExceededError(), RETRY_AFTER_SECONDS.unavailable],
      ['NotLeaderError', () => new NotLeaderError(serviceError(5, 'not leader', { 'leader-endpoint-host': 'node2', 'leader-endpoint-port': '2113' })), RETRY_AFTER_SECONDS.notLeader],
      ['a raw gRPC UNAVAILABLE, converted by the client', () => convertToCommandError(serviceError(14, 'No connection established', {})), RETRY_AFTER_SECONDS.unavailable],
      ['a failed discovery', () => new Error('Failed to discover after 10 attempts.'), RETRY_AFTER_SECONDS.unavailable],
      ['a refused TCP connection', () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2113'), { code: 'ECONNREFUSED' }), RETRY_AFTER_SECONDS.unavailable],
    ])('given %s, then STORE_UNAVAILABLE with a retry hint and the cause kept', (_, make, retryAfterSeconds) => {
      const error = make();
      const translated = translateClientError(error);
      expect(translated).toMatchObject({ code: 'STORE_UNAVAILABLE', retryAfterSeconds, details: { retryAfterSeconds } });
      expect((translated as Error).cause).toBe(error);
    });

    it('given a StreamNotFoundError, then it is recognised (an empty stream on reads) and not translated', () => {
      const error = new StreamNotFoundError(undefined, 'plan-404');
      expect(isStreamNotFound(error)).toBe(true);
      expect(isStreamNotFound(new UnavailableError())).toBe(false);
      expect(translateClientError(error)).toBe(error);
    });

    it('given errors that are neither conflicts nor outages, then they pass through unchanged', () => {
      const denied = new AccessDeniedError();
      const ours = new ValidationError([{ path: 'x', message: 'bad' }]);
      const bug = new TypeError('x is undefined');
      for (const error of [denied, ours, bug, 'a string']) expect(translateClientError(error)).toBe(error);
    });
  });
});

function chained(overrides: Partial<UnpositionedEvent> = {}): UnpositionedEvent {
  const fields = {
    id: randomUUID(),
    stream: 'plan-abc',
    revision: 0n,
    type: 'PlanAdopted',
    schemaVersion: 1,
    data: { planId: 'abc', adoptedOn: '2019-01-02' } as unknown,
    recordedAt: '2019-01-02T03:04:05.678Z',
    actor: 'alcaldía-quiñota',
    metadata: { role: 'registrador' },
    prevHash: GENESIS_HASH,
    ...overrides,
  };
  return { ...fields, hash: eventHash(fields) };
}

/**
 * The record a server returns for `event`: data and custom metadata as the bytes the client's
 * append sends (JSON.stringify of each), decoded by the client's own convertGrpcRecord.
 */
function asServerReturns(event: EventData, stream: string, revision: bigint, position: bigint): RecordedEvent {
  const record = new streamsPb.ReadResp.ReadEvent.RecordedEvent();
  record.setId(createUUID(event.id));
  record.setStreamIdentifier(createStreamIdentifier(stream));
  record.setStreamRevision(revision.toString());
  record.setCommitPosition(position.toString());
  record.setPreparePosition(position.toString());
  record.getMetadataMap().set('type', event.type);
  record.getMetadataMap().set('content-type', event.contentType);
  record.getMetadataMap().set('created', '638400000000000000');
  record.setData(Buffer.from(JSON.stringify(event.data), 'utf8'));
  record.setCustomMetadata(Buffer.from(JSON.stringify(event.metadata), 'utf8'));
  return convertGrpcRecord(record);
}

function fromRecordedEventInput(event: UnpositionedEvent): RecordedEvent {
  return asServerReturns(toEventData(event), event.stream, event.revision, 1n);
}

/** The shape of a @grpc/grpc-js ServiceError, as the client receives it: numeric status code and trailing metadata. */
function serviceError(code: number, details: string, metadata: Record<string, string>) {
  const error = Object.assign(new Error(`${code} ${details}`), { code, details, metadata: { getMap: () => metadata } });
  return error as unknown as ConstructorParameters<typeof NotLeaderError>[0];
}

