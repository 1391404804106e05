import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/audit/canonicalJson.ts';
import { eventHash, type HashedFields } from '../../../src/audit/eventHash.ts';
import { leafHash, nodeHash } from '../../../src/audit/merkle.ts';
import { sha256, sha256Hex } from '../../../src/audit/sha256.ts';

const canonicalize = canonicalizeModule as unknown as (value: unknown) => string | undefined;

/** Strings that stress JCS: every plane, lone surrogates, control characters, escapes. */
const anyString = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: fc.constantFrom('\u0000', '\u001f', '"', '\\', '/', '\u2028', '\ud800', '\udfff', 'é', '€', '😀', 'ñ', 'a') }),
);
const anyNumber = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(-0, 1e21, 1e-7, 5e-324, 2 ** 53));
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.boolean(), anyNumber, anyString, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 6 }),
  object: fc.dictionary(anyString, tie('value'), { maxKeys: 8 }),
})).value;

describe('canonicalJson', () => {
  it('given any plain JSON value (unicode, nested objects and arrays, odd numbers), then it is byte-identical to canonicalize', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(canonicalJson(value)).toBe(canonicalize(value));
      }),
      { numRuns: 3000 },
    );
  });

  it('given what JSON.parse gives back for a generated value, then it is byte-identical to canonicalize (the verifier reads parsed rows)', () => {
    fc.assert(
      fc.property(json, (value) => {
        const parsed: unknown = JSON.parse(JSON.stringify(value));
        expect(canonicalJson(parsed)).toBe(canonicalize(parsed));
      }),
      { numRuns: 1000 },
    );
  });

  it('given values that are not plain JSON, then it answers as canonicalize does (same text, or an error)', () => {
    const odd: unknown[] = [
      { b: undefined, a: 1 }, [1, undefined, 2], [1, , 3], { d: new Date(0) }, { t: { toJSON: () => 'x' } },
      Object.assign(Object.create(null) as object, { b: 1, a: 2 }), { toJSON: 'not a function', z: 1 },
      { s: Symbol('s'), a: 1 }, new Map([['a', 1]]),
    ];
    for (const value of odd) expect(canonicalJson(value)).toBe(canonicalize(value));
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, { x: Number.NaN }, [Number.NEGATIVE_INFINITY]]) {
      expect(() => canonicalJson(value)).toThrow();
    }
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });

  it('given RFC 8785 examples, then it sorts keys by UTF-16 code units and writes numbers in ECMAScript form', () => {
    expect(canonicalJson({ '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '\ufb33': 'Hebrew Letter Dalet With Dagesh', '1': 'One', '\ud83d\ude00': 'Emoji: Grinning Face', '\u0080': 'Control', '\u00f6': 'Latin Small Letter O With Diaeresis' }))
      .toBe('{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}');
    expect(canonicalJson([1e30, 4.5, 0.002, 1e-27, -0])).toBe('[1e+30,4.5,0.002,1e-27,0]');
  });
  it('given events whose fields are not plain (missing, Date, NaN, a number revision), then eventHash still answers as canonicalize does', () => {
    const base: HashedFields = {
      stream: 's', revision: 3n, id: 'e', type: 'PlanDrafted', schemaVersion: 1, data: { a: 1 }, recordedAt: '2019-01-02T00:00:00.000Z',
      actor: 'x', metadata: { role: 'registrar' }, prevHash: '0'.repeat(64),
    };
    const odd = [
      { data: undefined }, { metadata: { at: new Date(0) } as unknown as Record<string, string> }, { data: { t: { toJSON: () => 'x' } } },
      { actor: undefined as unknown as string }, { revision: 7 as unknown as bigint }, { schemaVersion: 1.5 }, { stream: 'quote " and \\ and \u0000' },
    ];
    for (const change of odd) {
      const fields = { ...base, ...change };
      const reference = canonicalize({ ...fields, revision: fields.revision.toString() })!;
      expect(eventHash(fields)).toBe(createHash('sha256').update(reference, 'utf8').digest('hex'));
    }
    expect(() => eventHash({ ...base, schemaVersion: Number.NaN })).toThrow();
  });
});

describe('sha256 and the hashes built on it', () => {
  it('given any bytes or text, then the one-shot digests equal createHash', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), anyString, (bytes, text) => {
        expect(sha256(bytes).equals(createHash('sha256').update(bytes).digest())).toBe(true);
        expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      }),
    );
  });

  it('given an event and two hashes, then eventHash, leafHash and nodeHash equal their definitions over createHash and canonicalize', () => {
    fc.assert(
      fc.property(json, anyString, fc.bigInt({ min: 0n, max: 2n ** 63n }), fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), (data, text, revision, a, b) => {
        const fields: HashedFields = {
          stream: `s-${text}`, revision, id: text, type: 'PlanDrafted', schemaVersion: 1, data, recordedAt: '2019-01-02T00:00:00.000Z',
          actor: text, metadata: { role: 'registrar', note: text }, prevHash: '0'.repeat(64),
        };
        const reference = canonicalize({ ...fields, revision: revision.toString() })!;
        expect(eventHash(fields)).toBe(createHash('sha256').update(reference, 'utf8').digest('hex'));
        const hex = Buffer.from(a).toString('hex');
        expect(leafHash(hex).equals(createHash('sha256').update(Uint8Array.of(0)).update(a).digest())).toBe(true);
        expect(nodeHash(a, b).equals(createHash('sha256').update(Uint8Array.of(1)).update(a).update(b).digest())).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
