import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { isLedgerError } from '../errors/ledgerError.ts';
import { MAX_GROUP_EVENTS, type EventStore, type StreamRevision } from '../eventStore/eventStore.ts';
import type { StoredEvent } from '../records/storedEvent.ts';
import { decideCommand, type AppendDecision, type CommandToDecide, type Decision, type DecisionDeps } from './decideCommand.ts';
import { GroupOverlay } from './groupOverlay.ts';
import { WriteModelCache } from './writeModelCache.ts';
import { toExpectedRevision, type Submission } from './submission.ts';
import { validateSubmission } from './validateSubmission.ts';
import type { Writer } from './writer.ts';

export type { Writer } from './writer.ts';

export interface RecorderDeps extends DecisionDeps {
  store: EventStore;
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

interface Command extends CommandToDecide {
  /** Arrival order, kept when a command is put back in the queue. */
  seq: number;
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
function concrete(revision: StreamRevision) {
  return revision === 'no_stream' ? ('no_stream' as const) : revision;
}
