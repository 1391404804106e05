import type { FastifyInstance } from 'fastify';
import type { IntegrityStatus } from '../../audit/log/integrityMonitor.ts';

export const INTEGRITY_HEADER = 'ledger-integrity';

/**
 * Every read answered while the store is known not to verify carries
 * `Ledger-Integrity: corrupt; first-invalid-position=N`: the data may be served, but never as if it
 * were sound. Added on the root instance so it covers every route, present and future.
 */
export function registerIntegrityHeader(app: FastifyInstance, status: () => IntegrityStatus): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return payload;
    const s = status();
    if (s.corrupt) reply.header(INTEGRITY_HEADER, `corrupt; first-invalid-position=${s.firstInvalidPosition}`);
    return payload;
  });
}
