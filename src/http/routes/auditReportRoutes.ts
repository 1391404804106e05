import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { plain } from '../../audit/log/auditProofs.ts';
import type { AuditService } from '../../audit/log/auditService.ts';
import { Id } from '../../domain/primitives.ts';
import { NotFoundError } from '../../errors/notFoundError.ts';
import type { EventStore } from '../../eventStore/eventStore.ts';
import type { LedgerReader } from '../../readModels/ledgerReader.ts';
import { renderTransitionReport } from '../../report/renderTransitionReport.ts';
import { transitionReportData } from '../../report/transitionReportData.ts';

/**
 * GET /api/transitions/{transitionId}/report: a printable HTML audit report (Spanish by default,
 * `?lang=en`). Only HTML is offered: `pdf` was taken out of the `format` enum until a PDF is really
 * produced (the PDF report is under way separately; whoever lands it adds `pdf` back here, with a
 * response schema for application/pdf). Meanwhile, print the HTML from a browser (its print
 * stylesheet is made for that).
 */
export const auditReportRoutes: FastifyPluginAsyncZod<{ reader: LedgerReader; store: EventStore; audit?: AuditService }> = async (app, { reader, store, audit }) => {
  app.get(
    '/api/transitions/:transitionId/report',
    {
      schema: {
        tags: ['audit'],
        summary: 'Printable HTML audit report of a transition, with the checkpoint that vouches for it',
        description: 'Only HTML is offered for now; print it from a browser for a PDF.',
        params: z.object({ transitionId: Id }),
        querystring: z.strictObject({ lang: z.enum(['es', 'en']).default('es'), format: z.enum(['html']).default('html') }),
        produces: ['text/html'],
      },
    },
    async (request, reply) => {
      const view = await reader.view();
      if (audit) await audit.follower.sync();
      const latest = audit ? await audit.checkpoints.latest() : undefined;
      const data = await transitionReportData(
        view,
        (lgId) => reader.eventsConcerning(lgId, view.lastPosition),
        request.params.transitionId,
        {
          leafIndexOf: (id) => audit?.log.leafOf(id)?.leafIndex ?? null,
          checkpoint: latest ? plain(latest) : null,
          keyFingerprint: audit?.key.fingerprint ?? null,
        },
        new Date().toISOString(),
      );
      if (!data) throw new NotFoundError('Transition', request.params.transitionId);
      const baseUrl = `${request.protocol}://${request.host}`;
      return reply.type('text/html; charset=utf-8').send(renderTransitionReport(data, { lang: request.query.lang, baseUrl }));
    },
  );
};
