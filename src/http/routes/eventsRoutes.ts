import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ExpectedRevisionInput, SubmittedEvent } from '../../commandHandling/submission.ts';
import type { RecordEvents } from '../../commandHandling/recordEvents.ts';
import { canonicalEventId } from '../../domain/eventIdInput.ts';
import { NotFoundError } from '../../errors/notFoundError.ts';
import { Id } from '../../domain/primitives.ts';
import type { EventStore } from '../../eventStore/eventStore.ts';
import type { StoredEvent } from '../../records/storedEvent.ts';
import { PositionString, RecordedEventJson, StoredEventJson, toEventJson, toRecordedJson } from '../../eventStore/eventJson.ts';
import type { Authenticate } from '../authenticate.ts';
import { PositionParam } from '../pointInTimeQuery.ts';
import type { EventProvenance } from '../../audit/log/auditProofs.ts';
import { ProvenanceJson } from './auditSchemas.ts';
import { EVENT_TYPES } from '../../domain/events/catalogue.ts';
import { CHECKPOINT_EVENT_TYPE } from '../../audit/log/checkpointer.ts';

/** Every type the log can hold: an unknown filter is a typo, refused with this list rather than answered with nothing. */
const STORED_EVENT_TYPES: [string, ...string[]] = [CHECKPOINT_EVENT_TYPE, ...EVENT_TYPES];

const SingleBody = SubmittedEvent.extend({ expectedRevision: ExpectedRevisionInput.optional() });
const BatchBody = z.strictObject({
  events: z.array(SubmittedEvent),
  expectedRevision: ExpectedRevisionInput.optional(),
});

export interface EventsRoutesOptions {
  store: EventStore;
  record: RecordEvents;
  authenticate: Authenticate;
  /** The first checkpoint covering an event, with its inclusion proof (when the audit log runs). */
  provenance?: (eventId: string) => Promise<EventProvenance | undefined>;
}

export const eventsRoutes: FastifyPluginAsyncZod<EventsRoutesOptions> = async (app, { store, record, authenticate, provenance }) => {
  app.post(
    '/api/events',
    {
      preHandler: authenticate,
      schema: {
        tags: ['events'],
        summary: 'Record one fact, or a batch of facts of one stream atomically',
        description:
          'The body is one event `{type, data, id?, expectedRevision?}` or a batch `{events: [...], expectedRevision?}`. ' +
          'Each `data` must match the schema of its `type` (see the components named after each event type).',
        security: [{ bearerAuth: [] }],
        body: z.union([BatchBody, SingleBody]),
        response: { 201: z.object({ events: z.array(RecordedEventJson) }), 200: z.object({ events: z.array(RecordedEventJson) }) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const isBatch = 'events' in body;
      const submission = isBatch
        ? { events: body.events, expectedRevision: body.expectedRevision }
        : { events: [{ id: body.id, type: body.type, data: body.data }], expectedRevision: body.expectedRevision };
      const result = await record(submission, { ...request.writer!, correlationId: request.id }, isBatch ? (i) => `events/${i}` : () => '');
      // An idempotent retry changes nothing: 200 with the originals rather than 201.
      return reply.status(result.replayed ? 200 : 201).send({ events: result.events.map(toRecordedJson) });
    },
  );

  app.get(
    '/api/events',
    {
      schema: {
        tags: ['events'],
        summary: 'Stored events with all their metadata, in ledger order',
        querystring: z.strictObject({
          stream: z.string().max(200).optional(),
          type: z.enum(STORED_EVENT_TYPES).optional().describe('Only events of this type (a type of the catalogue, or CheckpointSigned)'),
          actor: z.string().max(200).optional(),
          after: PositionParam.optional().describe('Only events after this position'),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
        response: { 200: z.object({ events: z.array(StoredEventJson), next: PositionString.optional() }) },
      },
    },
    async (request) => {
      const { stream, type, actor, after, limit } = request.query;
      const matches = (e: StoredEvent) =>
        (stream === undefined || e.stream === stream) && (type === undefined || e.type === type) && (actor === undefined || e.actor === actor);
      const events: StoredEvent[] = [];
      let more = false;
      const from = after === undefined ? undefined : BigInt(after);
      // One stream is read by itself rather than found by scanning the whole log.
      const candidates = stream === undefined ? store.readAll({ after: from }) : afterPosition(await store.readStream(stream), from);
      for await (const e of candidates) {
        if (!matches(e)) continue;
        if (events.length === limit) {
          more = true;
          break;
        }
        events.push(e);
      }
      return { events: events.map(toEventJson), next: more ? events.at(-1)?.position.toString() : undefined };
    },
  );

  app.get(
    '/api/events/:id',
    {
      schema: {
        tags: ['events'],
        summary: 'One stored event with all its metadata, and the first checkpoint covering it with its inclusion proof',
        params: z.object({ id: z.string().max(Id.maxLength ?? 64) }),
        response: { 200: StoredEventJson.extend({ provenance: ProvenanceJson.optional() }) },
      },
    },
    async (request) => {
      const event = await store.getEvent(canonicalEventId(request.params.id));
      if (!event) throw new NotFoundError('Event', request.params.id);
      const proven = await provenance?.(event.id);
      return { ...toEventJson(event), ...(proven && { provenance: proven }) };
    },
  );
};

function* afterPosition(events: StoredEvent[], after: bigint | undefined): Iterable<StoredEvent> {
  for (const e of events) if (after === undefined || e.position > after) yield e;
}
