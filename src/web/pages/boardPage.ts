import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { complianceBoard } from '../../../projections/complianceBoard.ts';
import { inLogOrder } from '../../../projections/viewCommon.ts';
import { shortText } from '../../domain/primitives.ts';
import { safeParseFor } from '../i18n/validationMessages.ts';
import { BadPageQueryError } from '../pageContext.ts';
import type { WebDeps } from '../webRoutes.ts';

/** The board's own query, in Spanish as the page's links spell it; blank means every one. */
const BoardQuery = z.object({
  departamento: z.preprocess((v) => (v === '' ? undefined : v), shortText().optional()),
  provincia: z.preprocess((v) => (v === '' ? undefined : v), shortText().optional()),
});

/**
 * The province board: every transition of a province (or of the whole ledger) with its directive,
 * current stage, documents done and pending, its act and its open observations, at the page's
 * point in time, so a regional office sees which municipalities are behind.
 */
export const boardPage: FastifyPluginAsync<WebDeps> = async (app, deps) => {
  app.get<{ Querystring: Record<string, unknown> }>('/tablero', async (request, reply) => {
    const ctx = await deps.context(request, reply);
    const parsed = safeParseFor(BoardQuery, { departamento: request.query.departamento, provincia: request.query.provincia }, ctx.lang);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new BadPageQueryError(String(issue.path[0] ?? 'query'), issue.message);
    }
    const { departamento: department, provincia: province } = parsed.data;
    const view = await deps.reader.view(ctx.at);
    const board = complianceBoard(view, { department, province });
    // The provinces to choose from: those with a local government registered at that point.
    const provinces = new Map<string, { department: string; province: string }>();
    for (const lg of inLogOrder(view.localGovernments.values())) provinces.set(`${lg.department}/${lg.province}`, { department: lg.department, province: lg.province });
    const heading = province
      ? ctx.t('board.heading', { province, department: department ?? '' })
      : ctx.t('board.headingAll');
    return deps.render(reply, ctx, 'board.eta', {
      title: ctx.t('board.title'),
      heading,
      department,
      province,
      rows: board.transitions,
      provinces: [...provinces.values()].map((p) => ({ ...p, href: ctx.href('/tablero', { departamento: p.department, provincia: p.province }) })),
    });
  });
};
