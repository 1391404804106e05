import type { z } from 'zod';
import { catalogue, EVENT_TYPES, isEventType, type LedgerEvent } from '../domain/events/catalogue.ts';
import { illFormedTextPaths } from '../domain/wellFormedText.ts';
import { ValidationError, type FieldIssue } from '../errors/validationError.ts';
import { MAX_BATCH, type Submission } from './submission.ts';

export interface ValidatedEvent {
  id?: string;
  event: LedgerEvent;
}

/**
 * Validates every fact of a submission against its catalogue schema and reports every failing
 * field of every event at once, so a client fixes its request in one round trip.
 * `pathPrefix(i)` names event i in the client's terms (`events/3` for a batch, `` for one event).
 */
export function validateSubmission(submission: Submission, pathPrefix: (index: number) => string): ValidatedEvent[] {
  const issues: FieldIssue[] = [];
  if (submission.events.length === 0) issues.push({ path: 'events', message: 'must contain at least one event' });
  if (submission.events.length > MAX_BATCH) issues.push({ path: 'events', message: `must contain at most ${MAX_BATCH} events` });
  if (issues.length > 0) throw new ValidationError(issues);

  // Text no strict verifier can hash is refused wherever it is, before any schema runs.
  submission.events.forEach((submitted, index) => {
    for (const path of illFormedTextPaths(submitted, pathPrefix(index))) issues.push({ path, message: 'must be well-formed Unicode: it contains a lone surrogate' });
  });
  if (issues.length > 0) throw new ValidationError(issues);

  const validated: ValidatedEvent[] = [];
  submission.events.forEach((submitted, index) => {
    const prefix = pathPrefix(index);
    if (!isEventType(submitted.type)) {
      issues.push({ path: fieldPath(prefix, 'type'), message: `must be one of the catalogue's event types: ${EVENT_TYPES.join(', ')}` });
      return;
    }
    const parsed = (catalogue[submitted.type].schema as z.ZodTypeAny).safeParse(submitted.data);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        issues.push({ path: fieldPath(prefix, ['data', ...issue.path.map(String)].join('/')), message: issue.message });
      }
      return;
    }
    validated.push({ id: submitted.id, event: { type: submitted.type, data: parsed.data } as LedgerEvent });
  });
  const ids = submission.events.map((e) => e.id).filter((id): id is string => id !== undefined);
  if (new Set(ids).size !== ids.length) issues.push({ path: pathPrefix(0) ? 'events' : 'id', message: 'event ids must be unique within a batch' });
  if (issues.length > 0) throw new ValidationError(issues);
  return validated;
}

/** A field of event `prefix` (`events/3`, or `` for a single event), in the client's terms. */
function fieldPath(prefix: string, field: string): string {
  return prefix ? `${prefix}/${field}` : field;
}
