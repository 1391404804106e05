import { z } from 'zod';
import { IsoDate } from '../domain/primitives.ts';
import type { PointInTime } from '../../projections/pointInTime.ts';
import { MAX_LEDGER_POSITION, parseLedgerPosition } from '../records/ledgerPosition.ts';

/**
 * A ledger position in a query (`atPosition`, `after`): a decimal string no store's position can
 * exceed, so a client's number is refused as VALIDATION_FAILED here rather than by the store's
 * driver as a 500. The one parser of positions for every route and page.
 */
export const PositionParam = z
  .string()
  .refine((text) => parseLedgerPosition(text) !== undefined, { message: `must be a ledger position (0 to ${MAX_LEDGER_POSITION})` })
  .describe('A ledger position (decimal string)');

/** `asOf` (a business date) and `atPosition` (a ledger position), accepted by every read. */
export const PointInTimeQuery = z.strictObject({
  asOf: IsoDate.optional().describe('Only facts that had happened by this date (YYYY-MM-DD)'),
  atPosition: PositionParam.optional().describe('Only what had been recorded up to this position'),
});

export function toPointInTime(q: z.infer<typeof PointInTimeQuery>): PointInTime {
  return { asOf: q.asOf, atPosition: q.atPosition === undefined ? undefined : BigInt(q.atPosition) };
}
