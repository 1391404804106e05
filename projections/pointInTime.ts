import { occurredOn } from '../src/domain/events/catalogue.ts';
import { retractedIds } from '../src/domain/retractions.ts';
import type { StoredEvent } from '../src/records/storedEvent.ts';

/**
 * The point in time a read model describes. Both bounds are optional and combine:
 * - `asOf`: the world as it was on that business date (facts whose `occurredOn` is on or before it;
 *   facts without a date, like LocalGovernmentRegistered, always count);
 * - `atPosition`: the record as it stood once the event at that ledger position was recorded.
 * Retractions correct the record, they are not changes in the world: an EntryRetracted recorded at or
 * before `atPosition` hides its target whatever `asOf` says.
 */
export interface PointInTime {
  asOf?: string;
  atPosition?: bigint;
}

/** Whether the event at `position` had been recorded at `atPosition`. */
export function isRecordedAt(position: bigint, atPosition: bigint | undefined): boolean {
  return atPosition === undefined || position <= atPosition;
}

/**
 * Ids retracted by the EntryRetracted events recorded at or before `atPosition`. Takes any iterable,
 * so a streamed rebuild can collect them in a first pass over the log and fold in a second one.
 */
export function retractedIdsAt(events: Iterable<StoredEvent>, atPosition?: bigint): Set<string> {
  return retractedIds(recordedAt(events, atPosition));
}

function* recordedAt(events: Iterable<StoredEvent>, atPosition: bigint | undefined): Iterable<StoredEvent> {
  for (const e of events) if (isRecordedAt(e.position, atPosition)) yield e;
}

/**
 * Whether `event` is a fact of the world described by `at`: recorded by `atPosition`, happened by
 * `asOf`, and not retracted (per `retracted`, from retractedIdsAt). EntryRetracted events themselves
 * never count: their whole effect is the hiding of their target.
 */
export function countsAt(event: StoredEvent, at: PointInTime, retracted: ReadonlySet<string>): boolean {
  if (event.type === 'EntryRetracted') return false;
  if (!isRecordedAt(event.position, at.atPosition)) return false;
  if (retracted.has(event.id)) return false;
  if (at.asOf === undefined) return true;
  const on = occurredOn(event);
  return on === null || on <= at.asOf;
}

/**
 * The facts that count at `at`, in log order: the batch form of countsAt. A view built from them
 * alone would not know how far the log was read; buildLedgerView records that (`lastPosition`).
 */
export function selectEvents(events: readonly StoredEvent[], at: PointInTime): StoredEvent[] {
  const retracted = retractedIdsAt(events, at.atPosition);
  return events.filter((e) => countsAt(e, at, retracted));
}
