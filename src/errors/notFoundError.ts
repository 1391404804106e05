import { LedgerError } from './ledgerError.ts';

export class NotFoundError extends LedgerError {
  constructor(readonly resource: string, readonly id: string) {
    super('NOT_FOUND', `${resource} ${id} not found`, { resource, id });
  }
}
