import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

/**
 * A CPU profile of the load alone, not of the start-up (index catch-up, Merkle log) that
 * `--cpu-prof` would mostly show: SIGUSR2 starts it, `stop()` writes it into `dir` as a
 * .cpuprofile that bench/profileTop.ts summarizes.
 */
export function profileOnSignal(dir: string): { stop(): Promise<void> } {
  const session = new Session();
  session.connect();
  let started = false;
  process.on('SIGUSR2', () => {
    if (started) return;
    started = true;
    void session.post('Profiler.enable').then(() => session.post('Profiler.start'));
  });
  return {
    async stop() {
      if (!started) return;
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(join(dir, `load-${process.pid}.cpuprofile`), JSON.stringify(profile));
    },
  };
}
