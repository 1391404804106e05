import { decide } from '../domain/decide.ts';
import { catalogue, streamOf } from '../domain/events/catalogue.ts';
import { evolve } from '../domain/ledgerState.ts';
import { referencedStreams } from '../domain/referencedStreams.ts';
import { ConcurrencyError } from '../errors/concurrencyError.ts';
import { DuplicateEventIdError } from '../errors/duplicateEventIdError.ts';
import { ValidationError } from '../errors/validationError.ts';
import { sameFact } from '../eventStore/appendSemantics.ts';
import type { EventToAppend, ExpectedRevision, StreamCondition, StreamRevision } from '../eventStore/eventStore.ts';
import { revisionMatches } from '../eventStore/revisionMatches.ts';
import type { StoredEvent } from '../records/storedEvent.ts';
import { authorizeByScope, type AuthorizeWrite } from '../access/authorize.ts';
import type { GroupOverlay } from './groupOverlay.ts';
import { loadWriteModel } from './loadWriteModel.ts';
import { RecordedReads } from './recordedReads.ts';
import { refusePersonalInput, type SealFact } from '../personalData/personalDataVault.ts';
import type { ValidatedEvent } from './validateSubmission.ts';
import type { WriteModel, WriteModelCache } from './writeModelCache.ts';
import type { Writer } from './writer.ts';

/** What deciding needs from outside: time and ids are passed in, never read inside. */
export interface DecisionDeps {
  /** The server's clock; the domain never reads one. */
  now: () => Date;
  /** New event ids for facts submitted without one. */
  newId: () => string;
  /** Decides whether the writer may record each fact, before any rule runs. Default: the scope checks of src/access/authorize.ts. */
  authorize?: AuthorizeWrite;
  /** Seals erasable fields (src/personalData/personalDataVault.ts) before anything is compared or hashed. Default: values as given, subject-tagged ones refused. */
  seal?: SealFact;
}

/** A validated submission, with the revision its client expects and who writes it. */
export interface CommandToDecide {
  validated: ValidatedEvent[];
  expected: ExpectedRevision;
  writer: Writer;
}

/** What steps 2–5 decided for one command: an idempotent replay, or events to append on conditions. */
export type AppendDecision = {
  kind: 'append';
  stream: string;
  revision: StreamRevision;
  events: EventToAppend[];
  /** Every other stream the decision read, at the revision it read. */
  conditions: StreamCondition[];
  model?: WriteModel;
};
export type Decision = { kind: 'replay'; events: StoredEvent[] } | AppendDecision;

/** Steps 2–5 for one command, against the store as its group sees it. */
export async function decideCommand(
  deps: DecisionDeps,
  overlay: GroupOverlay,
  { validated, expected, writer }: CommandToDecide,
  cache: WriteModelCache,
): Promise<Decision> {
  const reads = new RecordedReads(overlay);
  // 2. Resolve the one stream this batch belongs to.
  const targets = await retractionTargets(reads, validated);
  const stream = batchStream(validated, targets);

  // 2b. Who may write what, before the replay, revision and rule checks; a 403 names the missing scope.
  const authorize = deps.authorize ?? authorizeByScope;
  const batch = validated.map((v) => v.event);
  const context = { retractionTarget: undefined, batch, source: reads };
  for (const event of batch) {
    const retractionTarget = event.type === 'EntryRetracted' ? targets.get(event.data.eventId) : undefined;
    await authorize(writer, event, retractionTarget ? { ...context, retractionTarget } : context);
  }

  // 2c. Personal data is sealed under its event's id before it is compared or hashed: the log holds ciphertext only.
  const now = deps.now();
  const sealFact = deps.seal ?? refusePersonalInput;
  const sealed = validated.map(({ id: clientId, event }) => {
    const id = clientId ?? deps.newId();
    return { clientId, id, event: sealFact(event, { eventId: id, stream, now }) };
  });

  // 3. A retry of an already recorded batch returns the originals, whatever the revision now.
  if (sealed.some(({ clientId }) => clientId !== undefined)) {
    const replay = await findReplay(reads, stream, sealed.map(({ clientId, event }) => ({ id: clientId, event })));
    if (replay) return { kind: 'replay', events: replay };
  }

  // 4. A stale view is a conflict before any rule runs.
  const revision = await reads.streamRevision(stream);
  if (!revisionMatches(expected, revision)) throw new ConcurrencyError(stream, expected, revision);

  // 5. Fold the streams the rules need, then decide each fact in order.
  const recordedAt = now.toISOString();
  const decisionContext = { recordedOn: recordedAt.slice(0, 10) };
  const { model, cacheable } = await loadWriteModel(reads, streamsToFold(stream, validated, targets), cache, { stream, revision });
  let state = model.state;
  const toAppend: EventToAppend[] = [];
  // One metadata object for the command's events: the store serializes it once.
  const metadata = metadataOf(writer);
  for (const { id, event } of sealed) {
    const target = event.type === 'EntryRetracted' ? targets.get(event.data.eventId) : undefined;
    const decided = decide({ id, stream, event }, state, target ? { ...decisionContext, retractionTarget: summary(target) } : decisionContext);
    for (const fact of decided) {
      state = evolve(state, { id, stream, type: fact.type, data: fact.data });
      toAppend.push({
        id,
        type: fact.type,
        schemaVersion: catalogue[fact.type].schemaVersion,
        data: fact.data,
        recordedAt,
        actor: writer.actor,
        metadata,
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
  Object.assign(metadata, writer.provenance);
  return metadata;
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
  const streamOfFact = ({ event }: ValidatedEvent) =>
    event.type === 'EntryRetracted' ? (targets.get(event.data.eventId)?.stream ?? UNKNOWN_TARGET_STREAM) : streamOf(event)!;
  // Nearly every batch is of one stream: compared with the first without collecting them.
  const first = streamOfFact(validated[0]!);
  if (validated.every((v) => streamOfFact(v) === first)) return first;
  const distinct = [...new Set(validated.map(streamOfFact))];
  throw new ValidationError([
    { path: 'events', message: `all events of a batch must belong to one stream; this one spans ${distinct.join(', ')}` },
  ]);
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
