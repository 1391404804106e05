/**
 * Base of every error the ledger raises on purpose. `code` is stable and documented in the README;
 * clients and tests match on it (not on `instanceof`, which breaks across duplicated packages).
 * HTTP statuses are chosen from the code at the edge (src/http/problems.ts), never here.
 */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'RULE_VIOLATED'
  | 'CONCURRENCY_CONFLICT'
  | 'DUPLICATE_EVENT_ID'
  | 'NOT_FOUND'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'STORE_UNAVAILABLE'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'DOCUMENT_TOO_LARGE'
  | 'DOCUMENT_DIGEST_MISMATCH';

export class LedgerError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Facts a caller needs to act on the error; serialized into the problem body. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export function isLedgerError(error: unknown, code?: ErrorCode): error is LedgerError {
  if (typeof error !== 'object' || error === null) return false;
  const c = (error as { code?: unknown }).code;
  return error instanceof Error && typeof c === 'string' && (code === undefined ? true : c === code) && 'details' in error;
}
