import { LedgerError } from './ledgerError.ts';

/** The credentials are valid but their scope does not cover this write. Names the missing scope. */
export class ForbiddenError extends LedgerError {
  constructor(readonly missingScope: string) {
    super('FORBIDDEN', `This token lacks the scope ${missingScope}`, { missingScope });
  }
}
