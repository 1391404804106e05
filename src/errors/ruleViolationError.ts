import { LedgerError } from './ledgerError.ts';

/** A well-formed fact that the ledger's rules refuse. `rule` is a stable identifier of the rule. */
export class RuleViolationError extends LedgerError {
  constructor(readonly rule: string, message: string, details: Record<string, unknown> = {}) {
    super('RULE_VIOLATED', `${rule}: ${message}`, { rule, ...details });
  }
}
