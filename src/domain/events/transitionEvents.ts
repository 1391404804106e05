import { z } from 'zod';
import { Id, IsoDate, LgId, TermId, list, longText, shortText } from '../primitives.ts';
import { personalText } from '../personalText.ts';

export const CommissionMember = z.strictObject({
  /** Erasable (fieldClassification.ts): sealed by the write path since schema v2. */
  name: personalText(),
  role: shortText(),
  side: z.enum(['outgoing', 'incoming']),
});
export type CommissionMember = z.infer<typeof CommissionMember>;

export const TransitionCommissionFormed = z.strictObject({
  transitionId: Id,
  lgId: LgId,
  outgoingTermId: TermId,
  incomingTermId: TermId,
  members: list(CommissionMember, 1),
  formedOn: IsoDate,
});
export type TransitionCommissionFormed = z.infer<typeof TransitionCommissionFormed>;

export const CommissionDecisionRecorded = z.strictObject({
  transitionId: Id,
  decisionId: Id,
  subject: shortText(),
  decision: longText(),
  decidedOn: IsoDate,
});
export type CommissionDecisionRecorded = z.infer<typeof CommissionDecisionRecorded>;

export const HandoverCategory = z.enum(['plan', 'budget', 'project', 'asset', 'document', 'obligation', 'staff', 'other']);

export const HandoverItemRecorded = z.strictObject({
  transitionId: Id,
  itemId: Id,
  category: HandoverCategory,
  ref: Id.optional(),
  description: longText(),
  recordedOn: IsoDate,
});
export type HandoverItemRecorded = z.infer<typeof HandoverItemRecorded>;

export const HandoverObservationRaised = z.strictObject({
  transitionId: Id,
  observationId: Id,
  itemId: Id.optional(),
  text: longText(),
  raisedOn: IsoDate,
});
export type HandoverObservationRaised = z.infer<typeof HandoverObservationRaised>;

export const HandoverObservationResolved = z.strictObject({
  transitionId: Id,
  observationId: Id,
  resolution: longText(),
  resolvedOn: IsoDate,
});
export type HandoverObservationResolved = z.infer<typeof HandoverObservationResolved>;

export const HandoverActSigned = z.strictObject({
  transitionId: Id,
  /** Erasable: sealed by the write path since schema v2. */
  signatories: list(personalText(), 1),
  signedOn: IsoDate,
});
export type HandoverActSigned = z.infer<typeof HandoverActSigned>;
