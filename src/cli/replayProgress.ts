import { SingleBar, Presets } from 'cli-progress';
import type { StoredEvent } from '../records/storedEvent.ts';

export interface ProgressOptions {
  /** How many times the log is read (a replay reads it twice: retractions, then facts). Default 1. */
  passes?: number;
  /** Where the bar goes; it shows only on a terminal (never in pipes or tests, where it is noise). Default stderr. */
  stream?: NodeJS.WriteStream;
}

/**
 * Wraps log reads in a progress bar. `events` is the size of the ledger read: every pass counts
 * 0…events again, labelled `pass 1/2`, so a 313-event ledger shows 313/313, never 626.
 */
export function withProgress(events: number, label: string, options: ProgressOptions = {}): { track: (read: AsyncIterable<StoredEvent>) => AsyncIterable<StoredEvent>; stop: () => void } {
  const stream = options.stream ?? process.stderr;
  const passes = options.passes ?? 1;
  if (!stream.isTTY || events < 1) return { track: (read) => read, stop: () => undefined };
  const bar = new SingleBar(
    { format: `${label} {pass} [{bar}] {percentage}% | {value}/{total} events | ETA {eta}s`, stream, hideCursor: true, noTTYOutput: false },
    Presets.shades_classic,
  );
  let pass = 0;
  const passLabel = () => (passes > 1 ? `pass ${pass}/${passes}` : '');
  bar.start(events, 0, { pass: passLabel() });
  return {
    async *track(read) {
      pass = Math.min(pass + 1, passes);
      let done = 0;
      bar.update(0, { pass: passLabel() });
      for await (const e of read) {
        if (++done % 500 === 0) bar.update(Math.min(done, events));
        yield e;
      }
      bar.update(Math.min(done, events));
    },
    stop: () => {
      bar.update(events);
      bar.stop();
    },
  };
}
