/**
 * `value`, plain data (objects, arrays, primitives; Map, Set and Date as leaves, which v8.serialize
 * keeps), with every object `cut` takes replaced by null: `cut` is offered each object with its path
 * and returns true when it has recorded it (as a hole to fill on decoding). Objects and arrays are
 * copied only on the way to a cut. Any other class is refused: it would come back a plain object.
 * The view checkpoint and the lg snapshots encode with it (viewCheckpoint.ts, lgSnapshots.ts).
 */
export function cutOut(value: unknown, cut: (v: object, path: ReadonlyArray<string | number>) => boolean, what: string): unknown {
  const path: Array<string | number> = [];
  const walk = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (cut(v, path)) return null;
    if (Array.isArray(v)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        const w = walk(v[i]);
        path.pop();
        if (w !== v[i]) (copy ??= v.slice())[i] = w;
      }
      return copy ?? v;
    }
    if (v instanceof Map || v instanceof Set || v instanceof Date) return v;
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) throw new TypeError(`${what}: cannot encode a ${(v as object).constructor?.name ?? 'non-plain object'}`);
    let copy: Record<string, unknown> | undefined;
    for (const key of Object.keys(v)) {
      const field = (v as Record<string, unknown>)[key];
      path.push(key);
      const w = walk(field);
      path.pop();
      if (w !== field) (copy ??= { ...(v as Record<string, unknown>) })[key] = w;
    }
    return copy ?? v;
  };
  return walk(value);
}

/** `root` with `value` put where `cut` took an object out at `path` (the root itself for an empty path): the inverse, hole by hole. */
export function putBack(root: unknown, path: ReadonlyArray<string | number>, value: unknown): unknown {
  if (path.length === 0) return value;
  let target = root as Record<string | number, unknown>;
  for (let i = 0; i < path.length - 1; i++) target = target[path[i]!] as Record<string | number, unknown>;
  target[path.at(-1)!] = value;
  return root;
}
