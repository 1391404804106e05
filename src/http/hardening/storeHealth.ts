import type { FastifyInstance } from 'fastify';
import { isLedgerError } from '../../errors/ledgerError.ts';
import type { LedgerHealth } from '../../health/ledgerHealth.ts';

/**
 * Keeps the shared health state in step with what the store answers: any request that fails with
 * STORE_UNAVAILABLE (locked, read-only, full, closed) marks the store degraded, and the next write
 * that succeeds clears it. Writes clear it rather than reads, since a locked or full SQLite file
 * still reads.
 */
export function trackStoreHealth(app: FastifyInstance, health: LedgerHealth): void {
  app.addHook('onError', async (_request, _reply, error) => {
    if (isLedgerError(error, 'STORE_UNAVAILABLE')) health.degrade('store', error.message);
  });
  app.addHook('onResponse', async (request, reply) => {
    if (request.method === 'POST' && request.routeOptions.url === '/api/events' && reply.statusCode < 300) health.restore('store');
  });
}

/** Who a rejected request came from, for its one log line. Never the token, never the body. */
export function rejectionFacts(request: {
  writer?: { actor: string; role?: string };
  ip: string;
  method: string;
  routeOptions: { url?: string };
}): Record<string, unknown> {
  return {
    actor: request.writer?.actor ?? 'anonymous',
    ...(request.writer?.role ? { role: request.writer.role } : {}),
    ip: request.ip,
    route: `${request.method} ${request.routeOptions.url ?? '(no route)'}`,
  };
}
