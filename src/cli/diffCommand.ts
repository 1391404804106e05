import { buildLedgerViewFromStream } from '../../projections/ledgerView.ts';
import { eventsBetween, isBetween, parsePoints, pointInTime, stateChanges, subjects, type DiffPoint } from '../audit/timeTravel/changes.ts';
import { LedgerReader } from '../readModels/ledgerReader.ts';
import type { EventStore } from '../eventStore/eventStore.ts';
import { toEventJson } from '../eventStore/eventJson.ts';
import { withLedger } from './withLedger.ts';
import { streams as streamNames } from '../domain/streams.ts';
import { ValidationError } from '../errors/validationError.ts';

export interface DiffOptions {
  from: string;
  to: string;
  /** Diff a transition's dossier (the argument is a transitionId) rather than a local government. */
  transition?: boolean;
}

/**
 * `diff <lgId> --from X --to Y`: the events between two points that concern a local government (or,
 * with --transition, a transition) and the fields of its state that changed. Points are both
 * positions or both dates, as for GET /api/local-governments/{lgId}/changes.
 */
export async function diffCommand(subject: string, options: DiffOptions): Promise<void> {
  const { from, to } = parseOptionPoints(options);
  const result = await withLedger(async ({ store }) => {
    const viewAt = (p: DiffPoint) => buildLedgerViewFromStream(() => store.readAll({ upTo: 'position' in p ? p.position : undefined }), pointInTime(p));
    const project = options.transition ? subjects.transition(subject) : subjects.localGovernment(subject);
    const [before, after] = [project(await viewAt(from)), project(await viewAt(to))];
    return stateChanges(before, after, await eventsOf(store, subject, options.transition ?? false, from, to));
  });
  if (!result.before && !result.after) {
    console.error(`${options.transition ? 'Transition' : 'Local government'} ${subject} not found at either point.`);
    process.exitCode = 1;
    return;
  }
  console.log(JSON.stringify({ from: options.from, to: options.to, events: result.events.map(toEventJson), changes: result.changes }, null, 2));
}

/** parsePoints, its complaints told in the names the command line uses (`--from 120`), not the API's. */
function parseOptionPoints(options: DiffOptions): ReturnType<typeof parsePoints> {
  try {
    return parsePoints(options);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const named = (path: string) =>
      path === 'querystring/from' ? `--from ${options.from}` : path === 'querystring/to' ? `--to ${options.to}` : `--from ${options.from} and --to ${options.to}`;
    throw new Error(error.issues.map((i) => `${named(i.path)}: ${i.message}`).join('; '));
  }
}

/** A transition's own stream; for a local government, the events the lg index says concern it (lgScope.ts), as the API does. */
async function eventsOf(store: EventStore, subject: string, transition: boolean, from: DiffPoint, to: DiffPoint) {
  if (transition) return eventsBetween(store, from, to, (e) => e.stream === streamNames.transition(subject));
  const reader = new LedgerReader(store);
  try {
    return (await reader.eventsConcerning(subject, 'position' in to ? to.position : undefined)).filter((e) => isBetween(e, from, to));
  } finally {
    await reader.close();
  }
}
