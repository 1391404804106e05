import { LedgerError } from './ledgerError.ts';

/** The events of one append are more than the store accepts at once (EventStoreDB: 1 MiB by default). Nothing was written. */
export class AppendTooLargeError extends LedgerError {
  constructor(readonly maxAppendBytes: number) {
    super('PAYLOAD_TOO_LARGE', `The events of one append exceed the store's limit of ${maxAppendBytes} bytes; nothing was written. Send fewer or smaller events per request.`, { maxAppendBytes });
  }
}
