import { LedgerError } from './ledgerError.ts';

/** A document over LEDGER_DOCUMENT_MAX_BYTES: refused, declared or counted while it streams in; nothing is kept. */
export class DocumentTooLargeError extends LedgerError {
  constructor(readonly maxBytes: number) {
    super('DOCUMENT_TOO_LARGE', `The document exceeds the ledger's limit of ${maxBytes} bytes (LEDGER_DOCUMENT_MAX_BYTES); nothing was kept`, { maxBytes });
  }
}
