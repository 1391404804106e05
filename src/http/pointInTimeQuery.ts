import { z } from 'zod';
import { IsoDate } from '../domain/primitives.ts';
import type { PointInTime } from '../../projections/pointInTime.ts';

/** `asOf` (a business date) and `atPosition` (a ledger position), accepted by every read. */
export const PointInTimeQuery = z.strictObject({
  asOf: IsoDate.optional().describe('Only facts that had happened by this date (YYYY-MM-DD)'),
  atPosition: z.string().regex(/^\d{1,20}$/, 'must be a ledger position').optional().describe('Only what had been recorded up to this position'),
});

export function toPointInTime(q: z.infer<typeof PointInTimeQuery>): PointInTime {
  return { asOf: q.asOf, atPosition: q.atPosition === undefined ? undefined : BigInt(q.atPosition) };
}
