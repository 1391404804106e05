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
      let first = true;
      for (const key of sortedKeys(Object.keys(record))) {
        const field = record[key];
        if (field === undefined) continue; // skipped, as canonicalize (and JSON.stringify) do
        // Appended piece by piece, and a plain string without its quoted copy: fewer strings made per field.
        if (!first) out += ',';
        first = false;
        out += keyPrefix(key);
        if (typeof field === 'string' && !NEEDS_ESCAPE.test(field)) {
          out += '"';
          out += field;
          out += '"';
        } else {
          const item = plainCanonicalJson(field);
          if (item === undefined) return undefined;
          out += item;
        }
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

/** `"key":` for the keys seen most (an event type's field names), kept rather than written per field. */
const keyPrefixes = new Map<string, string>();
const MAX_KEPT_KEYS = 4096;
const MAX_KEPT_KEY_LENGTH = 64;

function keyPrefix(key: string): string {
  let prefix = keyPrefixes.get(key);
  if (prefix === undefined) {
    prefix = `${quote(key)}:`;
    if (key.length <= MAX_KEPT_KEY_LENGTH) {
      if (keyPrefixes.size >= MAX_KEPT_KEYS) keyPrefixes.clear();
      keyPrefixes.set(key, prefix);
    }
  }
  return prefix;
}

/** Characters JSON.stringify escapes (quote, backslash, controls) or checks (surrogates, paired or lone). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify(text), without the call for the common string that needs no escape. */
function quote(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

/** True when JSON writes `text` as itself between two quotes: no character to escape or check. */
export function quotesAsIs(text: string): boolean {
  return !NEEDS_ESCAPE.test(text);
}
