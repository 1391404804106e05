import type { StoredEvent } from '../records/storedEvent.ts';
import { EventChecker, type ChainLink, type EventCheckKind, type EventFailure } from './bundle/eventChecks.ts';

export type ChainProblemKind = EventCheckKind;

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
 * Verifies a log read in global order with the rules of EventChecker (bundle/eventChecks.ts, the one
 * implementation shared with the offline verifier): every stored hash recomputes, every event names
 * its stream predecessor's hash (GENESIS_HASH at revision 0), revisions run 0, 1, 2… per stream,
 * positions strictly increase and ids are unique. Pure: it reads only what it is given. Memory grows
 * with the number of streams and ids, not with the size of the events.
 *
 * The chain is followed through the *stored* hashes, so one edited event is reported once (as a
 * HASH_MISMATCH) rather than at every successor; re-hashing the edited event to hide the edit then
 * surfaces as a PREV_HASH_MISMATCH at its successor.
 */
export async function verifyChain(events: AsyncIterable<StoredEvent> | Iterable<StoredEvent>): Promise<ChainReport> {
  const checker = new EventChecker();
  const report = new ChainReportBuilder();
  for await (const event of events) report.add(event, checker.check(event));
  return report.build();
}

/** Collects EventChecker's failures, event by event in log order, into a ChainReport. */
export class ChainReportBuilder {
  private readonly problems: ChainProblem[] = [];
  private problemCount = 0;
  private firstInvalidPosition: bigint | undefined;
  private checkedEvents = 0;
  private last: ChainLink | undefined;

  add(event: ChainLink, failures: readonly EventFailure[]): void {
    this.checkedEvents++;
    for (const failure of failures) {
      this.problemCount++;
      this.firstInvalidPosition ??= event.position;
      if (this.problems.length < MAX_REPORTED_PROBLEMS) {
        this.problems.push({ position: event.position, eventId: event.id, stream: event.stream, kind: failure.kind, message: failure.message });
      }
    }
    this.last = event;
  }

  build(): ChainReport {
    const { last, firstInvalidPosition } = this;
    return {
      ok: this.problemCount === 0,
      checkedEvents: this.checkedEvents,
      ...(last && { headPosition: last.position, headHash: last.hash }),
      ...(firstInvalidPosition !== undefined && { firstInvalidPosition }),
      problems: this.problems,
      problemCount: this.problemCount,
    };
  }
}
