import { LedgerError } from './ledgerError.ts';

/** Missing or unknown credentials. Deliberately says nothing about whether a token exists. */
export class UnauthorizedError extends LedgerError {
  constructor() {
    super('UNAUTHORIZED', 'A valid bearer token is required to write to the ledger');
  }
}
