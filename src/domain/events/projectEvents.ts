import { z } from 'zod';
import { Currency, Id, IsoDate, LgId, PositiveAmount, list, shortText } from '../primitives.ts';

export const Sector = z.enum(['agriculture', 'education', 'housing', 'transportation', 'health', 'sanitation', 'other']);
export type Sector = z.infer<typeof Sector>;

export const ProjectRegistered = z.strictObject({
  projectId: Id,
  title: shortText(),
  sector: Sector,
  lgIds: list(LgId, 1),
  /** Código Único de Inversiones (Invierte.pe), when the project has one. */
  cui: z.string().regex(/^\d{6,8}$/, 'must be a 6-8 digit CUI').optional(),
  registeredOn: IsoDate,
});
export type ProjectRegistered = z.infer<typeof ProjectRegistered>;

export const FundingCommitted = z.strictObject({
  commitmentId: Id,
  projectId: Id,
  funder: shortText(),
  tableId: Id.optional(),
  amount: PositiveAmount,
  currency: Currency,
  committedOn: IsoDate,
});
export type FundingCommitted = z.infer<typeof FundingCommitted>;
