import { LedgerError } from './ledgerError.ts';

export interface FieldIssue {
  /** JSON-pointer-like path to the failing field, e.g. `events/0/data/amount`. */
  path: string;
  message: string;
}

/** The request or event does not match its schema. Lists every failing field, not just the first. */
export class ValidationError extends LedgerError {
  constructor(readonly issues: FieldIssue[], message = 'The request has invalid fields') {
    super('VALIDATION_FAILED', message, { errors: issues });
  }
}
