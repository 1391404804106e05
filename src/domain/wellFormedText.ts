import { LONE_SURROGATE } from './primitives.ts';

const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'gu');

/**
 * The paths (`a/b/0/c`) of every string in `value`, object keys included, that holds a lone
 * surrogate. The schemas refuse those in the fields they know; this walk covers the whole
 * submission (ids, types, fields no schema names), so no ill-formed text reaches a hash. A key is
 * named with U+FFFD in place of its lone surrogate, so the path itself is well-formed. Iterative,
 * so a deeply nested body cannot overflow the stack.
 */
export function illFormedTextPaths(value: unknown, path: string): string[] {
  // Nearly every submission is well-formed: checked first without building a path per value.
  if (isWellFormedDeep(value)) return [];
  const found: string[] = [];
  const pending: [unknown, string][] = [[value, path]];
  while (pending.length > 0) {
    const [v, at] = pending.pop()!;
    if (typeof v === 'string') {
      if (LONE_SURROGATE.test(v)) found.push(at);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) pending.push([v[i], join(at, String(i))]);
    } else if (typeof v === 'object' && v !== null) {
      for (const [key, child] of Object.entries(v).reverse()) {
        const keyPath = join(at, key.replace(LONE_SURROGATES, '\uFFFD'));
        if (LONE_SURROGATE.test(key)) found.push(keyPath);
        else pending.push([child, keyPath]);
      }
    }
  }
  return found;
}

/** True when every string in `value`, object keys included, is well-formed. Iterative, as above. */
function isWellFormedDeep(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const v = pending.pop();
    if (typeof v === 'string') {
      if (!isWellFormed(v)) return false;
    } else if (Array.isArray(v)) {
      for (const item of v) pending.push(item);
    } else if (typeof v === 'object' && v !== null) {
      for (const key of Object.keys(v)) {
        if (!isWellFormed(key)) return false;
        pending.push((v as Record<string, unknown>)[key]);
      }
    }
  }
  return true;
}

/** String.prototype.isWellFormed (Node ≥ 20, ES2024: not in our ES2022 lib), or the pattern where absent. */
const isWellFormed: (text: string) => boolean =
  typeof (String.prototype as { isWellFormed?: unknown }).isWellFormed === 'function'
    ? (text) => (text as string & { isWellFormed(): boolean }).isWellFormed()
    : (text) => !LONE_SURROGATE.test(text);

function join(path: string, segment: string): string {
  return path === '' ? segment : `${path}/${segment}`;
}
