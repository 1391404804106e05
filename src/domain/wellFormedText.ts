import { LONE_SURROGATE } from './primitives.ts';

/**
 * The paths (`a/b/0/c`) of every string in `value`, object keys included, that holds a lone
 * surrogate. The schemas refuse those in the fields they know; this walk covers the whole
 * submission (ids, types, fields no schema names), so no ill-formed text reaches a hash. A key is
 * named with U+FFFD in place of its lone surrogate, so the path itself is well-formed.
 */
export function illFormedTextPaths(value: unknown, path: string, found: string[] = []): string[] {
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) found.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => illFormedTextPaths(v, join(path, String(i)), found));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value)) {
      const at = join(path, key.replace(new RegExp(LONE_SURROGATE.source, 'gu'), '\uFFFD'));
      if (LONE_SURROGATE.test(key)) found.push(at);
      else illFormedTextPaths(v, at, found);
    }
  }
  return found;
}

function join(path: string, segment: string): string {
  return path === '' ? segment : `${path}/${segment}`;
}
