import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type DiffPoint, eventsBetween, isBetween, parsePoints, pointInTime, stateChanges, type StateChanges, subjects,
} from '../../audit/timeTravel/changes.ts';
import type { EventStore } from '../../eventStore/eventStore.ts';
import { Id, LgId } from '../../domain/primitives.ts';
import { NotFoundError } from '../../errors/notFoundError.ts';
import { StoredEventJson, toEventJson } from '../../eventStore/eventJson.ts';
import type { LedgerReader } from '../../readModels/ledgerReader.ts';
import { streams as streamNames } from '../../domain/streams.ts';

const PointText = z.string().max(20).describe('A ledger position (e.g. `120`) or a business date (`YYYY-MM-DD`); both ends of one kind');
const ChangesQuery = z.strictObject({ from: PointText, to: PointText });

const ChangesJson = z.object({
  from: z.string(),
  to: z.string(),
  pointKind: z.enum(['position', 'date']),
  events: z.array(StoredEventJson),
  existedBefore: z.boolean(),
  existsAfter: z.boolean(),
  changes: z.array(z.object({ path: z.string(), kind: z.enum(['added', 'removed', 'changed']), before: z.unknown().optional(), after: z.unknown().optional() })),
});

function toJson<T>(c: StateChanges<T>, q: { from: string; to: string }, from: DiffPoint) {
  return {
    from: q.from,
    to: q.to,
    pointKind: 'position' in from ? ('position' as const) : ('date' as const),
    events: c.events.map(toEventJson),
    existedBefore: c.before !== undefined,
    existsAfter: c.after !== undefined,
    changes: c.changes,
  };
}

/** What changed between two points in time, and the facts that changed it. */
export const auditChangesRoutes: FastifyPluginAsyncZod<{ reader: LedgerReader; store: EventStore }> = async (app, { reader, store }) => {
  const tags = ['time travel'];
  app.get(
    '/api/local-governments/:lgId/changes',
    {
      schema: {
        tags,
        summary: 'Events between two points that concern a local government, and the fields of its state that changed',
        description: 'Points are both positions (the record as it stood) or both dates (the world on that day, like asOf).',
        params: z.object({ lgId: LgId }),
        querystring: ChangesQuery,
        response: { 200: ChangesJson },
      },
    },
    async (request) => {
      const { from, to } = parsePoints(request.query);
      const { lgId } = request.params;
      const view = subjects.localGovernment(lgId);
      const [before, after] = [view(await reader.localGovernment(lgId, pointInTime(from))), view(await reader.localGovernment(lgId, pointInTime(to)))];
      if (!before && !after) throw new NotFoundError('Local government', lgId);
      // The events of the lg index (lgScope.ts): only this local government's are read, even between dates.
      const concerning = await reader.eventsConcerning(lgId, 'position' in to ? to.position : undefined);
      const events = concerning.filter((e) => isBetween(e, from, to));
      return toJson(stateChanges(before, after, events), request.query, from);
    },
  );

  app.get(
    '/api/transitions/:transitionId/changes',
    {
      schema: {
        tags,
        summary: 'Events between two points of a transition, and the fields of its dossier that changed',
        params: z.object({ transitionId: Id }),
        querystring: ChangesQuery,
        response: { 200: ChangesJson },
      },
    },
    async (request) => {
      const { from, to } = parsePoints(request.query);
      const { transitionId } = request.params;
      const view = subjects.transition(transitionId);
      const [before, after] = [view(await reader.view(pointInTime(from))), view(await reader.view(pointInTime(to)))];
      if (!before && !after) throw new NotFoundError('Transition', transitionId);
      const events = await eventsBetween(store, from, to, (e) => e.stream === streamNames.transition(transitionId));
      return toJson(stateChanges(before, after, events), request.query, from);
    },
  );
};
