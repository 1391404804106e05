import type { RuleId } from '../ruleCatalogue.ts';
import { DIRECTIVE_2018 } from './directive2018.ts';
import { DIRECTIVE_2022 } from './directive2022.ts';
import type { DirectiveId } from './directiveId.ts';
import type { DirectiveProcess, DocumentRequirement } from './directiveProcess.ts';

export { DirectiveId } from './directiveId.ts';
export type { DirectiveProcess, DocumentRequirement, SignatoryRequirement, Stage, Source } from './directiveProcess.ts';

/** Every directive's process, by id. */
export const DIRECTIVES: { readonly [D in DirectiveId]: DirectiveProcess } = {
  '008-2018-CG/GTN': DIRECTIVE_2018,
  '016-2022-CG/PREVI': DIRECTIVE_2022,
};

/**
 * The directive of a transition opened by `TransitionCommissionFormed`: that event predates the
 * directive field and is only ever the 2018 process's opening, so its directive is read from its
 * type (an upcast at read time: no recorded event changes).
 */
export const DIRECTIVE_OF_COMMISSION_FORMED: DirectiveId = '008-2018-CG/GTN';

/** The event types that open a transition, one per directive's process: a transition's stream starts with one. */
export const TRANSITION_OPENINGS: readonly string[] = [...new Set(Object.values(DIRECTIVES).map((d) => d.opensWith))];

export function directiveProcess(id: DirectiveId): DirectiveProcess {
  return DIRECTIVES[id];
}

/** The documents of `process` that a fact of `type` with `data` evidences (usually one, or none). */
export function documentsEvidencedBy(process: DirectiveProcess, type: string, data: unknown): DocumentRequirement[] {
  const fields = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  return process.documents.filter(
    (d) => d.evidencedBy === type && Object.entries(d.where ?? {}).every(([field, value]) => fields[field] === value),
  );
}

/** True when `rule` is one of the rules `process` lists. */
export function appliesRule(process: DirectiveProcess, rule: RuleId): boolean {
  return process.rules.some((r) => r.rule === rule);
}
