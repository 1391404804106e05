import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { plain } from '../../audit/log/auditProofs.ts';
import type { AuditService } from '../../audit/log/auditService.ts';
import { Id } from '../../domain/primitives.ts';
import { NotFoundError } from '../../errors/notFoundError.ts';
import { ValidationError } from '../../errors/validationError.ts';
import type { EventStore } from '../../eventStore/eventStore.ts';
import type { LedgerReader } from '../../readModels/ledgerReader.ts';
import { renderTransitionReport } from '../../report/renderTransitionReport.ts';
import { transitionReportData } from '../../report/transitionReportData.ts';
import type { PersonalDataVault } from '../../personalData/personalDataVault.ts';
import { revealPersonalData } from '../../personalData/reveal.ts';
import type { Authenticate } from '../authenticate.ts';
import { markPrivate, readerOf } from '../personalDataEdge.ts';

/**
 * GET /api/transitions/{transitionId}/report: a printable HTML audit report (Spanish by default,
 * `?lang=en`). `?format=pdf` is refused: no well-kept PDF library makes it cheap here; print the
 * HTML to PDF from a browser instead (its print stylesheet is made for that).
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
        summary: 'Printable HTML audit report of a transition, with the checkpoint that vouches for it',
        description: '`format=pdf` is not offered: print the HTML from a browser.',
        params: z.object({ transitionId: Id }),
        querystring: z.strictObject({ lang: z.enum(['es', 'en']).default('es'), format: z.enum(['html', 'pdf']).default('html') }),
        produces: ['text/html'],
      },
    },
    async (request, reply) => {
      if (request.query.format === 'pdf') {
        throw new ValidationError([{ path: 'querystring/format', message: 'PDF is not offered; print the HTML report from a browser' }]);
      }
      const readerOfReport = authenticate ? await readerOf(request, reply, authenticate) : null;
      let personal = false;
      const reveal = <T>(value: T): T => {
        const revealed = revealPersonalData(value, readerOfReport, vault);
        personal ||= revealed !== value;
        return revealed;
      };
      const view = await reader.view();
      if (audit) await audit.follower.sync();
      const latest = audit ? await audit.checkpoints.latest() : undefined;
      const data = await transitionReportData(
        view,
        store,
        request.params.transitionId,
        {
          leafIndexOf: (id) => audit?.log.leafOf(id)?.leafIndex ?? null,
          checkpoint: latest ? plain(latest) : null,
          keyFingerprint: audit?.key.fingerprint ?? null,
        },
        new Date().toISOString(),
        reveal,
      );
      if (!data) throw new NotFoundError('Transition', request.params.transitionId);
      const baseUrl = `${request.protocol}://${request.host}`;
      if (personal) markPrivate(reply);
      return reply.type('text/html; charset=utf-8').send(renderTransitionReport(data, { lang: request.query.lang, baseUrl }));
    },
  );
};
