import type { EventStore } from '../../src/eventStore/eventStore.ts';

/** Counts the calls of `store.readAll` and `store.readAllForFold` while `run` runs (the real store, its readAll wrapped); a render reads it once to catch up. */
export async function logReadsDuring(store: EventStore, run: () => Promise<unknown>): Promise<number> {
  const events = store.readAll;
  const forFold = store.readAllForFold;
  let read = 0;
  store.readAll = (options) => {
    read++;
    return events.call(store, options);
  };
  store.readAllForFold = (options) => {
    read++;
    return forFold.call(store, options);
  };
  try {
    await run();
    return read;
  } finally {
    store.readAll = events;
    store.readAllForFold = forFold;
  }
}
