import { z } from 'zod';
import { IsoDate, LgId, TermId, shortText } from '../primitives.ts';

export const LocalGovernmentRegistered = z.strictObject({
  lgId: LgId,
  name: shortText(),
  level: z.enum(['provincial', 'district']),
  province: shortText(),
  department: shortText(),
});
export type LocalGovernmentRegistered = z.infer<typeof LocalGovernmentRegistered>;

export const AuthorityTermStarted = z.strictObject({
  lgId: LgId,
  termId: TermId,
  mayor: shortText(),
  startedOn: IsoDate,
});
export type AuthorityTermStarted = z.infer<typeof AuthorityTermStarted>;

export const AuthorityTermEnded = z.strictObject({
  lgId: LgId,
  termId: TermId,
  endedOn: IsoDate,
});
export type AuthorityTermEnded = z.infer<typeof AuthorityTermEnded>;
