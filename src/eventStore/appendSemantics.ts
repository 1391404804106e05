import { assertLowercaseIds } from './eventIdCase.ts';
import { canonicalJson } from '../audit/canonicalJson.ts';
import { eventHash, eventHashOfCanonical, GENESIS_HASH } from '../audit/eventHash.ts';
import { ConcurrencyError } from '../errors/concurrencyError.ts';
import { DuplicateEventIdError } from '../errors/duplicateEventIdError.ts';
import { ValidationError } from '../errors/validationError.ts';
import type { StoredEvent } from '../records/storedEvent.ts';
import type { AppendOptions, AppendResult, EventStore, EventToAppend, ExpectedRevision, GroupAppend, StreamRevision } from './eventStore.ts';
import { revisionMatches } from './revisionMatches.ts';

/**
 * What an append means, whatever the store: the rules every adapter applies, in one place, so that
 * SQLite and EventStoreDB refuse the same things with the same errors.
 */

/** An event as it will be stored, before the store gives it a position. */
export type ChainedEvent = Omit<StoredEvent, 'position'>;

/** A stream's last event: where its chain continues. */
export interface ChainHead {
  revision: bigint;
  hash: string;
}

/**
 * An event's data and metadata (`{}` when absent) as RFC 8785 canonical JSON: serialized once per
 * event, the same text is hashed into the chain and, on SQLite, stored.
 */
export interface EventTexts {
  data: string;
  metadata: string;
}

/**
 * Refuses, before any I/O, a batch that cannot be written at all: empty (VALIDATION_FAILED), an id
 * twice (DUPLICATE_EVENT_ID), data or metadata JSON cannot represent, such as a BigInt or a cycle
 * (VALIDATION_FAILED, never a 500). Returns each event's texts, for chainEvents and for stores that keep them.
 */
export function prevalidate(events: readonly EventToAppend[]): EventTexts[] {
  if (events.length === 0) throw new ValidationError([{ path: 'events', message: 'must contain at least one event' }]);
  assertLowercaseIds(events);
  const seen = new Set<string>();
  // The events of one command usually share one metadata object: serialized once.
  let lastMetadata: unknown; // never undefined once set: absent metadata is EMPTY_METADATA
  let lastMetadataText: string | undefined;
  return events.map((e, i) => {
    if (seen.has(e.id)) throw new DuplicateEventIdError(e.id);
    seen.add(e.id);
    const data = canonicalText(e.data);
    if (data === undefined) throw new ValidationError([{ path: `events/${i}/data`, message: 'must be a JSON value' }]);
    const metadataValue = e.metadata ?? EMPTY_METADATA;
    if (metadataValue !== lastMetadata) [lastMetadata, lastMetadataText] = [metadataValue, canonicalText(metadataValue)];
    if (lastMetadataText === undefined) throw new ValidationError([{ path: `events/${i}/metadata`, message: 'must be a JSON object of strings' }]);
    return { data, metadata: lastMetadataText };
  });
}

const EMPTY_METADATA = Object.freeze({});

function canonicalText(value: unknown): string | undefined {
  try {
    return canonicalJson(value);
  } catch {
    return undefined; // no JSON form, BigInt, cycles, a throwing toJSON
  }
}

/** Whether a recorded event is the same fact as one appended again: stream, type, schemaVersion and canonical data. */
export function sameFact(recorded: Pick<StoredEvent, 'stream' | 'type' | 'schemaVersion' | 'data'>, stream: string, event: Pick<EventToAppend, 'type' | 'schemaVersion' | 'data'>): boolean {
  return (
    recorded.stream === stream &&
    recorded.type === event.type &&
    recorded.schemaVersion === event.schemaVersion &&
    canonicalJson(recorded.data) === canonicalJson(event.data)
  );
}

/**
 * Idempotency by id, once some ids of the batch are found recorded (`recorded`, by id). Only an
 * exact retry (every id, each the same fact) is accepted: it returns the originals, in the batch's
 * order, and writes nothing. A batch half old, half new is not a retry (writing the new half would
 * split it), and a reused id with other content is a different fact: both DUPLICATE_EVENT_ID.
 */
