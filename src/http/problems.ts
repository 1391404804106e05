import { ProblemDocument } from 'http-problem-details';
import type { ErrorCode } from '../errors/ledgerError.ts';

/**
 * The catalogue of error codes and the only place where they meet HTTP statuses. Every code is
 * documented in the README's "Error codes" table; a test keeps the two in step.
 */
export const PROBLEMS: Record<ErrorCode | 'PAYLOAD_TOO_LARGE' | 'INTERNAL', { status: number; title: string }> = {
  VALIDATION_FAILED: { status: 400, title: 'The request has invalid fields' },
  UNAUTHORIZED: { status: 401, title: 'Authentication required' },
  FORBIDDEN: { status: 403, title: 'Not allowed for this credential' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  CONCURRENCY_CONFLICT: { status: 409, title: 'The stream has moved on since the expected revision' },
  DUPLICATE_EVENT_ID: { status: 409, title: 'Event id already used for a different fact' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Request body too large' },
  DOCUMENT_TOO_LARGE: { status: 413, title: 'The document is larger than the ledger keeps' },
  RULE_VIOLATED: { status: 422, title: 'The fact breaks a ledger rule' },
  DOCUMENT_DIGEST_MISMATCH: { status: 422, title: 'The document is not the one its SHA-256 names' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  INTERNAL: { status: 500, title: 'Internal error' },
  STORE_UNAVAILABLE: { status: 503, title: 'The event store is unavailable' },
};
export type ProblemCode = keyof typeof PROBLEMS;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** Members RFC 9457 defines; a fact of the error never overwrites them. */
const RESERVED = new Set(['type', 'title', 'status', 'detail', 'instance']);

/**
 * An RFC 9457 problem document with the ledger's stable `code` and any facts of the error. A fact
 * named like a reserved member is renamed, e.g. an event's `type` becomes `eventType`, so the
 * problem's own `type` URI always stands.
 */
export function problem(code: ProblemCode, detail: string, instance: string, extensions: Record<string, unknown> = {}) {
  const { status, title } = PROBLEMS[code];
  const facts = Object.fromEntries(Object.entries(extensions).map(([k, v]) => [RESERVED.has(k) ? `event${k[0]!.toUpperCase()}${k.slice(1)}` : k, v]));
  return new ProblemDocument(
    { type: `https://transition-ledger.pe/problems/${code.toLowerCase().replaceAll('_', '-')}`, title, status, detail, instance },
    { code, ...facts } as unknown as Record<string, object>,
  );
}
