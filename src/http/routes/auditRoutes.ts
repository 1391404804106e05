import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { verifyChain } from '../../audit/verifyChain.ts';
import type { EventStore } from '../../eventStore/eventStore.ts';
import { PositionString } from '../../eventStore/eventJson.ts';

export const VerifyReportJson = z.object({
  ok: z.boolean(),
  checkedEvents: z.number().int(),
  headPosition: PositionString.optional(),
  headHash: z.string().optional(),
  firstInvalidPosition: PositionString.optional(),
  problems: z.array(z.object({ position: PositionString, eventId: z.string(), stream: z.string(), kind: z.string(), message: z.string() })),
});

export const auditRoutes: FastifyPluginAsyncZod<{ store: EventStore }> = async (app, { store }) => {
  app.get(
    '/api/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: 'Recompute every hash and check every stream’s chain, revisions and the global order',
        response: { 200: VerifyReportJson },
      },
    },
    async () => {
      const report = await verifyChain(store.readAll());
      return {
        ok: report.ok,
        checkedEvents: report.checkedEvents,
        headPosition: report.headPosition?.toString(),
        headHash: report.headHash,
        firstInvalidPosition: report.firstInvalidPosition?.toString(),
        problems: report.problems.map((p) => ({ ...p, position: p.position.toString() })),
      };
    },
  );
};
