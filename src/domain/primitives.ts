import { z } from 'zod';

/**
 * Building blocks shared by every event schema. Each one rejects, rather than repairs, what an
 * auditor could not trust: control characters, impossible dates, inexact or negative money.
 */

// C0 and C1 control characters, DEL included. Tabs and newlines are rejected too: every field is
// a single line of text, and multi-line payloads are where log-injection hides.
const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F-\u009F]/;

/** Limits, documented in the README ("Limits"). */
export const LIMITS = {
  shortText: 200,
  longText: 4000,
  idLength: 64,
  arrayItems: 200,
  batchEvents: 500,
} as const;

/**
 * Bidirectional controls: they reorder what a reader sees without changing what is stored, so an
 * official could sign one text while reading another ("Trojan Source"). Refused in every text field.
 */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/**
 * Zero-width characters: invisible, so two names that look the same would be different names and
 * hash differently. Refused in names and other short text; kept in long free text, where the
 * joiners are needed for emoji sequences and some scripts and do not reorder anything.
 */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/;

/**
 * A lone UTF-16 surrogate: no Unicode text at all. JavaScript would hash it as U+FFFD (two texts,
 * one hash) and a strict RFC 8785 verifier in another language rejects it. Refused everywhere.
 */
export const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Human text: NFC-normalized (so "Quiñota" typed two ways is one name), trimmed, well-formed, no
 * control characters, no bidi controls; `names` (short text) no zero-width characters either.
 */
export const text = (max: number = LIMITS.shortText, { zeroWidth = false }: { zeroWidth?: boolean } = {}) => {
  const suspect = zeroWidth ? SUSPECT_LONG_TEXT : SUSPECT_TEXT;
  return z
    .string()
    .check((ctx) => {
      // One scan for any refused character; only text that has one is told which rules it breaks.
      if (!suspect.test(ctx.value)) return;
      for (const [pattern, message] of TEXT_RULES) {
        if ((pattern !== ZERO_WIDTH || !zeroWidth) && pattern.test(ctx.value)) ctx.issues.push({ code: 'custom', input: ctx.value, path: [], message });
      }
    })
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().min(1, 'must not be empty').max(max, `must be at most ${max} characters`));
};

/** What `text` refuses, each with its message, in the order they are reported. */
const TEXT_RULES: readonly (readonly [RegExp, string])[] = [
  [LONE_SURROGATE, 'must be well-formed Unicode: it contains a lone surrogate'],
  [CONTROL_CHARACTERS, 'must not contain control characters'],
  [BIDI_CONTROLS, 'must not contain bidirectional control characters (U+202A–202E, U+2066–2069, U+200E, U+200F, U+061C)'],
  [ZERO_WIDTH, 'must not contain zero-width characters (U+200B–200D, U+2060, U+FEFF)'],
];
/** Any character a TEXT_RULES pattern matches (zero-width ones only where they are refused). */
const SUSPECT_LONG_TEXT = /[\p{Cs}\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const SUSPECT_TEXT = /[\p{Cs}\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u200B-\u200D\u2060\uFEFF]/u;

export const shortText = () => text(LIMITS.shortText);
export const longText = () => text(LIMITS.longText, { zeroWidth: true });

/** Caller-supplied identifier: ASCII letters, digits and `._:-`, starting with a letter or digit (so no invisible or reordering character). */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
export const Id = z
  .string()
  .max(LIMITS.idLength, `must be at most ${LIMITS.idLength} characters`)
  .regex(ID_PATTERN, 'must match ^[A-Za-z0-9][A-Za-z0-9._:-]*$');

/** INEI ubigeo of a local government: six digits (department, province, district). */
export const LgId = z.string().regex(/^\d{6}$/, 'must be a 6-digit INEI ubigeo, e.g. 080707');

/** A term of office, `YYYY-YYYY`, whose end year is not before its start year. */
export const TermId = z
  .string()
  .regex(/^\d{4}-\d{4}$/, 'must look like 2019-2022')
  .refine((t) => Number(t.slice(5)) >= Number(t.slice(0, 4)), { message: 'must not end before it starts' });

/** True when `s` is `YYYY-MM-DD` and names a day that exists in the proleptic Gregorian calendar. */
export function isCalendarDate(s: string): boolean {
  // Read digit by digit: every recorded fact carries a date, and a match array and a Date per check
  // were a noticeable part of what the write path allocated.
  if (s.length !== 10 || s.charCodeAt(4) !== DASH || s.charCodeAt(7) !== DASH) return false;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 7);
  const day = digits(s, 8, 10);
  // Years 0–99 are refused, as they always were here (Date.UTC reads them as 1900–1999).
  if (year < 100 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 ? (leap ? 29 : 28) : DAYS_IN_MONTH[month - 1]!);
}

const DASH = 0x2d;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** The decimal number written in s[from, to), or -1 (below every range above) if a character is not an ASCII digit. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** A day in the world, ISO 8601 `YYYY-MM-DD`, that exists (no 2019-02-29). */
export const IsoDate = z
  .string()
  .refine(isCalendarDate, { message: 'must be a real calendar date, YYYY-MM-DD' });

export const Year = z.number().int().min(1900).max(2200);

/**
 * Money: a decimal string with at most two decimals, never negative, never a float.
 * At most 15 integer digits, so every sum of a realistic ledger stays exact in bigint céntimos.
 */
export const Amount = z
  .string()
  .regex(/^(0|[1-9]\d{0,14})(\.\d{1,2})?$/, 'must be a non-negative decimal string with at most two decimals, e.g. "5187500.00"');

/** An amount that must be more than zero (a commitment or allocation of nothing is not a fact). */
export const PositiveAmount = Amount.refine((a) => /[1-9]/.test(a), { message: 'must be greater than zero' });

export const Currency = z.literal('PEN');

/** A list with a documented maximum length. */
export const list = <T extends z.ZodTypeAny>(item: T, min = 0) =>
  z.array(item).min(min).max(LIMITS.arrayItems, `must have at most ${LIMITS.arrayItems} items`);
