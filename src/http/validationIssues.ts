import type { FieldIssue } from '../errors/validationError.ts';

/** What fastify-type-provider-zod keeps of a zod issue: its path, message and the rest as `params`. */
export interface ZodValidationEntry {
  instancePath: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

interface RawIssue {
  path: PropertyKey[];
  message: string;
  code?: string;
  errors?: RawIssue[][];
}

/**
 * Field issues of a failed request validation, each naming its field. A body that matches no
 * branch of a union (POST /api/events takes one event or a batch) fails as one `Invalid input` at
 * the root; it is replaced by the issues of the branch it came closest to: the fewest issues among
 * branches it partly matched; when it matched none (every issue a missing field), the branch
 * listing the most fields it needs. So `{}` answers `body/type` and `body/data`, not `body`.
 */
export function fieldIssues(context: string, validation: readonly ZodValidationEntry[]): FieldIssue[] {
  return validation.flatMap((v) => {
    const base = v.instancePath.split('/').filter(Boolean);
    const branches = v.keyword === 'invalid_union' ? (v.params?.errors as RawIssue[][] | undefined) : undefined;
    if (!branches || branches.length === 0) return [{ path: [context, ...base].join('/'), message: v.message ?? 'is invalid' }];
    return closestBranch(branches).flatMap((issue) => flatten(issue)).map((i) => ({ path: [context, ...base, ...i.path.map(String)].join('/'), message: i.message }));
  });
}

const isMissing = (i: RawIssue) => i.code === 'invalid_type' && i.path.length === 1 && /received undefined$/.test(i.message);

function closestBranch(branches: RawIssue[][]): RawIssue[] {
  const partly = branches.filter((b) => !b.every(isMissing));
  if (partly.length > 0) return partly.reduce((best, b) => (b.length < best.length ? b : best));
  return branches.reduce((best, b) => (b.length > best.length ? b : best));
}

function flatten(issue: RawIssue): RawIssue[] {
  if (issue.code !== 'invalid_union' || !issue.errors?.length) return [issue];
  return closestBranch(issue.errors).flatMap(flatten).map((i) => ({ ...i, path: [...issue.path, ...i.path] }));
}
