import type { EventStore } from '../../src/eventStore/eventStore.ts';

/** Counts the calls of `store.readAll` while `run` runs (the real store, its readAll wrapped); a render reads it once to catch up. */
export async function logReadsDuring(store: EventStore, run: () => Promise<unknown>): Promise<number> {
  const events = store.readAll;
  let read = 0;
  store.readAll = (options) => {
    read++;
    return events.call(store, options);
  };
  try {
    await run();
    return read;
  } finally {
    store.readAll = events;
  }
}
