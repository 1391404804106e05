import canonicalizeModule from 'canonicalize';

// The package is CommonJS whose types declare an ES default export; at run time the default is the function.
const canonicalize = canonicalizeModule as unknown as (value: unknown) => string | undefined;

/**
 * RFC 8785 (JSON Canonicalization Scheme): keys sorted by UTF-16 code units, no whitespace,
 * ECMAScript number and string forms. Every hash and signature in the ledger is taken over this
 * form, so a verifier in any language with a JCS library reproduces it byte for byte.
 */
export function canonicalJson(value: unknown): string {
  const out = plainCanonicalJson(value) ?? canonicalize(value);
  if (out === undefined) throw new TypeError('value has no JSON form');
  return out;
}

/**
 * The same bytes as `canonicalize` for plain JSON values (null, booleans, finite numbers, strings,
 * arrays without holes or undefined, objects whose prototype is Object's or null), faster: no
 * reduce, no nested template strings, and a string that needs no escape is quoted without a call.
 * Anything else (toJSON, Date, NaN, bigint, functions…) returns undefined, and `canonicalize` itself
 * decides. Numbers and escaped strings go through JSON.stringify, as in `canonicalize`; keys sort by
 * UTF-16 code units, the default sort. test/unit/audit/canonicalJson.spec.ts compares the two on
 * generated values.
 */
export function plainCanonicalJson(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : undefined;
    case 'object': {
      if (value === null) return 'null';
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return undefined;
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          const item = plainCanonicalJson(value[i]); // a hole or undefined gives undefined: not plain
          if (item === undefined) return undefined;
          out += i === 0 ? item : `,${item}`;
        }
        return `${out}]`;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) return undefined;
      const record = value as Record<string, unknown>;
      let out = '{';
      const keys = sortedKeys(Object.keys(record));
      for (const key of keys) {
        const field = record[key];
        if (field === undefined) continue; // skipped, as canonicalize (and JSON.stringify) do
        const item = plainCanonicalJson(field);
        if (item === undefined) return undefined;
        out += `${out.length === 1 ? '' : ','}${quote(key)}:${item}`;
      }
      return `${out}}`;
    }
    default:
      return undefined;
  }
}

/**
 * `keys` sorted as Array.prototype.sort sorts strings (UTF-16 code units, which is what `<` compares),
 * in place. An event's data has a handful of keys: an insertion sort allocates nothing, where the
 * built-in sort allocates a work array per call (a tenth of the bytes the write path allocated).
 */
function sortedKeys(keys: string[]): string[] {
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    for (; j >= 0 && keys[j]! > key; j--) keys[j + 1] = keys[j]!;
    keys[j + 1] = key;
  }
  return keys;
}

/** Characters JSON.stringify escapes (quote, backslash, controls) or checks (surrogates, paired or lone). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify(text), without the call for the common string that needs no escape. */
function quote(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}
