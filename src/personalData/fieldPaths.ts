/**
 * Applies `fn` to every value at a field pattern of `data` (`members/*` + `/name`, `signatories/*`),
 * in place, passing the concrete path (`members/0/name`). Absent fields are skipped.
 */
export function mapFieldPattern(data: unknown, pattern: string, fn: (value: unknown, path: string) => unknown): void {
  walk(data, pattern.split('/'), [], fn, true);
}

/** Calls `fn` on every value at a field pattern of `data`, as mapFieldPattern, without writing to `data`. */
export function forEachFieldValue(data: unknown, pattern: string, fn: (value: unknown, path: string) => void): void {
  walk(data, pattern.split('/'), [], fn, false);
}

/** Module-level rather than a closure per call: the write path walks the patterns of every fact it seals. */
function walk(node: unknown, parts: string[], path: string[], fn: (value: unknown, path: string) => unknown, write: boolean): void {
  if (node === null || typeof node !== 'object') return;
  const [head, ...rest] = parts as [string, ...string[]];
  const container = node as Record<string, unknown>;
  const keys = head === '*' ? (Array.isArray(node) ? node.map((_, i) => String(i)) : []) : [head];
  for (const key of keys) {
    if (!Object.hasOwn(container, key) || container[key] === undefined) continue;
    if (rest.length > 0) walk(container[key], rest, [...path, key], fn, write);
    else {
      const mapped = fn(container[key], [...path, key].join('/'));
      if (write) container[key] = mapped;
    }
  }
}
