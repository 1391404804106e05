import type { RecordEvents, Writer } from '../commandHandling/recordEvents.ts';
import { occurredOn } from '../domain/events/catalogue.ts';
import { chumbivilcas2018 } from './chumbivilcas2018.ts';
import { chumbivilcas2026 } from './chumbivilcas2026.ts';
import type { SeedFact } from './seedFact.ts';

/**
 * The demo scenarios by LEDGER_SEED. `chumbivilcas` is what `npm run demo` records: the 2018 story,
 * then the 2026-2027 transfer that continues it (the 2018 facts keep their ids and content).
 */
export const SEEDS = {
  'chumbivilcas-2018': chumbivilcas2018,
  chumbivilcas: (): SeedFact[] => [...chumbivilcas2018(), ...chumbivilcas2026()],
} as const;
export type SeedName = keyof typeof SEEDS;

/** The actor recorded on every demo event, so nobody mistakes the demo for an official record. */
export const SEED_WRITER: Writer = { actor: 'demo-seed', role: 'registrar' };

export interface SeedOptions {
  /** The clock the write path records with (openLedger's): a fact dated after its day is skipped, not refused. */
  clock?: () => Date;
}

/** A fact left out because it is dated after the day the demo is recorded. */
export interface SkippedFact {
  id: string;
  type: string;
  occurredOn: string;
}

export interface SeedResult {
  recorded: number;
  alreadyPresent: number;
  /** Dated after the recording day: left for a later run (`seed` again), so the demo never records the future. */
  skipped: SkippedFact[];
}

/**
 * Records a demo scenario through the ordinary write path, one fact at a time, so every fact is
 * validated and checked against the rules exactly as a client's would be. Fact ids are fixed, so
 * seeding twice records nothing new. A fact dated after the recording day is skipped and
 * reported; a scenario's facts are dated on or after those they need, so what is recorded is
 * the story as it stood that day, whichever day the demo runs.
 */
export async function seedLedger(record: RecordEvents, name: SeedName, options: SeedOptions = {}): Promise<SeedResult> {
  const clock = options.clock ?? (() => new Date());
  const result: SeedResult = { recorded: 0, alreadyPresent: 0, skipped: [] };
  for (const fact of SEEDS[name]()) {
    const date = occurredOn(fact);
    if (date !== null && date > clock().toISOString().slice(0, 10)) {
      result.skipped.push({ id: fact.id, type: fact.type, occurredOn: date });
      continue;
    }
    const recorded = await record({ events: [{ id: fact.id, type: fact.type, data: fact.data }] }, SEED_WRITER, () => '');
    if (recorded.replayed) result.alreadyPresent++;
    else result.recorded++;
  }
  return result;
}
