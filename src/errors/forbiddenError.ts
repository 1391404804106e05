import { LedgerError } from './ledgerError.ts';

/**
 * Why a scope is not held, in data: `SCOPE_NOT_HELD` (the credential's role or scope does not cover
 * it), `ID_OUTSIDE_NAMESPACE` (an id its local government may not introduce), `SYSTEM_STREAM` (no
 * HTTP credential writes into a system stream).
 */
export type ForbiddenReason = 'SCOPE_NOT_HELD' | 'ID_OUTSIDE_NAMESPACE' | 'SYSTEM_STREAM';

/** The credentials are valid but their scope does not cover this write. Names the missing scope and why. */
export class ForbiddenError extends LedgerError {
  constructor(
    readonly missingScope: string,
    readonly reason: ForbiddenReason = 'SCOPE_NOT_HELD',
  ) {
    super('FORBIDDEN', `This token lacks the scope ${missingScope}`, { missingScope, reason });
  }
}
