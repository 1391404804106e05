import { BACKWARDS, END, FORWARDS, START, type AllStreamResolvedEvent, type EventStoreDBClient } from '@eventstore/db-client';
import { isLedgerError } from '../errors/ledgerError.ts';
import type { EventStoreDbIdIndex } from './eventStoreDbIdIndex.ts';
import { toClientPosition, translateClientError } from './eventStoreDbMapping.ts';

/**
 * Reading $all page by page, so memory stays flat however long the log: forwards from a record's
 * own position, forwards from any position (a record boundary found first), and backwards from the
 * end. A read of $all may start only at a record's own position: EventStoreDB refuses any other.
 */

const PAGE_SIZE = 500;
/** The last ledger event is usually the last record of $all, or a few system records before it. */
const HEAD_PAGE_SIZE = 50;

/**
 * Records of $all from the greatest record boundary at or below `position`. EventStoreDB refuses a
 * read that starts at an offset which is not a record's own ("Trying to read from an invalid
 * position"), and a caller's position need not be one (an `after=` a client typed, a position of
 * another store). An event's own position, the usual case, is read directly, without the id
 * index (whose first catch-up reads the whole log); when the server refuses it, the read starts
 * at the greatest ledger event position at or below it instead, from the caught-up index.
 */
export async function* scanAtOrBelow(client: EventStoreDBClient, ids: EventStoreDbIdIndex, position: bigint): AsyncGenerator<AllStreamResolvedEvent> {
  if (!ids.knows(position)) {
    let started = false;
    try {
      for await (const resolved of scanAll(client, position)) {
        started = true;
        yield resolved;
      }
      return;
    } catch (error) {
      // Unreachable server and the like are the caller's; a refusal comes before any record.
      if (started || isLedgerError(error)) throw error;
    }
    await ids.catchUp();
  }
  yield* scanAll(client, ids.knows(position) ? position : ids.floor(position));
}

/**
 * Every record of $all from `from` (inclusive; a record's own position, or the start when
 * undefined), page by page, so memory stays flat however long the log.
 */
export async function* scanAll(client: EventStoreDBClient, from: bigint | undefined): AsyncGenerator<AllStreamResolvedEvent> {
  let start = from;
  let last: bigint | undefined;
  for (;;) {
    let count = 0;
    // fromPosition is inclusive: on later pages, the record at `last` comes back first and is skipped.
    const page = client.readAll({ fromPosition: start === undefined ? START : toClientPosition(start), direction: FORWARDS, maxCount: PAGE_SIZE });
    try {
      for await (const resolved of page) {
        count++;
        const position = positionOf(resolved);
        if (last !== undefined && position <= last) continue;
        last = position;
        yield resolved;
      }
    } catch (error) {
      throw translateClientError(error);
    } finally {
      // A reader that stops early (limit, upTo) must not leave the gRPC call streaming.
      if (count < PAGE_SIZE) await page.cancel().catch(() => undefined);
    }
    if (count < PAGE_SIZE || last === undefined) return;
    start = last;
  }
}

/** Every record of $all from its end backwards, page by page. */
export async function* scanAllBackwards(client: EventStoreDBClient): AsyncGenerator<AllStreamResolvedEvent> {
  let last: bigint | undefined;
  for (;;) {
    let count = 0;
    const page = client.readAll({ fromPosition: last === undefined ? END : toClientPosition(last), direction: BACKWARDS, maxCount: HEAD_PAGE_SIZE });
    try {
      for await (const resolved of page) {
        count++;
        const position = positionOf(resolved);
        if (last !== undefined && position >= last) continue;
        last = position;
        yield resolved;
      }
    } catch (error) {
      throw translateClientError(error);
    } finally {
      if (count < HEAD_PAGE_SIZE) await page.cancel().catch(() => undefined);
    }
    if (count < HEAD_PAGE_SIZE || last === undefined) return;
  }
}

/** A $all record's position: its own commit position, or the resolved event's. */
export function positionOf(resolved: AllStreamResolvedEvent): bigint {
  const position = resolved.event?.position.commit ?? resolved.link?.position.commit ?? resolved.commitPosition;
  if (position === undefined) throw new Error('EventStoreDB returned a $all record without a position');
  return position;
}
