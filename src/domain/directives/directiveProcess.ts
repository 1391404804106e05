import type { EventType } from '../events/catalogue.ts';
import type { RuleId } from '../ruleCatalogue.ts';
import type { DirectiveId } from './directiveId.ts';

/**
 * A directive's process as data: its stages, the documents that evidence each stage, who signs the
 * act, and the ordering rules it imposes, each with the source it comes from. The rules are pure
 * functions of the domain (rules/transferRules.ts); this data says which of them a transition under
 * the directive is judged by, and the compliance view (projections/transitionCompliance.ts) reads
 * the same data to say what is done, pending or not applicable.
 *
 * Nothing here is a deadline: the directive's figures are not known from its text here, and a rule
 * whose figure is not known is left out rather than invented (docs/directives.md).
 */
export interface DirectiveProcess {
  id: DirectiveId;
  /** Official title, in Spanish as published. */
  title: string;
  /** The instrument that approved it, and where its text is published. */
  source: Source;
  /** The event that opens a transition under this directive. */
  opensWith: 'TransitionCommissionFormed' | 'TransitionOpened';
  /** Every event a transition under this directive accepts, its opening event included. */
  events: readonly EventType[];
  stages: readonly Stage[];
  documents: readonly DocumentRequirement[];
  /** Roles that must sign the act; empty where the directive names signatories by person, not by role. */
  signatories: readonly SignatoryRequirement[];
  /** The rules of rules/transferRules.ts that apply, each with its source. */
  rules: readonly { rule: RuleId; source: Source }[];
}

export interface Source {
  /** Spanish, as an official cites it, e.g. "Directiva N° 016-2022-CG/PREVI, numeral 7.2". */
  citation: string;
  /** Where the text can be read, when known. */
  url?: string;
}

/** A stage of the process; the stages are in the order the directive gives them. */
export interface Stage {
  /** Stable id, e.g. `a` or `commission-formed`. */
  id: string;
  title: { es: string; en: string };
  source: Source;
}

/**
 * A document the process produces, and the recorded event that evidences it: an event of type
 * `evidencedBy` whose data matches `where` (e.g. `{ side: 'outgoing' }`, `{ version: 'initial' }`).
 */
export interface DocumentRequirement {
  /** Stable id, e.g. `transfer-report`. */
  id: string;
  title: { es: string; en: string };
  stage: string;
  evidencedBy: EventType;
  where?: Readonly<Record<string, string>>;
  /** `always`: every transition needs it; `where-needed`: only when the commission files one (else not applicable). */
  required: 'always' | 'where-needed';
  /** A document recorded more than once (each a separate filing); otherwise a second one is refused (DOCUMENT_ALREADY_RECORDED). */
  repeatable?: boolean;
  /** Documents that must be recorded before this one, each with the rule that refuses it otherwise. */
  after?: readonly { document: string; rule: RuleId }[];
  source: Source;
}

export interface SignatoryRequirement {
  /** Stable role id, as `TransferActSigned` signatories carry it. */
  role: string;
  title: { es: string; en: string };
  source: Source;
}