export function replayOf(stream: string, events: readonly EventToAppend[], recorded: ReadonlyMap<string, StoredEvent>): AppendResult {
  const originals = events.map((e) => {
    const original = recorded.get(e.id);
    if (original === undefined) throw new DuplicateEventIdError(events.find((x) => recorded.has(x.id))!.id);
    if (!sameFact(original, stream, e)) throw new DuplicateEventIdError(e.id);
    return original;
  });
  const nextRevision = originals.reduce((max, e) => (e.revision > max ? e.revision : max), 0n);
  return { events: originals, nextRevision, replayed: true };
}

/** The revision check: ConcurrencyError naming the stream when `actual` does not satisfy `expected`. */
/** `appendToStream` as a group of one: its result, or what refused it, thrown. */
export async function appendAsGroupOfOne(
  store: Pick<EventStore, 'appendGroup'>,
  stream: string,
  events: EventToAppend[],
  options: AppendOptions = {},
): Promise<AppendResult> {
  const [outcome] = await store.appendGroup([{ stream, events, expectedRevision: options.expectedRevision }]);
  if (!outcome!.ok) throw outcome!.error;
  return outcome!.result;
}

export function requireRevision(stream: string, expected: ExpectedRevision, actual: StreamRevision): void {
  if (!revisionMatches(expected, actual)) throw new ConcurrencyError(stream, expected, actual);
}

/**
 * Extends a stream's hash chain from `head` (undefined: a new stream): revisions, prevHash and hash
 * of each event, as they will be stored. Run under the same check as the revision, so a chain
 * can never fork. `texts`, prevalidate's, spares serializing data and metadata a second time.
 */
export function chainEvents(stream: string, events: readonly EventToAppend[], head: ChainHead | undefined, texts?: readonly EventTexts[]): ChainedEvent[] {
  let revision = head ? head.revision + 1n : 0n;
  let prevHash = head?.hash ?? GENESIS_HASH;
  return events.map((e, i) => {
    const chained: ChainedEvent = { stream, revision: revision++, id: e.id, type: e.type, schemaVersion: e.schemaVersion, data: e.data, recordedAt: e.recordedAt, actor: e.actor, metadata: e.metadata ?? {}, prevHash, hash: '' };
    const text = texts?.[i];
    prevHash = text ? eventHashOfCanonical(chained, text.data, text.metadata) : eventHash(chained);
    chained.hash = prevHash;
    return chained;
  });
}

/**
 * What the store answers for a batch it reports as written, given what it holds under those ids
 * (`stored`, by id). A store that dedups ids on its own (EventStoreDB accepts a write whose ids it
 * already has as an idempotent duplicate) may hold another writer's content there: then the answer
 * is DUPLICATE_EVENT_ID, and otherwise what is stored, never the caller's copy.
 */
export function asStored(stream: string, events: readonly EventToAppend[], stored: ReadonlyMap<string, StoredEvent>): StoredEvent[] {
  return events.map((e) => {
    const found = stored.get(e.id);
    if (found === undefined || !sameFact(found, stream, e)) throw new DuplicateEventIdError(e.id);
    return found;
  });
}

/**
 * The dependencies inside one group. Its commands were decided one after another, each on what the
 * earlier ones append; so once a command is refused, a later one that expects an exact revision of
 * a stream the refused one was to append to (anything but `any`) expects something never written, and
 * is refused too.
 */
export class GroupDependencies {
  private readonly refusedStreams = new Set<string>();

  /** Notes a refused command. */
  refused(command: GroupAppend): void {
    this.refusedStreams.add(command.stream);
  }

  /**
   * The stream and expectation by which `command` depends on an earlier refused command, if any:
   * the adapter refuses it with ConcurrencyError on that stream. Only `any` expects nothing.
   */
  dependency(command: GroupAppend): { stream: string; expected: ExpectedRevision } | undefined {
    if (this.refusedStreams.size === 0) return undefined;
    const expected = command.expectedRevision ?? 'any';
    if (expected !== 'any' && this.refusedStreams.has(command.stream)) return { stream: command.stream, expected };
    const condition = command.conditions?.find((c) => this.refusedStreams.has(c.stream));
    return condition && { stream: condition.stream, expected: condition.revision };
  }
}
