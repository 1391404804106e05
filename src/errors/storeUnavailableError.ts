import { LedgerError } from './ledgerError.ts';

/** The event store cannot be reached or cannot write. Nothing was written; the client may retry. */
export class StoreUnavailableError extends LedgerError {
  constructor(message: string, readonly retryAfterSeconds = 5, options?: { cause?: unknown }) {
    super('STORE_UNAVAILABLE', message, { retryAfterSeconds });
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}
