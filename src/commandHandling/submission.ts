import { z } from 'zod';
import { eventIdInput } from '../domain/eventIdInput.ts';
import { LIMITS } from '../domain/primitives.ts';
import type { ExpectedRevision } from '../eventStore/eventStore.ts';

/** Expected revision as clients write it: a keyword, or the stream's last revision (number or decimal string). */
export const ExpectedRevisionInput = z.union([
  z.enum(['any', 'no_stream', 'stream_exists']),
  z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  z.string().regex(/^\d{1,19}$/, 'must be a revision: a non-negative integer'),
]);
export type ExpectedRevisionInput = z.infer<typeof ExpectedRevisionInput>;

export function toExpectedRevision(input: ExpectedRevisionInput | undefined): ExpectedRevision {
  if (input === undefined) return 'any';
  if (typeof input === 'number') return BigInt(input);
  if (/^\d+$/.test(input)) return BigInt(input);
  return input as ExpectedRevision;
}

/** One fact as a client submits it: the catalogue's `type` and `data`, and optionally its own UUID. */
export const SubmittedEvent = z.strictObject({
  id: eventIdInput('must be a UUID').optional(),
  type: z.string(),
  data: z.unknown(),
});
export type SubmittedEvent = z.infer<typeof SubmittedEvent>;

/** What a writer asks the ledger to record: one or more facts of one stream, atomically. */
export interface Submission {
  events: SubmittedEvent[];
  expectedRevision?: ExpectedRevisionInput;
}

export const MAX_BATCH = LIMITS.batchEvents;
