import canonicalizeModule from 'canonicalize';

// The package is CommonJS whose types declare an ES default export; at run time the default is the function.
const canonicalize = canonicalizeModule as unknown as (value: unknown) => string | undefined;

/**
 * RFC 8785 (JSON Canonicalization Scheme): keys sorted by UTF-16 code units, no whitespace,
 * ECMAScript number and string forms. Every hash and signature in the ledger is taken over this
 * form, so a verifier in any language with a JCS library reproduces it byte for byte.
 */
export function canonicalJson(value: unknown): string {
  const out = canonicalize(value);
  if (out === undefined) throw new TypeError('value has no JSON form');
  return out;
}
