import { decide } from '../../../src/domain/decide.ts';
import { catalogue, streamOf, type LedgerEvent } from '../../../src/domain/events/catalogue.ts';
import { foldLedgerState } from '../../../src/domain/foldLedgerState.ts';
import type { EvolvableEvent } from '../../../src/domain/ledgerState.ts';
import { referencedStreams } from '../../../src/domain/referencedStreams.ts';
import type { SeedFact } from '../../../src/seed/seedFact.ts';

/**
 * Submits seed facts one by one to the real domain, as the write path does: parse with the
 * catalogue schema, fold the streams the fact refers to (in recording order), decide, append.
 * Throws the first rule a fact breaks.
 */
export function submitAll(facts: readonly SeedFact[], recordedOn: string): void {
  const log: EvolvableEvent[] = [];
  for (const f of facts) {
    const event = { type: f.type, data: catalogue[f.type].schema.parse(f.data) } as LedgerEvent;
    const stream = streamOf(event)!;
    const streams = new Set([stream, ...referencedStreams(event)]);
    const state = foldLedgerState(log.filter((e) => streams.has(e.stream)));
    for (const decided of decide({ id: f.id, stream, event }, state, { recordedOn })) {
      log.push({ id: f.id, stream, type: decided.type, data: decided.data });
    }
  }
}
