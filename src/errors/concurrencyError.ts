import { LedgerError } from './ledgerError.ts';
import type { ExpectedRevision, StreamRevision } from '../eventStore/eventStore.ts';

/** The stream is not at the revision the writer expected: its view is out of date. */
export class ConcurrencyError extends LedgerError {
  constructor(
    readonly stream: string,
    readonly expectedRevision: ExpectedRevision,
    readonly actualRevision: StreamRevision,
  ) {
    super('CONCURRENCY_CONFLICT', `Stream ${stream} is at revision ${String(actualRevision)}, expected ${String(expectedRevision)}`, {
      stream,
      expectedRevision: String(expectedRevision),
      actualRevision: String(actualRevision),
    });
  }
}
