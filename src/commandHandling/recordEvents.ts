import { Mutex } from 'async-mutex';
import { decide } from '../domain/decide.ts';
import { catalogue, streamOf, type LedgerEvent } from '../domain/events/catalogue.ts';
import { evolve, initialState, type LedgerState } from '../domain/ledgerState.ts';
import { referencedStreams } from '../domain/referencedStreams.ts';
import { withoutRetracted } from '../domain/retractions.ts';
import { canonicalJson } from '../audit/canonicalJson.ts';
import { ConcurrencyError } from '../errors/concurrencyError.ts';
import { DuplicateEventIdError } from '../errors/duplicateEventIdError.ts';
import { ValidationError } from '../errors/validationError.ts';
import type { EventStore, EventToAppend, StoredEvent, StreamRevision } from '../eventStore/eventStore.ts';
import { toExpectedRevision, type Submission } from './submission.ts';
import { validateSubmission, type ValidatedEvent } from './validateSubmission.ts';
import { expectedRevisionMatches } from './expectedRevisionMatches.ts';

/** Who is writing: recorded in every event's metadata, and so covered by its hash. */
export interface Writer {
  actor: string;
  role?: string;
  correlationId?: string;
}

export interface RecorderDeps {
  store: EventStore;
  /** The server's clock; the domain never reads one. */
  now: () => Date;
  /** New event ids for facts submitted without one. */
  newId: () => string;
}

export interface RecordResult {
  events: StoredEvent[];
  /** True when every event was already recorded with the same content (an idempotent retry). */
  replayed: boolean;
}

export type RecordEvents = (submission: Submission, writer: Writer, paths?: (index: number) => string) => Promise<RecordResult>;

/**
 * The one write path of the ledger, used alike by the HTTP API, the CLI and the demo seeder.
 * Steps: validate → resolve the stream → (serialized) replay check → revision check → load state
 * → decide → append. Writes are serialized in this process, so the rules always run against the
 * state the append is conditioned on; the store re-checks the revision atomically besides.
 */
export function createRecorder(deps: RecorderDeps): RecordEvents {
  const writes = new Mutex();

  return async (submission, writer, paths = (i) => `events/${i}`) => {
    // 1. Validate every field of every event before touching the store.
    const validated = validateSubmission(submission, paths);
    const expected = toExpectedRevision(submission.expectedRevision);

    return writes.runExclusive(async () => {
      // 2. Resolve the one stream this batch belongs to.
      const targets = await retractionTargets(deps.store, validated);
      const stream = batchStream(validated, targets);

      // 3. A retry of an already recorded batch returns the originals, whatever the revision now.
      const replay = await findReplay(deps.store, stream, validated);
      if (replay) return { events: replay, replayed: true };

      // 4. A stale view is a conflict before any rule runs.
      const revision = await deps.store.streamRevision(stream);
      if (!expectedRevisionMatches(expected, revision)) throw new ConcurrencyError(stream, expected, revision);

      // 5. Fold the streams the rules need, then decide each fact in order.
      const now = deps.now();
      const recordedAt = now.toISOString();
      const context = { recordedOn: recordedAt.slice(0, 10) };
      let state = await loadState(deps.store, stream, validated, targets);
      const toAppend: EventToAppend[] = [];
      for (const { id: clientId, event } of validated) {
        const id = clientId ?? deps.newId();
        const target = event.type === 'EntryRetracted' ? targets.get(event.data.eventId) : undefined;
        const decided = decide({ id, stream, event }, state, { ...context, retractionTarget: target && summary(target) });
        for (const fact of decided) {
          state = evolve(state, { id, stream, type: fact.type, data: fact.data });
          toAppend.push({
            id,
            type: fact.type,
            schemaVersion: catalogue[fact.type].schemaVersion,
            data: fact.data,
            recordedAt,
            actor: writer.actor,
            metadata: metadataOf(writer),
          });
        }
      }

      // 6. Append, conditioned on the revision the rules ran against.
      const appended = await deps.store.appendToStream(stream, toAppend, { expectedRevision: concrete(revision) });
      return { events: appended.events, replayed: false };
    });
  };
}

function metadataOf(writer: Writer): Record<string, string> {
  const metadata: Record<string, string> = {};
  if (writer.role) metadata.role = writer.role;
  if (writer.correlationId) metadata.correlationId = writer.correlationId;
  return metadata;
}

function concrete(revision: StreamRevision) {
  return revision === 'no_stream' ? ('no_stream' as const) : revision;
}

function summary(e: StoredEvent) {
  return { id: e.id, type: e.type, stream: e.stream };
}

async function retractionTargets(store: EventStore, validated: ValidatedEvent[]): Promise<Map<string, StoredEvent>> {
  const targets = new Map<string, StoredEvent>();
  for (const { event } of validated) {
    if (event.type !== 'EntryRetracted') continue;
    const target = await store.getEvent(event.data.eventId);
    if (target) targets.set(target.id, target);
  }
  return targets;
}

/** A retraction of an unknown event has no stream; it is refused by the rules, so any name will do. */
const UNKNOWN_TARGET_STREAM = 'retraction-of-unknown-event';

function batchStream(validated: ValidatedEvent[], targets: Map<string, StoredEvent>): string {
  const streams = validated.map(({ event }) =>
    event.type === 'EntryRetracted' ? (targets.get(event.data.eventId)?.stream ?? UNKNOWN_TARGET_STREAM) : streamOf(event)!,
  );
  const distinct = [...new Set(streams)];
  if (distinct.length > 1) {
    throw new ValidationError([
      { path: 'events', message: `all events of a batch must belong to one stream; this one spans ${distinct.join(', ')}` },
    ]);
  }
  return distinct[0]!;
}

/** The originals if every event of the batch is already recorded identically; throws on a reused id. */
async function findReplay(store: EventStore, stream: string, validated: ValidatedEvent[]): Promise<StoredEvent[] | undefined> {
  const found: StoredEvent[] = [];
  for (const { id, event } of validated) {
    if (id === undefined) continue;
    const existing = await store.getEvent(id);
    if (!existing) continue;
    if (!sameFact(existing, stream, event)) throw new DuplicateEventIdError(id);
    found.push(existing);
  }
  if (found.length === 0) return undefined;
  if (found.length !== validated.length) throw new DuplicateEventIdError(found[0]!.id);
  return found;
}

function sameFact(existing: StoredEvent, stream: string, event: LedgerEvent): boolean {
  return (
    existing.stream === stream &&
    existing.type === event.type &&
    existing.schemaVersion === catalogue[event.type].schemaVersion &&
    canonicalJson(existing.data) === canonicalJson(event.data)
  );
}

async function loadState(
  store: EventStore,
  stream: string,
  validated: ValidatedEvent[],
  targets: Map<string, StoredEvent>,
): Promise<LedgerState> {
  const streams = new Set<string>([stream]);
  for (const { event } of validated) for (const s of referencedStreams(event)) streams.add(s);
  for (const target of targets.values()) streams.add(target.stream);
  const events: StoredEvent[] = [];
  for (const s of streams) events.push(...(await store.readStream(s)));
  events.sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
  return withoutRetracted(events).reduce<LedgerState>((state, e) => evolve(state, e), initialState());
}
