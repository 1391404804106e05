import type { StoredEvent } from '../eventStore/eventStore.ts';
import { eventHash, GENESIS_HASH } from './eventHash.ts';

export type ChainProblemKind = 'HASH_MISMATCH' | 'PREV_HASH_MISMATCH' | 'REVISION_GAP' | 'POSITION_ORDER' | 'DUPLICATE_ID';

export interface ChainProblem {
  position: bigint;
  eventId: string;
  stream: string;
  kind: ChainProblemKind;
  message: string;
}

export interface ChainReport {
  /** True when no problem was found. */
  ok: boolean;
  checkedEvents: number;
  /** Position and hash of the last event checked; absent for an empty log. */
  headPosition?: bigint;
  headHash?: string;
  /** Position of the first event at which a problem was found. */
  firstInvalidPosition?: bigint;
  /** The first MAX_REPORTED_PROBLEMS problems, in log order. */
  problems: ChainProblem[];
  /** Every problem found, including those beyond the cap of `problems`. */
  problemCount: number;
}

/** A broken log can have a problem per event; the report stays readable and bounded. */
export const MAX_REPORTED_PROBLEMS = 100;

/**
 * Verifies a log read in global order: every stored hash recomputes, every event names its stream
 * predecessor's hash (GENESIS_HASH at revision 0), revisions run 0, 1, 2… per stream, positions
 * strictly increase and ids are unique. Pure: it reads only what it is given. Memory grows with the
 * number of streams and ids, not with the size of the events.
 *
 * The chain is followed through the *stored* hashes, so one edited event is reported once (as a
 * HASH_MISMATCH) rather than at every successor; re-hashing the edited event to hide the edit then
 * surfaces as a PREV_HASH_MISMATCH at its successor.
 */
export async function verifyChain(events: AsyncIterable<StoredEvent> | Iterable<StoredEvent>): Promise<ChainReport> {
  const heads = new Map<string, { revision: bigint; hash: string }>();
  const ids = new Set<string>();
  const problems: ChainProblem[] = [];
  let problemCount = 0;
  let firstInvalidPosition: bigint | undefined;
  let checkedEvents = 0;
  let last: StoredEvent | undefined;

  const report = (event: StoredEvent, kind: ChainProblemKind, message: string) => {
    problemCount++;
    firstInvalidPosition ??= event.position;
    if (problems.length < MAX_REPORTED_PROBLEMS) {
      problems.push({ position: event.position, eventId: event.id, stream: event.stream, kind, message });
    }
  };

  for await (const event of events) {
    checkedEvents++;
    if (last !== undefined && event.position <= last.position) {
      report(event, 'POSITION_ORDER', `position ${event.position} does not follow ${last.position}`);
    }
    if (ids.has(event.id)) report(event, 'DUPLICATE_ID', `event id ${event.id} appears more than once`);
    ids.add(event.id);

    const recomputed = eventHash(event);
    if (recomputed !== event.hash) {
      report(event, 'HASH_MISMATCH', `stored hash ${event.hash} but the event hashes to ${recomputed}`);
    }

    const head = heads.get(event.stream);
    const expectedRevision = head ? head.revision + 1n : 0n;
    if (event.revision !== expectedRevision) {
      // The predecessor is missing or misplaced, so its hash is unknown: one problem, not two.
      report(event, 'REVISION_GAP', `stream ${event.stream} expected revision ${expectedRevision}, found ${event.revision}`);
    } else {
      const expectedPrev = head ? head.hash : GENESIS_HASH;
      if (event.prevHash !== expectedPrev) {
        report(event, 'PREV_HASH_MISMATCH', `prevHash ${event.prevHash} does not name the predecessor's hash ${expectedPrev}`);
      }
    }
    heads.set(event.stream, { revision: event.revision, hash: event.hash });
    last = event;
  }

  return {
    ok: problemCount === 0,
    checkedEvents,
    ...(last && { headPosition: last.position, headHash: last.hash }),
    ...(firstInvalidPosition !== undefined && { firstInvalidPosition }),
    problems,
    problemCount,
  };
}
