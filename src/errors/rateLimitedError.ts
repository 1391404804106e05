import { LedgerError } from './ledgerError.ts';

/** Too many failed authentications from one client: it may try again after `retryAfterSeconds`. */
export class RateLimitedError extends LedgerError {
  constructor(readonly retryAfterSeconds: number) {
    super('RATE_LIMITED', `Too many failed authentications from this client; retry in ${retryAfterSeconds} s`, { retryAfterSeconds });
  }
}
