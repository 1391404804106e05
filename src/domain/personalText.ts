import { z } from 'zod';
import { Id, shortText } from './primitives.ts';

/**
 * A value of personal data as the log holds it: AES-256-GCM ciphertext under the key of one data
 * subject (src/personalData/keyStore.ts), never the plaintext. The hash chain, the Merkle leaves and
 * every checkpoint cover these bytes, so destroying the key (PersonalDataErased) changes no hash.
 * `eventId` and `field` are the additional authenticated data: a ciphertext moved to another event
 * or field no longer opens.
 */
export const SealedValue = z.strictObject({
  sealed: z.literal('aes-256-gcm'),
  subjectId: Id,
  eventId: z.uuid(),
  field: z.string().regex(/^[A-Za-z0-9/]{1,100}$/),
  nonce: z.base64url().length(16),
  ciphertext: z.base64url().min(1).max(2000),
  tag: z.base64url().length(22),
});
export type SealedValue = z.infer<typeof SealedValue>;

/** Plaintext personal data as a client submits it, with the data subject it belongs to; the write path seals it. */
export const PersonalInput = z.strictObject({ subjectId: Id, value: shortText() });
export type PersonalInput = z.infer<typeof PersonalInput>;

/**
 * An erasable field (schema v2 of its event): a plain name (sealed under a fresh subject by the
 * write path), a name with its subject, or, as stored, a sealed value. Events recorded before v2
 * hold plain strings and keep verifying as they are.
 */
export const personalText = () => z.union([shortText(), PersonalInput, SealedValue]);
export type PersonalText = string | PersonalInput | SealedValue;

export function isSealedValue(value: unknown): value is SealedValue {
  return typeof value === 'object' && value !== null && (value as { sealed?: unknown }).sealed === 'aes-256-gcm';
}

export function isPersonalInput(value: unknown): value is PersonalInput {
  return typeof value === 'object' && value !== null && !isSealedValue(value) && typeof (value as { subjectId?: unknown }).subjectId === 'string';
}

/** What a reader sees in place of a value: Spanish first, as the pages and reports are. */
export const PERSONAL_DATA_PLACEHOLDERS = {
  /** A value exists; this reader may not see it. */
  withheld: '[dato personal]',
  /** The value's key was destroyed by a PersonalDataErased: nobody will see it again. */
  erased: '[dato personal suprimido]',
} as const;

/** A personal value as text for a renderer: revealed values are strings already; anything else was not revealed and prints as withheld, never as an object. */
export function shownText(value: PersonalText): string {
  return typeof value === 'string' ? value : PERSONAL_DATA_PLACEHOLDERS.withheld;
}
