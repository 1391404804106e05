import type { FastifyRequest } from 'fastify';
import { LedgerError } from '../../errors/ledgerError.ts';

/** A state-changing request another site (or no browser page of ours) made: FORBIDDEN. */
export class CrossOriginRequestError extends LedgerError {
  constructor() {
    super('FORBIDDEN', 'A form post must come from a page of this site', { reason: 'CROSS_ORIGIN' });
  }
}

/**
 * Whether a state-changing request comes from a page of this site, beside the SameSite=Strict
 * cookie. Browsers say where a request comes from in `Sec-Fetch-Site`, which pages cannot forge:
 * only `same-origin` passes. Browsers without it send `Origin`, which must then be exactly our own
 * scheme, host and port. `Origin: null` (a sandboxed frame, a `data:` page, a redirect across
 * origins) and a request with neither header prove nothing and are refused; our Referrer-Policy
 * (`same-origin`) makes browsers send a real Origin on our own form posts.
 */
export function isSameOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin';
  const origin = request.headers.origin;
  if (typeof origin !== 'string' || origin === 'null') return false;
  try {
    return new URL(origin).origin === new URL(`${request.protocol}://${request.host}`).origin;
  } catch {
    return false;
  }
}

/** Methods that change nothing: the only ones accepted without the origin check. */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);
