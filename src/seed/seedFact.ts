import { v5 as uuidv5 } from 'uuid';
import type { EventData, EventType } from '../domain/events/catalogue.ts';

/**
 * A fact a seeder submits through the ordinary validated command path. Its `id` is the event id:
 * deterministic, so re-seeding the same scenario is idempotent (the store answers DUPLICATE_EVENT_ID
 * for facts already recorded instead of recording them twice).
 */
export interface SeedFact {
  /** UUID v5 of `scenario/type/key` under {@link SEED_NAMESPACE}. */
  id: string;
  type: EventType;
  data: unknown;
}

/** Fixed namespace of every seed fact id. Never change it: ids of seeded ledgers would drift. */
export const SEED_NAMESPACE = '6254a6dd-f40c-465f-8d91-b016809a1e9d';

/**
 * Builds a seed fact whose data tsc checks against the catalogue. `key` must be unique for `type`
 * within the scenario; it usually is the stream plus the id the fact introduces.
 */
export function fact<K extends EventType>(scenario: string, type: K, key: string, data: EventData<K>): SeedFact {
  return { id: uuidv5(`${scenario}/${type}/${key}`, SEED_NAMESPACE), type, data };
}

/** A `fact` builder bound to one scenario name. */
export function factsOf(scenario: string) {
  return <K extends EventType>(type: K, key: string, data: EventData<K>): SeedFact => fact(scenario, type, key, data);
}
