import { catalogue, type EventType } from '../../domain/events/catalogue.ts';
import { isLedgerError } from '../../errors/ledgerError.ts';
import { PROBLEMS, problem, type ProblemCode } from '../../http/problems.ts';
import { CATALOGUES, type Lang } from '../i18n/translate.ts';
import { ruleMessage } from '../i18n/ruleMessages.ts';
import { ownMessage, safeParseFor } from '../i18n/validationMessages.ts';
import { TRANSFER_FORMS, type TransferFormName } from './transferForms.ts';

/**
 * The dossier's forms: which event each records, how its fields become the event's `data`, and
 * how the server's problem+json errors find their way back to the fields. The data goes through
 * the ledger's one write path, so the forms validate with exactly the API's zod schemas and rules.
 */
export type HandoverFormName = 'item' | 'observation' | 'resolution' | 'act';
export type FormName = HandoverFormName | TransferFormName;

export interface FormSpec {
  type: EventType;
  /** Field names, as in the form and in the event's data. */
  fields: readonly string[];
  /** The field a rule about the fact's date points at. */
  dateField: string;
  /** The event's data; `subject` is the page's own id (the transition, or the local government a transition opens in). */
  toData(subject: string, values: Record<string, string>): Record<string, unknown>;
  /** The field an error at `path` (below `data/`) belongs to, when it is not the path's dotted prefix; `line` for a list typed one a line. */
  fieldFor?(path: string[], data: Record<string, unknown> | undefined): PlacedError | undefined;
  /** The fields a broken rule points at, from its id and details. */
  ruleFields?(rule: string, details: Record<string, unknown>): string[];
}

const optional = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());

const HANDOVER_FORMS: Record<HandoverFormName, FormSpec> = {
  item: {
    type: 'HandoverItemRecorded',
    fields: ['itemId', 'category', 'ref', 'description', 'recordedOn'],
    dateField: 'recordedOn',
    toData: (transitionId, v) => ({
      transitionId, itemId: v.itemId ?? '', category: v.category ?? '', ref: optional(v.ref), description: v.description ?? '', recordedOn: v.recordedOn ?? '',
    }),
  },
  observation: {
    type: 'HandoverObservationRaised',
    fields: ['observationId', 'itemId', 'text', 'raisedOn'],
    dateField: 'raisedOn',
    toData: (transitionId, v) => ({
      transitionId, observationId: v.observationId ?? '', itemId: optional(v.itemId), text: v.text ?? '', raisedOn: v.raisedOn ?? '',
    }),
  },
  resolution: {
    type: 'HandoverObservationResolved',
    fields: ['observationId', 'resolution', 'resolvedOn'],
    dateField: 'resolvedOn',
    toData: (transitionId, v) => ({
      transitionId, observationId: v.observationId ?? '', resolution: v.resolution ?? '', resolvedOn: v.resolvedOn ?? '',
    }),
  },
  act: {
    type: 'HandoverActSigned',
    fields: ['signatories', 'signedOn'],
    dateField: 'signedOn',
    // One signatory a line, as people write a list of names.
    toData: (transitionId, v) => ({
      transitionId,
      signatories: (v.signatories ?? '').split(/\r?\n/).map((s) => s.trim()).filter(Boolean),
      signedOn: v.signedOn ?? '',
    }),
  },
};

export const FORMS: Record<FormName, FormSpec> = { ...HANDOVER_FORMS, ...TRANSFER_FORMS };

export function isFormName(name: string): name is FormName {
  return Object.hasOwn(FORMS, name);
}

/** Where an error goes: its field and, for a list typed one a line, the line and the entry's part at fault (`kind`). */
export interface PlacedError {
  field: string;
  line?: number;
  part?: string;
}

/** A form shown again after the server refused it. */
export interface FormState {
  values: Record<string, string>;
  /** Messages by field name. */
  fieldErrors: Record<string, string[]>;
  /** Messages that belong to no single field. */
  formErrors: string[];
  /** The problem's stable code, as the API would have answered (its status follows from it; shown in data attributes, not in the text). */
  code: ProblemCode;
  /** The broken rule's id, for RULE_VIOLATED. */
  rule?: string;
}

/** Facts in a rule's details, and the form field each points at. */
const DETAIL_FIELDS: [detail: string, field: string][] = [
  ['itemId', 'itemId'], ['observationId', 'observationId'], ['planId', 'ref'], ['projectId', 'ref'],
];

