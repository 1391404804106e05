import type { EventStore } from '../../src/eventStore/eventStore.ts';
import type { StoredEvent } from '../../src/records/storedEvent.ts';

/** Every event of `store` in global order, as one array (the reference a spec folds or compares with). */
export async function allEvents(store: Pick<EventStore, 'readAll'>): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const e of store.readAll()) events.push(e);
  return events;
}
