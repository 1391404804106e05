import { LedgerError } from './ledgerError.ts';

/** An event id that is already recorded with different content. Ids are never reused. */
export class DuplicateEventIdError extends LedgerError {
  constructor(readonly eventId: string) {
    super('DUPLICATE_EVENT_ID', `Event id ${eventId} is already recorded with different content`, { eventId });
  }
}
