import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { EventStore } from '../../eventStore/eventStore.ts';
import { PositionString } from '../../eventStore/eventJson.ts';
import type { LedgerHealth } from '../../health/ledgerHealth.ts';

const HealthProblemJson = z.object({ source: z.string(), reason: z.string(), since: z.string() });

export const healthRoutes: FastifyPluginAsyncZod<{ store: EventStore; storeName: string; health?: LedgerHealth }> = async (app, { store, storeName, health }) => {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness and the store’s head',
        response: {
          // `degraded`: the store answers reads but something failed lately (e.g. writes refused); see `problems`.
          200: z.object({
            status: z.enum(['ok', 'degraded']),
            /** True while any problem is known (e.g. a `chain` that does not verify: reads may be of a corrupt store). */
            degraded: z.boolean(),
            store: z.string(),
            headPosition: PositionString.optional(),
            problems: z.array(HealthProblemJson).optional(),
          }),
          503: z.object({ status: z.literal('unavailable'), store: z.string(), reason: z.string() }),
        },
      },
    },
    async (_request, reply) => {
      try {
        const head = await store.headPosition();
        const problems = health?.list() ?? [];
        if (problems.length > 0) return { status: 'degraded' as const, degraded: true, store: storeName, headPosition: head?.toString(), problems };
        return { status: 'ok' as const, degraded: false, store: storeName, headPosition: head?.toString() };
      } catch (error) {
        return reply.status(503).send({ status: 'unavailable' as const, store: storeName, reason: (error as Error).message });
      }
    },
  );
};
