/** Why a migration stopped. Every one of them is raised before the first write, except VERIFICATION_FAILED. */
export type MigrationErrorCode =
  /** The source named does not exist (a SQLite file that is not there). */
  | 'SOURCE_NOT_FOUND'
  /** Source and target are the same store. */
  | 'SAME_STORE'
  /** The source's own chain does not verify: copying it would copy the damage. */
  | 'SOURCE_CHAIN_BROKEN'
  /** The target holds events that are not a prefix of the source: a different ledger, or a corrupt copy. */
  | 'TARGET_DIVERGES'
  /** After the copy, source and target do not have the same count, head hash or stream heads. */
  | 'VERIFICATION_FAILED';

/** A migration refused or failed, with a code a caller (or a test) can check and a message for a person. */
export class MigrationError extends Error {
  readonly code: MigrationErrorCode;

  constructor(code: MigrationErrorCode, message: string) {
    super(message);
    this.name = 'MigrationError';
    this.code = code;
  }
}
