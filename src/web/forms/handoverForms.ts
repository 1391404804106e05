import type { EventType } from '../../domain/events/catalogue.ts';
import { isLedgerError } from '../../errors/ledgerError.ts';
import { PROBLEMS, problem, type ProblemCode } from '../../http/problems.ts';

/**
 * The dossier's forms: which event each records, how its fields become the event's `data`, and
 * how the server's problem+json errors find their way back to the fields. The data goes through
 * the ledger's one write path, so the forms validate with exactly the API's zod schemas and rules.
 */
export type FormName = 'item' | 'observation' | 'resolution' | 'act';

export interface FormSpec {
  type: EventType;
  /** Field names, as in the form and in the event's data. */
  fields: readonly string[];
  /** The field a rule about the fact's date points at. */
  dateField: string;
  toData(transitionId: string, values: Record<string, string>): Record<string, unknown>;
}

const optional = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());

export const FORMS: Record<FormName, FormSpec> = {
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

export function isFormName(name: string): name is FormName {
  return Object.hasOwn(FORMS, name);
}

/** A form shown again after the server refused it. */
export interface FormState {
  values: Record<string, string>;
  /** Messages by field name. */
  fieldErrors: Record<string, string[]>;
  /** Messages that belong to no single field. */
  formErrors: string[];
  /** The problem's stable code, as the API would have answered (its status follows from it). */
  code: ProblemCode;
}

/** Facts in a rule's details, and the form field each points at. */
const DETAIL_FIELDS: [detail: string, field: string][] = [
  ['itemId', 'itemId'], ['observationId', 'observationId'], ['planId', 'ref'], ['projectId', 'ref'],
];

/**
 * Turns an error from the write path into the problem document the API would send, and places its
 * messages: `errors[].path` such as `data/description` or `data/signatories/1` names a field; a
 * rule's details name the field at fault (an item id already used, a date out of order); anything
 * else is shown above the form. Returns undefined for errors that are not the client's.
 */
export function formStateFromError(form: FormName, error: unknown, values: Record<string, string>, instance: string): FormState | undefined {
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
    for (const e of doc.errors) {
      const [root, field] = e.path.split('/');
      add(root === 'data' ? field : undefined, e.message);
    }
    return state;
  }
  const details = error.details as Record<string, unknown>;
  const rule = String(details.rule ?? '');
  if (rule === 'DATED_AFTER_RECORDING' || rule === 'DATED_BEFORE_SUBJECT') add(spec.dateField, doc.detail);
  else add(DETAIL_FIELDS.find(([d, f]) => details[d] !== undefined && spec.fields.includes(f))?.[1], doc.detail);
  return state;
}
