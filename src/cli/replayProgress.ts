import { SingleBar, Presets } from 'cli-progress';
import type { StoredEvent } from '../records/storedEvent.ts';

/**
 * Wraps a log read in a progress bar on stderr when stderr is a terminal (never in pipes or tests,
 * where it would only be noise). `total` is the number of events expected over every pass.
 */
export function withProgress(total: number, label: string): { track: (read: AsyncIterable<StoredEvent>) => AsyncIterable<StoredEvent>; stop: () => void } {
  if (!process.stderr.isTTY || total < 1) return { track: (read) => read, stop: () => undefined };
  const bar = new SingleBar({ format: `${label} [{bar}] {percentage}% | {value}/{total} events | ETA {eta}s`, stream: process.stderr, hideCursor: true }, Presets.shades_classic);
  bar.start(total, 0);
  let done = 0;
  return {
    async *track(read) {
      for await (const e of read) {
        if (++done % 500 === 0) bar.update(Math.min(done, total));
        yield e;
      }
    },
    stop: () => {
      bar.update(total);
      bar.stop();
    },
  };
}
