import type { FastifyPluginAsync } from 'fastify';
import { safeParseFor } from '../i18n/validationMessages.ts';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { listLocalGovernments } from '../../../projections/localGovernmentView.ts';
import { EVENT_TYPES, occurredOn } from '../../domain/events/catalogue.ts';
import { IsoDate } from '../../domain/primitives.ts';
import { toEventJson } from '../../eventStore/eventJson.ts';
import { PositionParam } from '../../http/pointInTimeQuery.ts';
import type { StoredEvent } from '../../records/storedEvent.ts';
import { BadPageQueryError } from '../pageContext.ts';
import type { WebDeps } from '../webRoutes.ts';
import { latestCheckpoint } from './auditSources.ts';

/** Events per page of the log. */
export const LOG_PAGE_SIZE = 50;

const blank = (v: unknown) => (v === '' ? undefined : v);
const LogFilters = z.object({
  type: z.preprocess(blank, z.string().max(100).optional()),
  stream: z.preprocess(blank, z.string().max(200).optional()),
  actor: z.preprocess(blank, z.string().max(200).optional()),
  from: z.preprocess(blank, IsoDate.optional()),
  to: z.preprocess(blank, IsoDate.optional()),
  after: z.preprocess(blank, PositionParam.optional()),
});
export type LogFilters = z.infer<typeof LogFilters>;

/** Does `e` pass the filters? Dates compare with the day the server recorded it (UTC, as stored). */
export function matchesFilters(e: StoredEvent, f: LogFilters): boolean {
  const day = e.recordedAt.slice(0, 10);
  return (
    (f.type === undefined || e.type === f.type) &&
    (f.stream === undefined || e.stream === f.stream) &&
    (f.actor === undefined || e.actor === f.actor) &&
    (f.from === undefined || day >= f.from) &&
    (f.to === undefined || day <= f.to)
  );
}

/**
 * Auditor view: the event log with filters, the verification badge, proofs and downloads.
 * The log is paged forward from a position (`after`), like `GET /api/events`: a page reads only up
 * to its last match, so browsing stays cheap on a log of millions of events.
 */
export const auditPage: FastifyPluginAsync<WebDeps> = async (app, deps) => {
  app.get('/auditoria', async (request, reply) => {
    const ctx = await deps.context(request, reply);
    const parsed = safeParseFor(LogFilters, request.query, ctx.lang);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new BadPageQueryError(String(issue.path[0] ?? 'query'), issue.message);
    }
    const filters = parsed.data;
    // The log as it stood at the page's point in time: recorded by atPosition, happened by asOf.
    const happened = (e: StoredEvent) => {
      if (ctx.asOf === undefined) return true;
      const on = occurredOn(e);
      return on === null || on <= ctx.asOf;
    };
    const events: StoredEvent[] = [];
    let more = false;
    const after = filters.after === undefined ? undefined : BigInt(filters.after);
    for await (const e of deps.store.readAll({ after, upTo: ctx.at.atPosition })) {
      if (!happened(e) || !matchesFilters(e, filters)) continue;
      if (events.length === LOG_PAGE_SIZE) {
        more = true;
        break;
      }
      events.push(e);
    }
    const head = ctx.at.atPosition ?? BigInt(ctx.headPosition);
    const latestAfter = head > BigInt(LOG_PAGE_SIZE) ? (head - BigInt(LOG_PAGE_SIZE)).toString() : undefined;

    const [verification, checkpoint] = await Promise.all([deps.integrity.current(), latestCheckpoint(app, request.headers.authorization)]);
    const view = await deps.reader.view(ctx.at);
    const transitions = [...view.transitions.values()].map((t) => ({ transitionId: t.transitionId, lgId: t.lgId }));
    const lgNames = new Map(listLocalGovernments(view).localGovernments.map((lg) => [lg.lgId, lg.name]));
    const filtered = Object.values(stringFilters(filters)).some((v) => v !== undefined);

    return deps.render(reply, ctx, 'audit.eta', {
      title: ctx.t('audit.title'),
      filters,
      eventTypes: EVENT_TYPES,
      events: events.map((e) => ({ ...toEventJson(e), dataJson: JSON.stringify(e.data, null, 2) })),
      range: events.length > 0 ? { first: events[0]!.position.toString(), last: events.at(-1)!.position.toString() } : undefined,
      firstHref: after !== undefined ? ctx.href('/auditoria', stringFilters(filters)) : undefined,
      nextHref: more ? ctx.href('/auditoria', { ...stringFilters(filters), after: events.at(-1)!.position.toString() }) : undefined,
      latestHref: !filtered && latestAfter !== undefined && filters.after !== latestAfter ? ctx.href('/auditoria', { after: latestAfter }) : undefined,
      verification: {
        ok: verification.ok,
        checkedEvents: verification.checkedEvents,
        headPosition: verification.headPosition?.toString(),
        headHash: verification.headHash,
        firstInvalidPosition: verification.firstInvalidPosition?.toString(),
        problems: verification.problems.slice(0, 5).map((p) => ({ ...p, position: p.position.toString() })),
        problemCount: verification.problemCount,
        checkedAt: verification.checkedAt,
      },
      checkpoint,
      transitions: transitions.map((t) => ({ ...t, lgName: lgNames.get(t.lgId) ?? t.lgId })),
    });
  });

  // The whole log, hashes included, in the format of `transition-ledger export` (which `import` reads),
  // streamed so a large log never sits in memory.
  app.get('/auditoria/registro.jsonl', async (_request, reply) => {
    const store = deps.store;
    async function* lines() {
      for await (const e of store.readAll()) yield `${JSON.stringify(toEventJson(e))}\n`;
    }
    return reply
      .type('application/x-ndjson; charset=utf-8')
      .header('content-disposition', 'attachment; filename="transition-ledger-events.jsonl"')
      .header('cache-control', 'no-store')
      .send(Readable.from(lines()));
  });
};

function stringFilters(f: LogFilters): Record<string, string | undefined> {
  return { type: f.type, stream: f.stream, actor: f.actor, from: f.from, to: f.to };
}
