import type { EventForFold, EventStore, ReadAllOptions } from '../../src/eventStore/eventStore.ts';
import type { StoredEvent } from '../../src/records/storedEvent.ts';

/** How much of the log a real store handed out through readAll and readAllForFold. */
export interface ReadCount {
  /** Events yielded by readAll (and in readAllForFold's pages) since the last reset. */
  events: number;
  /** readAll and readAllForFold calls since the last reset. */
  calls: number;
  reset(): void;
}

/** A real store whose log reads are counted, so a spec can say how much of the log a read cost. */
export function countingStore<S extends EventStore>(store: S): { store: S; count: ReadCount } {
  const count: ReadCount = {
    events: 0,
    calls: 0,
    reset() {
      count.events = 0;
      count.calls = 0;
    },
  };
  async function* readAll(options?: ReadAllOptions): AsyncGenerator<StoredEvent> {
    count.calls++;
    for await (const event of store.readAll(options)) {
      count.events++;
      yield event;
    }
  }
  async function* readAllForFold(options?: ReadAllOptions): AsyncGenerator<readonly EventForFold[]> {
    count.calls++;
    for await (const page of store.readAllForFold(options)) {
      count.events += page.length;
      yield page;
    }
  }
  const counted = new Proxy(store, {
    get(target, property) {
      if (property === 'readAll') return readAll;
      if (property === 'readAllForFold') return readAllForFold;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: counted, count };
}
