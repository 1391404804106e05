import { z } from 'zod';
import { Currency, Id, IsoDate, LgId, PositiveAmount, Year } from '../primitives.ts';

export const BudgetAllocated = z.strictObject({
  allocationId: Id,
  lgId: LgId,
  fiscalYear: Year,
  projectId: Id,
  planId: Id,
  objectiveCode: Id.optional(),
  process: z.enum(['participatory', 'institutional']),
  amount: PositiveAmount,
  currency: Currency,
  allocatedOn: IsoDate,
});
export type BudgetAllocated = z.infer<typeof BudgetAllocated>;
