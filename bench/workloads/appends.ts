import { newEventId } from '../../src/commandHandling/newEventId.ts';
import { createRecorder } from '../../src/commandHandling/recordEvents.ts';
import { SqliteEventStore } from '../../src/eventStore/sqliteEventStore.ts';
import { msSince } from '../stats.ts';
import { itemEvent, toAppend } from '../synthetic.ts';
import { setupTransitions, transitionIdOf, W1_STREAMS } from './setupTransitions.ts';

/**
 * W1: batched append through the recorder (the write path of the API, minus HTTP): zod validation,
 * stream resolution, replay and revision checks, folding the streams the rules read, decide,
 * hashing, durable append. `batches` commands of 100 HandoverItemRecorded each, one per transition
 * stream (1,000 streams), all submitted at once so that group commit can batch them.
 * Returns events per second, one figure per run (each run adds 100 items to every stream it uses).
 */
export async function w1BatchedAppend(file: string, batches: number, runs: number): Promise<number[]> {
  const store = SqliteEventStore.open(file);
  const record = createRecorder({ store, now: () => new Date(), newId: newEventId });
  const writer = { actor: 'bench', role: 'registrar' };
  await setupTransitions(store);
  const rates: number[] = [];
  for (let run = 0; run < runs; run++) {
    const commands = Array.from({ length: batches }, (_, b) => ({
      events: Array.from({ length: 100 }, (_, j) => {
        const { type, data } = itemEvent(transitionIdOf(b % W1_STREAMS), (run * Math.ceil(batches / W1_STREAMS) + Math.floor(b / W1_STREAMS)) * 100 + j);
        return { type, data };
      }),
    }));
    const start = process.hrtime.bigint();
    await Promise.all(commands.map((c) => record(c, writer)));
    rates.push((batches * 100) / (msSince(start) / 1000));
  }
  await store.close();
  return rates;
}

/** W2: single-event appends through the store port, one after the other, each durable before the next. Events per second per run. */
export async function w2SingleAppend(file: string, appends: number, runs: number): Promise<number[]> {
  const store = SqliteEventStore.open(file);
  const rates: number[] = [];
  for (let run = 0; run < runs; run++) {
    const events = Array.from({ length: appends }, (_, i) => toAppend([itemEvent('tr-w2', run * appends + i)])[0]!);
    const start = process.hrtime.bigint();
    for (let i = 0; i < appends; i++) await store.appendToStream(`transition-w2-${i % 100}`, [events[i]!]);
    rates.push(appends / (msSince(start) / 1000));
  }
  await store.close();
  return rates;
}
