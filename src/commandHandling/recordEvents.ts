import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { decide } from '../domain/decide.ts';
import { catalogue, streamOf, type LedgerEvent } from '../domain/events/catalogue.ts';
import { evolve } from '../domain/ledgerState.ts';
import { referencedStreams } from '../domain/referencedStreams.ts';
import { ConcurrencyError } from '../errors/concurrencyError.ts';
import { DuplicateEventIdError } from '../errors/duplicateEventIdError.ts';
import { isLedgerError } from '../errors/ledgerError.ts';
import { ValidationError } from '../errors/validationError.ts';
import { sameFact } from '../eventStore/appendSemantics.ts';
import { MAX_GROUP_EVENTS, type EventStore, type EventToAppend, type ExpectedRevision, type StreamCondition, type StreamRevision } from '../eventStore/eventStore.ts';
import type { StoredEvent } from '../records/storedEvent.ts';
import { GroupOverlay } from './groupOverlay.ts';
import { loadWriteModel } from './loadWriteModel.ts';
import { RecordedReads } from './recordedReads.ts';
import { WriteModelCache, type WriteModel } from './writeModelCache.ts';
import { toExpectedRevision, type Submission } from './submission.ts';
import { validateSubmission, type ValidatedEvent } from './validateSubmission.ts';
import { revisionMatches } from '../eventStore/revisionMatches.ts';
import { authorizeByScope, type AuthorizeWrite } from '../access/authorize.ts';
import type { Writer } from './writer.ts';

export type { Writer } from './writer.ts';

export interface RecorderDeps {
  store: EventStore;
  /** The server's clock; the domain never reads one. */
  now: () => Date;
  /** New event ids for facts submitted without one. */
  newId: () => string;
  /** Decides whether the writer may record each fact, before any rule runs. Default: the scope checks of src/access/authorize.ts. */
  authorize?: AuthorizeWrite;
}

export interface RecordResult {
  events: StoredEvent[];
  /** True when every event was already recorded with the same content (an idempotent retry). */
  replayed: boolean;
}

export type RecordEvents = (submission: Submission, writer: Writer, paths?: (index: number) => string) => Promise<RecordResult>;

/**
 * How many times a command the rules accepted is decided again after the store refused its append
 * because a stream its decision read had moved (another process wrote it). Past that, the client
 * gets CONCURRENCY_CONFLICT and may retry.
 */
const MAX_REDECISIONS = 5;

type AppendDecision = {
  kind: 'append';
  stream: string;
  revision: StreamRevision;
  events: EventToAppend[];
  /** Every other stream the decision read, at the revision it read. */
  conditions: StreamCondition[];
  model?: WriteModel;
};
type Decision = { kind: 'replay'; events: StoredEvent[] } | AppendDecision;

interface Command {
  /** Arrival order, kept when a command is put back in the queue. */
  seq: number;
  validated: ValidatedEvent[];
  expected: ExpectedRevision;
  writer: Writer;
  redecisions: number;
  resolve: (result: RecordResult) => void;
  reject: (error: unknown) => void;
}

/**
 * The one write path of the ledger, used alike by the HTTP API, the CLI and the demo seeder.
 * Steps: 1 validate → 2 resolve the stream, authorize → 3 replay check → 4 revision check → 5 load
 * state, decide → 6 append the group → 7 answer, or decide again. Writes are serialized in this
 * process, so the rules always run against the state the append is conditioned on.
 *
 * Group commit: commands that arrive while a group is being decided or committed queue up, and the
 * next group decides them one by one, in arrival order, each against the store plus what the
 * earlier commands of its group decided (GroupOverlay: streams, revisions and events by id). A
 * command the rules refuse adds nothing, so it affects no other. Then ONE store call appends the
 * whole group (appendGroup: one transaction and one fsync on SQLite, each command in its own
 * savepoint), and each command is answered once it returned. What a command sees depends only on
 * the order of arrival, never on the event loop's timing.
 *
 * Conditions: each append expects its own stream at the revision the rules ran against, and every
 * other stream the decision read (RecordedReads) at the revision read. The client's own
 * `expectedRevision` is judged before any rule (step 4: 409). A refusal by the store after that means
 * another process moved a stream the decision read (or an earlier command of the group that this
 * one built on was refused): not the client's stale view, so the command is decided again, on the
 * store as it now is, up to MAX_REDECISIONS times; the client sees the rule's verdict.
 */