export interface FormErrorOptions {
  /** The page's language; messages are said in it (Spanish by default, as the pages are). */
  lang?: Lang;
  /** The event data the form sent, parsed again to word each field's problem in `lang`. */
  data?: Record<string, unknown>;
}

/**
 * Turns an error from the write path into the problem document the API would send, and places its
 * messages, worded for the page's reader: `errors[].path` such as `data/description` or
 * `data/signatories/1` names a field; a rule's details name the field at fault (an item id already
 * used, a date out of order); anything else is shown above the form. Codes and rule ids go into
 * the state's `code` and `rule`, never into the sentences. Undefined for errors not the client's.
 */
export function formStateFromError(form: FormName, error: unknown, values: Record<string, string>, instance: string, options: FormErrorOptions = {}): FormState | undefined {
  const lang = options.lang ?? 'es';
  if (!isLedgerError(error)) return undefined;
  const doc = problem(error.code, error.message, instance, error.details) as unknown as {
    code: string; status: number; detail: string; errors?: { path: string; message: string }[]; rule?: string;
  };
  if (PROBLEMS[error.code].status >= 500) return undefined;
  const spec = FORMS[form];
  const state: FormState = { values, fieldErrors: {}, formErrors: [], code: error.code };
  const add = (field: string | undefined, message: string) => {
    if (field && spec.fields.includes(field)) (state.fieldErrors[field] ??= []).push(message);
    else state.formErrors.push(message);
  };
  if (doc.errors && doc.errors.length > 0) {
    const worded = wordedIssues(spec.type, options.data, lang);
    for (const e of doc.errors) {
      const [root, ...path] = e.path.split('/');
      const message = worded.get(e.path) ?? ownMessage(e.message, lang);
      const placed = root === 'data' ? fieldOf(spec, path, options.data) : undefined;
      add(placed?.field, placed?.line ? `${linePrefix(lang, placed.line, placed.part)} ${message}` : message);
    }
    return state;
  }
  const details = error.details as Record<string, unknown>;
  const rule = String(details.rule ?? '');
  if (rule) state.rule = rule;
  const message = ruleMessage(rule, lang) ?? CATALOGUES[lang][`problem.${doc.code}` as keyof (typeof CATALOGUES)['es']] ?? doc.detail;
  const ruleFields = spec.ruleFields?.(rule, details) ?? [];
  if (rule === 'DATED_AFTER_RECORDING' || rule === 'DATED_BEFORE_SUBJECT') add(spec.dateField, message);
  else if (ruleFields.length > 0) for (const field of ruleFields) add(field, message);
  else add(DETAIL_FIELDS.find(([d, f]) => details[d] !== undefined && spec.fields.includes(f))?.[1], message);
  return state;
}

/** "Línea 2, funcionario, servidor o ciudadano:": the line of a list field, and what in it is at fault when known. */
function linePrefix(lang: Lang, line: number, part: string | undefined): string {
  const catalogue = CATALOGUES[lang] as Record<string, string>;
  const partLabel = part ? catalogue[`form.linePart.${part}`] : undefined;
  const key = partLabel ? 'form.lineWithPart' : 'form.line';
  return catalogue[key]!.replace('{line}', String(line)).replace('{part}', partLabel ?? '');
}

/** The form field of an error at `path` below `data/`: the spec's own answer, else the longest dotted prefix that is a field. */
function fieldOf(spec: FormSpec, path: string[], data: Record<string, unknown> | undefined): PlacedError | undefined {
  const own = spec.fieldFor?.(path, data);
  if (own) return own;
  for (let n = path.length; n > 0; n--) {
    const field = path.slice(0, n).join('.');
    if (spec.fields.includes(field)) return { field };
  }
  return undefined;
}

/** Each failing field of `data`, by its problem path (`data/description`), worded in `lang`. */
function wordedIssues(type: EventType, data: Record<string, unknown> | undefined, lang: Lang): Map<string, string> {
  const worded = new Map<string, string>();
  if (!data) return worded;
  const parsed = safeParseFor(catalogue[type].schema, data, lang);
  if (parsed.success) return worded;
  for (const issue of parsed.error.issues) {
    const path = ['data', ...issue.path.map(String)].join('/');
    if (!worded.has(path)) worded.set(path, issue.message);
  }
  return worded;
}
