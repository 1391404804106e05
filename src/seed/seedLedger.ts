import type { RecordEvents, Writer } from '../commandHandling/recordEvents.ts';
import { chumbivilcas2018 } from './chumbivilcas2018.ts';

export const SEEDS = { 'chumbivilcas-2018': chumbivilcas2018 } as const;
export type SeedName = keyof typeof SEEDS;

/** The actor recorded on every demo event, so nobody mistakes the demo for an official record. */
export const SEED_WRITER: Writer = { actor: 'demo-seed', role: 'registrar' };

/**
 * Records a demo scenario through the ordinary write path, one fact at a time, so every fact is
 * validated and checked against the rules exactly as a client's would be. Fact ids are fixed, so
 * seeding twice records nothing new.
 */
export async function seedLedger(record: RecordEvents, name: SeedName): Promise<{ recorded: number; alreadyPresent: number }> {
  let recorded = 0;
  let alreadyPresent = 0;
  for (const fact of SEEDS[name]()) {
    const result = await record({ events: [{ id: fact.id, type: fact.type, data: fact.data }] }, SEED_WRITER, () => '');
    if (result.replayed) alreadyPresent++;
    else recorded++;
  }
  return { recorded, alreadyPresent };
}
