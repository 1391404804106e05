import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { EventStore } from '../../eventStore/eventStore.ts';
import { PositionString } from '../../eventStore/eventJson.ts';

export const healthRoutes: FastifyPluginAsyncZod<{ store: EventStore; storeName: string }> = async (app, { store, storeName }) => {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness and the store’s head',
        response: {
          200: z.object({ status: z.literal('ok'), store: z.string(), headPosition: PositionString.optional() }),
          503: z.object({ status: z.literal('unavailable'), store: z.string(), reason: z.string() }),
        },
      },
    },
    async (_request, reply) => {
      try {
        const head = await store.headPosition();
        return { status: 'ok' as const, store: storeName, headPosition: head?.toString() };
      } catch (error) {
        return reply.status(503).send({ status: 'unavailable' as const, store: storeName, reason: (error as Error).message });
      }
    },
  );
};
