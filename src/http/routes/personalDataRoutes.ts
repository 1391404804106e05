import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RecordEvents } from '../../commandHandling/recordEvents.ts';
import { PersonalDataErased } from '../../domain/events/personalDataEvents.ts';
import { RecordedEventJson, toRecordedJson } from '../../eventStore/eventJson.ts';
import type { Authenticate } from '../authenticate.ts';
import { DATA_PROTECTION_SCOPE, holdsScope } from '../../access/authorize.ts';
import { Id } from '../../domain/primitives.ts';
import type { EventStore } from '../../eventStore/eventStore.ts';
import { ForbiddenError } from '../../errors/forbiddenError.ts';
import type { PersonalDataVault } from '../../personalData/personalDataVault.ts';
import { listPersonalValues } from '../../personalData/personalValues.ts';

export interface PersonalDataRoutesOptions {
  record: RecordEvents;
  authenticate: Authenticate;
  /** The server's clock: the day of an erasure when the request names none. */
  now: () => Date;
  store: Pick<EventStore, 'readAll'>;
  vault?: PersonalDataVault;
}

const PersonalValueJson = z.object({
  eventId: z.string(),
  stream: z.string(),
  type: z.string(),
  field: z.string(),
  subjectId: z.string(),
  value: z.string().describe('The plaintext, or "[dato personal suprimido]" once erased'),
});

const ErasureBody = PersonalDataErased.partial({ erasedOn: true });

/**
 * A data-protection officer answers a cancellation request (Ley N° 29733, art. 20): records
 * PersonalDataErased through the ordinary write path (so the officer is its actor, and the fact
 * is hashed, chained and checkpointed), after which the subject's key is destroyed.
 */
export const personalDataRoutes: FastifyPluginAsyncZod<PersonalDataRoutesOptions> = async (app, { record, authenticate, now, store, vault }) => {
  app.post(
    '/api/personal-data/erasures',
    {
      preHandler: authenticate,
      schema: {
        tags: ['personal data'],
        operationId: 'erasePersonalData',
        summary: 'Erase a data subject’s personal data: records PersonalDataErased and destroys the subject’s key',
        security: [{ bearerAuth: [] }],
        body: ErasureBody,
        response: { 201: z.object({ events: z.array(RecordedEventJson) }), 200: z.object({ events: z.array(RecordedEventJson) }) },
      },
    },
    async (request, reply) => {
      const data = { ...request.body, erasedOn: request.body.erasedOn ?? now().toISOString().slice(0, 10) };
      const result = await record({ events: [{ type: 'PersonalDataErased', data }] }, { ...request.writer!, correlationId: request.id }, () => '');
      return reply.status(result.replayed ? 200 : 201).send({ events: result.events.map(toRecordedJson) });
    },
  );

  app.get(
    '/api/personal-data/values',
    {
      preHandler: authenticate,
      schema: {
        tags: ['personal data'],
        operationId: 'listPersonalValues',
        summary: 'Every sealed value of the log (or of one subject), opened: for the data-protection officer (or the registrar) answering a request',
        security: [{ bearerAuth: [] }],
        querystring: z.strictObject({ subjectId: Id.optional() }),
        response: { 200: z.object({ values: z.array(PersonalValueJson) }) },
      },
    },
    async (request) => {
      // Listing personal data in bulk is the officer's task, not a reader's: the registrar holds this scope too.
      if (!holdsScope(request.writer!, DATA_PROTECTION_SCOPE)) throw new ForbiddenError(DATA_PROTECTION_SCOPE, 'SCOPE_NOT_HELD');
      return { values: await listPersonalValues(store, vault, request.query.subjectId) };
    },
  );
};
