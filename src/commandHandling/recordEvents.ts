import { decide } from '../domain/decide.ts';
import { catalogue, streamOf, type LedgerEvent } from '../domain/events/catalogue.ts';
import { evolve } from '../domain/ledgerState.ts';
import { referencedStreams } from '../domain/referencedStreams.ts';
import { canonicalJson } from '../audit/canonicalJson.ts';
import { ConcurrencyError } from '../errors/concurrencyError.ts';
import { DuplicateEventIdError } from '../errors/duplicateEventIdError.ts';
import { ValidationError } from '../errors/validationError.ts';
import type { EventStore, EventToAppend, ExpectedRevision, StreamRevision } from '../eventStore/eventStore.ts';
import type { StoredEvent } from '../records/storedEvent.ts';
import { GroupOverlay } from './groupOverlay.ts';
import { loadWriteModel } from './loadWriteModel.ts';
import { WriteModelCache, type WriteModel } from './writeModelCache.ts';
import { toExpectedRevision, type Submission } from './submission.ts';
import { validateSubmission, type ValidatedEvent } from './validateSubmission.ts';
import { revisionMatches } from '../eventStore/revisionMatches.ts';
import { authorizeByScope, type AuthorizeWrite } from '../access/authorize.ts';

/** Who is writing: recorded in every event's metadata, and so covered by its hash. */
export interface Writer {
  actor: string;
  role?: string;
  correlationId?: string;
  /** Where the facts came from, e.g. an imported file's name, hash and edition. Recorded in each event's metadata. */
  provenance?: Readonly<Record<string, string>>;
  /** Where a scoped role may write (src/access/authorize.ts). Not recorded: its grant in the access stream is. */
  scope?: { transitionIds?: readonly string[]; lgId?: string };
}

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

/** Most events one commit group decides before it commits: bounds a group's latency. */
const MAX_GROUP_EVENTS = 5000;

type Decision =
  | { kind: 'replay'; events: StoredEvent[] }
  | { kind: 'append'; stream: string; revision: StreamRevision; events: EventToAppend[]; model?: WriteModel };

interface Command {
  validated: ValidatedEvent[];
  expected: ExpectedRevision;
  writer: Writer;
  resolve: (result: RecordResult) => void;
  reject: (error: unknown) => void;
}

/**
 * The one write path of the ledger, used alike by the HTTP API, the CLI and the demo seeder.
 * Steps: validate → resolve the stream → (serialized) replay check → revision check → load state
 * → decide → append. Writes are serialized in this process, so the rules always run against the
 * state the append is conditioned on; the store re-checks the revision atomically besides.
 *
 * Group commit: commands that arrive while a commit is in flight queue up, and the next group
 * decides them one by one, in arrival order, each against the store plus what the earlier commands
 * of its group decided (GroupOverlay). A command the rules refuse adds nothing, so it affects no
 * other. The group's appends are issued together, so the store commits them in one transaction and
 * one fsync, each in its own savepoint; each command is answered only once that commit returned.
 * Caveat: if the store refuses an earlier append of the group (only another process writing the same
 * stream can cause that; an I/O error rolls back the whole group), a later command decided on its
 * events may still commit. In one process, the recorder is the only writer and this cannot happen.
 */
export function createRecorder(deps: RecorderDeps): RecordEvents {
  const queue: Command[] = [];
  let draining = false;
  const cache = new WriteModelCache();

  async function drain(): Promise<void> {
    draining = true;
    try {
      while (queue.length > 0) await runGroup(takeGroup(queue));
    } finally {
      draining = false;
    }
  }

  async function runGroup(group: Command[]): Promise<void> {
    const overlay = new GroupOverlay(deps.store);
    const appends: Promise<void>[] = [];
    const deferred: Command[] = [];
    for (const command of group) {
      // An id that an earlier command of the group is writing: decide it after that commit, when
      // it is either a replay or a duplicate.
      if (overlay.overlaps(command.validated.map((v) => v.id))) {
        deferred.push(command);
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
      // 6. Append, conditioned on the revision the rules ran against.
      appends.push(
        deps.store
          .appendToStream(decision.stream, decision.events, { expectedRevision: concrete(decision.revision) })
          .then((appended) => {
            // The model now holds exactly what is durable: it may serve the next command on its streams.
            const model = decision.model;
            if (model) cache.put({ ...model, revisions: model.revisions.set(decision.stream, appended.nextRevision) });
            command.resolve({ events: appended.events, replayed: false });
          }, command.reject),
      );
    }
    await Promise.all(appends);
    queue.unshift(...deferred);
  }

  return async (submission, writer, paths = (i) => `events/${i}`) => {
    // 1. Validate every field of every event before touching the store.
    const validated = validateSubmission(submission, paths);
    const expected = toExpectedRevision(submission.expectedRevision);
    return new Promise<RecordResult>((resolve, reject) => {
      queue.push({ validated, expected, writer, resolve, reject });
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
  // 2. Resolve the one stream this batch belongs to.
  const targets = await retractionTargets(overlay, validated);
  const stream = batchStream(validated, targets);

  // 2b. Who may write what, before the replay, revision and rule checks; a 403 names the missing scope.
  const authorize = deps.authorize ?? authorizeByScope;
  for (const { event } of validated) {
    const retractionTarget = event.type === 'EntryRetracted' ? targets.get(event.data.eventId) : undefined;
    await authorize(writer, event, { retractionTarget, batch: validated.map((v) => v.event), source: overlay });
  }

  // 3. A retry of an already recorded batch returns the originals, whatever the revision now.
  const replay = await findReplay(overlay, stream, validated);
  if (replay) return { kind: 'replay', events: replay };

  // 4. A stale view is a conflict before any rule runs.
  const revision = await overlay.streamRevision(stream);
  if (!revisionMatches(expected, revision)) throw new ConcurrencyError(stream, expected, revision);

  // 5. Fold the streams the rules need, then decide each fact in order.
  const now = deps.now();
  const recordedAt = now.toISOString();
  const context = { recordedOn: recordedAt.slice(0, 10) };
  const { model, cacheable } = await loadWriteModel(overlay, streamsToFold(stream, validated, targets), cache, { stream, revision });
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
  return { kind: 'append', stream, revision, events: toAppend, model: cacheable && !retracts ? model : undefined };
}

/** The reads steps 2–5 need: the store, or the store seen through a group's overlay. */
type StateSource = Pick<GroupOverlay, 'getEvent' | 'readStream' | 'streamRevision'>;

function metadataOf(writer: Writer): Record<string, string> {
  const metadata: Record<string, string> = {};
  if (writer.role) metadata.role = writer.role;
  if (writer.correlationId) metadata.correlationId = writer.correlationId;
  Object.assign(metadata, writer.provenance);
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

/** The streams the rules read for this batch: its own, those its facts refer to, and those of retraction targets. */
function streamsToFold(stream: string, validated: ValidatedEvent[], targets: Map<string, StoredEvent>): Set<string> {
  const streams = new Set<string>([stream]);
  for (const { event } of validated) for (const s of referencedStreams(event)) streams.add(s);
  for (const target of targets.values()) streams.add(target.stream);
  return streams;
}
