import type { EventData, EventType } from '../../../src/domain/events/catalogue.ts';
import type { SeedFact } from '../../../src/seed/chumbivilcas2018.ts';

/** The data of every fact of `type`, typed, in scenario order. */
export function dataOf<K extends EventType>(facts: readonly SeedFact[], type: K): EventData<K>[] {
  return facts.filter((f) => f.type === type).map((f) => f.data as EventData<K>);
}

/** The one element `pick` finds, failing loudly when there is none or more than one. */
export function only<T>(items: readonly T[], pick: (t: T) => boolean, what: string): T {
  const found = items.filter(pick);
  if (found.length !== 1) throw new Error(`expected exactly one ${what}, found ${found.length}`);
  return found[0] as T;
}
