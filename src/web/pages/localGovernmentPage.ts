import type { FastifyPluginAsync } from 'fastify';
import { inheritedPlansView } from '../../../projections/inheritedPlansView.ts';
import { localGovernmentView, type LocalGovernmentView } from '../../../projections/localGovernmentView.ts';
import { planView } from '../../../projections/planView.ts';
import { inSectorOrder } from '../format/sectorOrder.ts';
import type { WebDeps } from '../webRoutes.ts';

/** One entry of a local government's timeline of terms and transitions. */
export interface TimelineEntry {
  on: string;
  kind: 'termStarted' | 'termEnded' | 'transitionFormed' | 'actSigned';
  termId?: string;
  mayor?: string;
  transitionId?: string;
}

/** Terms and transitions as one dated list; on one day, an end comes before a start. */
export function timelineOf(lg: LocalGovernmentView): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const t of lg.terms) {
    entries.push({ on: t.startedOn, kind: 'termStarted', termId: t.termId, mayor: t.mayor });
    if (t.endedOn) entries.push({ on: t.endedOn, kind: 'termEnded', termId: t.termId, mayor: t.mayor });
  }
  for (const tr of lg.transitions) {
    entries.push({ on: tr.formedOn, kind: 'transitionFormed', transitionId: tr.transitionId });
    if (tr.signedOn) entries.push({ on: tr.signedOn, kind: 'actSigned', transitionId: tr.transitionId });
  }
  const order: Record<TimelineEntry['kind'], number> = { termEnded: 0, transitionFormed: 1, actSigned: 2, termStarted: 3 };
  return entries.sort((a, b) => (a.on === b.on ? order[a.kind] - order[b.kind] : a.on < b.on ? -1 : 1));
}

/** A local government: timeline, plans with lineage, the inherited-plans checklist, allocations per plan. */
export const localGovernmentPage: FastifyPluginAsync<WebDeps> = async (app, deps) => {
  app.get<{ Params: { lgId: string } }>('/gobiernos-locales/:lgId', async (request, reply) => {
    const ctx = await deps.context(request, reply);
    // Nobody signed in: the page at this head was rendered before, the same for every anonymous reader.
    const sent = deps.sendKept(reply, ctx);
    if (sent) return sent;
    const view = await deps.reader.view(ctx.at);
    const lg = localGovernmentView(view, request.params.lgId);
    if (!lg) return deps.notFound(reply, ctx, ctx.t('error.notFound.localGovernment', { id: request.params.lgId }));
    const inherited = inheritedPlansView(view, lg.lgId)!;
    const plans = lg.plans.map((p) => ({ ...p, detail: planView(view, p.planId)! }));
    return deps.render(reply, ctx, 'localGovernment.eta', {
      title: lg.name,
      lg: { ...lg, bySector: inSectorOrder(lg.bySector, ctx.t, ctx.lang) },
      // Officials know projects by their title; the id stays in a data attribute.
      projectTitle: (projectId: string) => view.projects.get(projectId)?.title ?? projectId,
      timeline: timelineOf(lg),
      plans,
      inherited,
      plansWithAllocations: plans.filter((p) => p.detail.allocations.length > 0),
    }, undefined, 'anonymous');
  });
};
