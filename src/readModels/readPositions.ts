import type { EventStore } from '../eventStore/eventStore.ts';
import type { StoredEvent } from '../records/storedEvent.ts';

/**
 * The events at `positions` (ascending), in log order. By position, not id (one seek in the log's
 * primary key instead of two), and one read per run of consecutive positions: a local government's
 * events mostly come in batches.
 */
export async function readPositions(store: EventStore, positions: readonly bigint[]): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for (let i = 0; i < positions.length; ) {
    let end = i + 1;
    while (end < positions.length && positions[end] === positions[end - 1]! + 1n) end++;
    for await (const event of store.readAll({ from: positions[i], limit: end - i })) events.push(event);
    i = end;
  }
  return events;
}
