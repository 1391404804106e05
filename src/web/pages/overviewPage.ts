import type { FastifyPluginAsync } from 'fastify';
import { budgetView } from '../../../projections/budgetView.ts';
import { listLocalGovernments, type LocalGovernmentSummary } from '../../../projections/localGovernmentView.ts';
import { CHART_ASSET } from '../assets.ts';
import { inSectorOrder } from '../format/sectorOrder.ts';
import type { WebDeps } from '../webRoutes.ts';

/** Province overview: each local government's authority, transition, plans and money; money by sector. */
export const overviewPage: FastifyPluginAsync<WebDeps> = async (app, deps) => {
  app.get('/', async (request, reply) => {
    const ctx = await deps.context(request, reply);
    const view = await deps.reader.view(ctx.at);
    const { localGovernments } = listLocalGovernments(view);
    const budget = budgetView(view);
    // A province is listed with its provincial municipality first, then its districts.
    const provinces = new Map<string, LocalGovernmentSummary[]>();
    for (const lg of localGovernments) {
      const key = `${lg.department} / ${lg.province}`;
      provinces.set(key, [...(provinces.get(key) ?? []), lg]);
    }
    return deps.render(reply, ctx, 'overview.eta', {
      title: ctx.t('overview.title'),
      scripts: [CHART_ASSET],
      provinces: [...provinces.values()].map((lgs, i) => ({
        anchor: `province-${i + 1}`,
        province: lgs[0]!.province,
        department: lgs[0]!.department,
        localGovernments: [...lgs].sort((a, b) => (a.level === b.level ? 0 : a.level === 'provincial' ? -1 : 1)),
      })),
      budget: { ...budget, bySector: inSectorOrder(budget.bySector, ctx.t, ctx.lang) },
    });
  });
};
