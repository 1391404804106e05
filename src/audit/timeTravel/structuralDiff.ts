/** One difference between two JSON values. */
export interface FieldChange {
  /** Where, as a readable path: `currentTerm.mayor`, `plans[planId=cdp-080707].status`, `terms[2]`. */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

/**
 * A small structural diff of two JSON values (the read models), leaf by leaf. Objects compare key
 * by key. Arrays of objects that all carry a unique `…Id` field compare element by that id, so one
 * plan added in the middle shows as one `added`, not as every later plan `changed`; other arrays
 * compare by index. Values are compared as JSON (bigint-free), order of keys ignored.
 */
export function structuralDiff(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (before === undefined && after === undefined) return [];
  if (before === undefined) return [{ path: path || '.', kind: 'added', after }];
  if (after === undefined) return [{ path: path || '.', kind: 'removed', before }];
  if (Array.isArray(before) && Array.isArray(after)) return diffArrays(before, after, path);
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => structuralDiff(before[k], after[k], path ? `${path}.${k}` : k));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path: path || '.', kind: 'changed', before, after }];
}

function diffArrays(before: unknown[], after: unknown[], path: string): FieldChange[] {
  const key = identityKey([...before, ...after], before, after);
  if (key === undefined) {
    const n = Math.max(before.length, after.length);
    return Array.from({ length: n }, (_, i) => structuralDiff(before[i], after[i], `${path}[${i}]`)).flat();
  }
  const index = (items: unknown[]) => new Map(items.map((o) => [(o as Record<string, unknown>)[key] as string, o]));
  const a = index(before);
  const b = index(after);
  const ids = [...new Set([...a.keys(), ...b.keys()])];
  return ids.flatMap((id) => structuralDiff(a.get(id), b.get(id), `${path}[${key}=${id}]`));
}

/** A field ending in `Id` whose value is a string unique within each array, if every element has one. */
function identityKey(all: unknown[], before: unknown[], after: unknown[]): string | undefined {
  if (all.length === 0 || !all.every(isObject)) return undefined;
  const candidates = Object.keys(all[0] as object).filter((k) => k.endsWith('Id'));
  return candidates.find((k) =>
    [before, after].every((items) => {
      const values = items.map((o) => (o as Record<string, unknown>)[k]);
      return values.every((v) => typeof v === 'string') && new Set(values).size === values.length;
    }),
  );
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
