import type { EventStoreDBClient } from '@eventstore/db-client';

/**
 * The client calls its own `handleError` (reconnection after a failed call) without awaiting it,
 * from every failed command and every ended stream. When that reconnection fails too (e.g. the
 * cluster's gossip discovery finds no node while a leader is being elected), its promise rejects
 * with nothing attached, and Node 20 ends the process on an unhandled rejection. This wraps the
 * instance's `handleError` so the failure is reported instead; the next command reconnects again.
 */
export function guardClientBackgroundErrors(client: EventStoreDBClient, report: (error: unknown) => void): void {
  const target = client as unknown as { handleError: (grpcClient: unknown, error: Error) => Promise<void> };
  const original = target.handleError;
  if (typeof original !== 'function') throw new Error('@eventstore/db-client changed: Client.handleError is gone; re-check eventStoreDbClientGuard.ts');
  target.handleError = (grpcClient, error) =>
    original.call(client, grpcClient, error).catch((failure: unknown) => {
      report(failure);
    });
}

/**
 * Resolves or rejects as `promise` does, or rejects with `onTimeout()` after `ms`: an append the
 * client never settles must not hold the adapter's append queue for ever.
 */
export function settleWithin<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
