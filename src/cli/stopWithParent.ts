import type { FastifyBaseLogger } from 'fastify';

/**
 * Under `npm run start` / `npm run demo`, npm is the server's parent, and `kill <npm pid>` stops npm
 * without passing the signal on: the server would keep the port and the store. So when npm started
 * us, we watch for our parent to go (we are then re-parented and `process.ppid` changes) and stop
 * as on SIGTERM. Anywhere else (systemd, a container's PID 1) the parent is left alone.
 */
export function stopWithNpmParent(stop: (signal: string) => unknown, logger: FastifyBaseLogger, env: NodeJS.ProcessEnv = process.env, everyMs = 1000): void {
  if (env.npm_lifecycle_event === undefined) return;
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    logger.warn({ parentPid: parent }, 'npm, which started the server, has exited: stopping');
    void stop('parent exited');
  }, everyMs);
  timer.unref();
}
