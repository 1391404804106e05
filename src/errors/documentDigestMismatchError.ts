import { LedgerError } from './ledgerError.ts';

/** The bytes sent are not the file the URL's SHA-256 names: nothing is kept, so a digest always names its own bytes. */
export class DocumentDigestMismatchError extends LedgerError {
  constructor(readonly expected: string, readonly actual: string, readonly sizeBytes: number) {
    super('DOCUMENT_DIGEST_MISMATCH', `The body's SHA-256 is ${actual}, not ${expected}; nothing was kept`, { expected, actual, sizeBytes });
  }
}
