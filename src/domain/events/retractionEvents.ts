import { z } from 'zod';
import { eventIdInput } from '../eventIdInput.ts';
import { IsoDate, longText } from '../primitives.ts';

/** A correction: the event it names no longer counts, from the moment the retraction is recorded. */
export const EntryRetracted = z.strictObject({
  eventId: eventIdInput('must be the UUID of a recorded event'),
  reason: longText(),
  retractedOn: IsoDate,
});
export type EntryRetracted = z.infer<typeof EntryRetracted>;