export function createRecorder(deps: RecorderDeps): RecordEvents {
  const queue: Command[] = [];
  let draining = false;
  let arrivals = 0;
  const cache = new WriteModelCache();

  async function drain(): Promise<void> {
    draining = true;
    try {
      while (queue.length > 0) {
        // Let the requests that have arrived meanwhile (parsed in the poll phase) join this group and
        // share its fsync. That decides only which commands share a commit, never what one sees.
        await yieldToEventLoop();
        await runGroup(takeGroup(queue));
      }
    } finally {
      draining = false;
    }
  }

  async function runGroup(group: Command[]): Promise<void> {
    const overlay = new GroupOverlay(deps.store);
    const decided: { command: Command; decision: AppendDecision }[] = [];
    const later: Command[] = [];
    for (const command of group) {
      // An id that an earlier command of the group is writing: decide it after that commit, when
      // it is either a replay or a duplicate.
      if (overlay.overlaps(command.validated.map((v) => v.id))) {
        later.push(command);
        continue;
      }
      let decision: Decision;
      try {
        decision = await decideCommand(deps, overlay, command, cache);
      } catch (error) {
        command.reject(error);
        continue;
      }
      if (decision.kind === 'replay') {
        command.resolve({ events: decision.events, replayed: true });
        continue;
      }
      overlay.add(decision.stream, decision.revision, decision.events);
      decided.push({ command, decision });
    }
    if (decided.length > 0) await appendDecided(decided, later);
    queue.unshift(...later.sort((a, b) => a.seq - b.seq));
  }

  /** Steps 6–7: one store call for the group, then each command's answer, or its return to the queue. */
  async function appendDecided(decided: { command: Command; decision: AppendDecision }[], later: Command[]): Promise<void> {
    let outcomes;
    try {
      outcomes = await deps.store.appendGroup(
        decided.map(({ decision }) => ({ stream: decision.stream, events: decision.events, expectedRevision: concrete(decision.revision), conditions: decision.conditions })),
      );
    } catch (error) {
      for (const { command } of decided) command.reject(error);
      return;
    }
    decided.forEach(({ command, decision }, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) {
        // The model now holds exactly what is durable: it may serve the next command on its streams.
        const model = decision.model;
        if (model && !outcome.result.replayed) cache.put({ ...model, revisions: model.revisions.set(decision.stream, outcome.result.nextRevision) });
        command.resolve({ events: outcome.result.events, replayed: outcome.result.replayed });
      } else if (isLedgerError(outcome.error, 'CONCURRENCY_CONFLICT') && command.redecisions < MAX_REDECISIONS) {
        // A stream the decision read has moved: what the cache holds of it is stale too.
        cache.invalidate([decision.stream, ...decision.conditions.map((c) => c.stream)]);
        command.redecisions++;
        later.push(command);
      } else {
        command.reject(outcome.error);
      }
    });
  }

  return async (submission, writer, paths = (i) => `events/${i}`) => {
    // 1. Validate every field of every event before touching the store.
    const validated = validateSubmission(submission, paths);
    const expected = toExpectedRevision(submission.expectedRevision);
    return new Promise<RecordResult>((resolve, reject) => {
      queue.push({ seq: arrivals++, validated, expected, writer, redecisions: 0, resolve, reject });
      if (!draining) void drain();
    });
  };
}

function takeGroup(queue: Command[]): Command[] {
  let take = 0;
  for (let events = 0; take < queue.length && events < MAX_GROUP_EVENTS; take++) events += queue[take]!.validated.length;
  return queue.splice(0, Math.max(take, 1));
}

/** Steps 2–5 for one command, against the store as its group sees it. */
async function decideCommand(
  deps: RecorderDeps,
  overlay: GroupOverlay,
  { validated, expected, writer }: Command,
  cache: WriteModelCache,
): Promise<Decision> {
  const reads = new RecordedReads(overlay);
  // 2. Resolve the one stream this batch belongs to.
  const targets = await retractionTargets(reads, validated);
  const stream = batchStream(validated, targets);

  // 2b. Who may write what, before the replay, revision and rule checks; a 403 names the missing scope.
  const authorize = deps.authorize ?? authorizeByScope;
  for (const { event } of validated) {
    const retractionTarget = event.type === 'EntryRetracted' ? targets.get(event.data.eventId) : undefined;
    await authorize(writer, event, { retractionTarget, batch: validated.map((v) => v.event), source: reads });
  }

  // 3. A retry of an already recorded batch returns the originals, whatever the revision now.
  const replay = await findReplay(reads, stream, validated);
  if (replay) return { kind: 'replay', events: replay };

  // 4. A stale view is a conflict before any rule runs.
  const revision = await reads.streamRevision(stream);
  if (!revisionMatches(expected, revision)) throw new ConcurrencyError(stream, expected, revision);

  // 5. Fold the streams the rules need, then decide each fact in order.
  const now = deps.now();
  const recordedAt = now.toISOString();
  const context = { recordedOn: recordedAt.slice(0, 10) };
  const { model, cacheable } = await loadWriteModel(reads, streamsToFold(stream, validated, targets), cache, { stream, revision });
  let state = model.state;
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
  // A retraction changes which earlier events count, so a model that folded its target is refolded.
  const retracts = validated.some(({ event }) => event.type === 'EntryRetracted');
  model.state = state;
  return { kind: 'append', stream, revision, events: toAppend, conditions: reads.conditionsBesides(stream), model: cacheable && !retracts ? model : undefined };
}

/** The reads steps 2–5 need: the store, or the store seen through a group's overlay. */
type StateSource = Pick<RecordedReads, 'getEvent' | 'readStream' | 'streamRevision'>;

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

async function retractionTargets(store: StateSource, validated: ValidatedEvent[]): Promise<Map<string, StoredEvent>> {
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
async function findReplay(store: StateSource, stream: string, validated: ValidatedEvent[]): Promise<StoredEvent[] | undefined> {
  const found: StoredEvent[] = [];
  for (const { id, event } of validated) {
    if (id === undefined) continue;
    const existing = await store.getEvent(id);
    if (!existing) continue;
    if (!sameFact(existing, stream, { type: event.type, schemaVersion: catalogue[event.type].schemaVersion, data: event.data })) throw new DuplicateEventIdError(id);
    found.push(existing);
  }
  if (found.length === 0) return undefined;
  if (found.length !== validated.length) throw new DuplicateEventIdError(found[0]!.id);
  return found;
}

/** The streams the rules read for this batch: its own, those its facts refer to, and those of retraction targets. */
function streamsToFold(stream: string, validated: ValidatedEvent[], targets: Map<string, StoredEvent>): Set<string> {
  const streams = new Set<string>([stream]);
  for (const { event } of validated) for (const s of referencedStreams(event)) streams.add(s);
  for (const target of targets.values()) streams.add(target.stream);
  return streams;
}
