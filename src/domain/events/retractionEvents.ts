import { z } from 'zod';
import { IsoDate, longText } from '../primitives.ts';

/** A correction: the event it names no longer counts, from the moment the retraction is recorded. */
export const EntryRetracted = z.strictObject({
  eventId: z.uuid({ message: 'must be the UUID of a recorded event' }),
  reason: longText(),
  retractedOn: IsoDate,
});
export type EntryRetracted = z.infer<typeof EntryRetracted>;
