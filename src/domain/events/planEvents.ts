import { z } from 'zod';
import { Id, IsoDate, LgId, TermId, Year, list, longText, shortText } from '../primitives.ts';

export const Objective = z.strictObject({ code: Id, text: longText() });
export type Objective = z.infer<typeof Objective>;

export const PlanDrafted = z.strictObject({
  planId: Id,
  lgId: LgId,
  kind: z.enum(['CDP', 'LED']),
  title: shortText(),
  horizon: z
    .strictObject({ from: Year, to: Year })
    .refine((h) => h.to >= h.from, { message: 'horizon.to must not be before horizon.from' }),
  objectives: list(Objective),
  draftedOn: IsoDate,
});
export type PlanDrafted = z.infer<typeof PlanDrafted>;

export const PlanUpdated = z.strictObject({
  planId: Id,
  version: z.number().int().min(2),
  summary: longText(),
  objectives: list(Objective).optional(),
  updatedOn: IsoDate,
});
export type PlanUpdated = z.infer<typeof PlanUpdated>;

export const PlanAdopted = z.strictObject({
  planId: Id,
  version: z.number().int().min(1),
  instrument: shortText(),
  adoptedOn: IsoDate,
});
export type PlanAdopted = z.infer<typeof PlanAdopted>;

export const PlanRecognizedAsPublicPolicy = z.strictObject({
  planId: Id,
  instrument: shortText(),
  recognizedOn: IsoDate,
});
export type PlanRecognizedAsPublicPolicy = z.infer<typeof PlanRecognizedAsPublicPolicy>;

export const PlanInheritanceDecided = z.strictObject({
  planId: Id,
  lgId: LgId,
  termId: TermId,
  decision: z.enum(['continue', 'revise', 'replace']),
  decidedOn: IsoDate,
});
export type PlanInheritanceDecided = z.infer<typeof PlanInheritanceDecided>;
