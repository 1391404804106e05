import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { longText, shortText } from '../../../src/domain/primitives.ts';

/** Each rule of `text`, as its own check, in the order its issues are reported. */
const RULES: [RegExp, string, 'all' | 'short'][] = [
  [/\p{Cs}/u, 'must be well-formed Unicode: it contains a lone surrogate', 'all'],
  [/[\u0000-\u001F\u007F-\u009F]/, 'must not contain control characters', 'all'],
  [/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/, 'must not contain bidirectional control characters (U+202A–202E, U+2066–2069, U+200E, U+200F, U+061C)', 'all'],
  [/[\u200B-\u200D\u2060\uFEFF]/, 'must not contain zero-width characters (U+200B–200D, U+2060, U+FEFF)', 'short'],
];

const special = fc.constantFrom('\u0000', '\u0009', '\u001f', '\u007f', '\u009f', '\u061c', '\u200e', '\u202a', '\u202e', '\u2066', '\u2069', '\u200b', '\u200d', '\u2060', '\ufeff', '\ud800', '\udfff', '\ud83d\ude00', 'ñ', 'a', ' ');
const mixed = fc.array(fc.oneof(special, fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 8 }).map((parts) => parts.join(''));

describe('human text', () => {
  it('given text with any mix of refused characters, then each rule it breaks is reported once, in order, as when each rule was a check of its own', () => {
    fc.assert(
      fc.property(mixed, (s) => {
        for (const [schema, kind] of [[shortText(), 'short'], [longText(), 'long']] as const) {
          const broken = RULES.filter(([pattern, , applies]) => (applies === 'all' || kind === 'short') && pattern.test(s)).map(([, message]) => message);
          const result = schema.safeParse(s);
          if (broken.length > 0) {
            expect(result.success).toBe(false);
            expect(result.error!.issues.map((i) => ({ code: i.code, path: i.path, message: i.message }))).toEqual(broken.map((message) => ({ code: 'custom', path: [], message })));
          } else if (!result.success) {
            // Only the length rules remain, checked after NFC and trimming.
            expect(result.error.issues.map((i) => i.code)).toEqual(['too_small']);
            expect(s.normalize('NFC').trim()).toBe('');
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});
