import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { plain } from '../../audit/log/auditProofs.ts';
import type { AuditService } from '../../audit/log/auditService.ts';
import { Id } from '../../domain/primitives.ts';
import { NotFoundError } from '../../errors/notFoundError.ts';
import type { EventStore } from '../../eventStore/eventStore.ts';
import type { LedgerReader } from '../../readModels/ledgerReader.ts';
import { renderTransitionReport } from '../../report/renderTransitionReport.ts';
import { renderTransitionReportPdf } from '../../report/renderTransitionReportPdf.ts';
import { PointInTimeQuery, toPointInTime } from '../pointInTimeQuery.ts';
import { transitionReportData } from '../../report/transitionReportData.ts';
import type { PersonalDataVault } from '../../personalData/personalDataVault.ts';
import { revealPersonalData } from '../../personalData/reveal.ts';
import type { Authenticate } from '../authenticate.ts';
import { markPrivate, readerOf } from '../personalDataEdge.ts';
import { HTML } from '../caching/keptPages.ts';

/**
 * GET /api/transitions/{transitionId}/report: the audit report of a transition, printable HTML or
 * (`?format=pdf`) a PDF made on the server; Spanish by default, `?lang=en`; at a point in time with
 * `asOf` / `atPosition`, like every read.
 */
interface AuditReportOptions {
  reader: LedgerReader;
  store: EventStore;
  audit?: AuditService;
  /** Personal data in the report is revealed for its reader, as in every response. */
  vault?: PersonalDataVault;
  authenticate?: Authenticate;
}

export const auditReportRoutes: FastifyPluginAsyncZod<AuditReportOptions> = async (app, { reader, store, audit, vault, authenticate }) => {
  app.get(
    '/api/transitions/:transitionId/report',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit report of a transition (HTML or PDF), with the checkpoint that vouches for it',
        description: 'The PDF carries the covering checkpoint (origin, size, root) and a QR code of the transition\'s public page.',
        params: z.object({ transitionId: Id }),
        querystring: PointInTimeQuery.extend({ lang: z.enum(['es', 'en']).default('es'), format: z.enum(['html', 'pdf']).default('html') }),
        produces: ['text/html', 'application/pdf'],
      },
    },
    async (request, reply) => {
      const { lang, format, asOf, atPosition } = request.query;
      const readerOfReport = authenticate ? await readerOf(request, reply, authenticate) : null;
      let personal = false;
      const reveal = <T>(value: T): T => {
        const revealed = revealPersonalData(value, readerOfReport, vault);
        personal ||= revealed !== value;
        return revealed;
      };
      const view = await reader.view(toPointInTime(request.query));
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
        { asOf, atPosition },
        reveal,
      );
      if (!data) throw new NotFoundError('Transition', request.params.transitionId);
      const baseUrl = `${request.protocol}://${request.host}`;
      if (personal) markPrivate(reply);
      if (format === 'pdf') {
        const pdf = await renderTransitionReportPdf(data, { lang, baseUrl });
        return reply.type('application/pdf').header('content-disposition', `inline; filename="informe-${data.dossier.transitionId}.pdf"`).send(pdf);
      }
      return reply.type(HTML).send(renderTransitionReport(data, { lang, baseUrl }));
    },
  );
};
