import type { FastifyBaseLogger, FastifyInstance } from 'fastify';

export interface ShutdownOptions {
  app: FastifyInstance;
  /** Closes what the app uses once it has stopped (the store: queued appends are committed first). */
  close: () => Promise<void>;
  logger: FastifyBaseLogger;
  /** Longest wait for requests in flight before giving up with exit code 1. Default 10 s. */
  timeoutMs?: number;
  exit?: (code: number) => void;
}

/**
 * On SIGTERM or SIGINT: stop accepting connections (requests arriving on kept-alive ones get 503),
 * let the requests in flight finish and be answered, close the store, exit 0. Projections are
 * in-memory folds of the log (rebuilt on start), so there is nothing else to checkpoint. If that
 * takes longer than `timeoutMs`, or fails, exit 1: the store's WAL keeps every acknowledged event.
 */
export function installGracefulShutdown(options: ShutdownOptions): (signal: string) => Promise<void> {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping: Promise<void> | undefined;
  const stop = (signal: string) => {
    stopping ??= (async () => {
      options.logger.info({ signal }, 'shutting down: no new requests, finishing those in flight');
      const timer = setTimeout(() => {
        options.logger.error({ signal, timeoutMs: options.timeoutMs ?? 10_000 }, 'shutdown timed out; exiting');
        exit(1);
      }, options.timeoutMs ?? 10_000);
      timer.unref();
      // Connections kept alive by clients become idle once their request is answered; close them
      // as they do, or server.close() would wait out the keep-alive timeout.
      const reaper = setInterval(() => options.app.server.closeIdleConnections(), 50);
      reaper.unref();
      try {
        await options.app.close().finally(() => clearInterval(reaper));
        await options.close();
        clearTimeout(timer);
        options.logger.info({ signal }, 'shut down cleanly');
        exit(0);
      } catch (error) {
        clearTimeout(timer);
        options.logger.error({ err: error, signal }, 'shutdown failed');
        exit(1);
      }
    })();
    return stopping;
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  return stop;
}
