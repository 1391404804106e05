import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { DIRECTIVES, type DirectiveId } from '../../domain/directives/directives.ts';
import { ID_PATTERN, LIMITS } from '../../domain/primitives.ts';
import type { ProblemCode } from '../../http/problems.ts';
import type { FormState } from '../forms/handoverForms.ts';
import { fieldLabel } from '../forms/fieldLabel.ts';
import type { PageContext } from '../pageContext.ts';
import { todayInLima } from './transitionPage.ts';
import { inheritedPlansView } from '../../../projections/inheritedPlansView.ts';
import { localGovernmentView, type LocalGovernmentView } from '../../../projections/localGovernmentView.ts';
import { planView } from '../../../projections/planView.ts';
import { inSectorOrder } from '../format/sectorOrder.ts';
import type { Page, WebDeps } from '../webRoutes.ts';

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

/** The directives a transition can be opened under from this page (those whose process starts with TransitionOpened). */
const OPENED_HERE = (Object.keys(DIRECTIVES) as DirectiveId[]).filter((id) => DIRECTIVES[id].opensWith === 'TransitionOpened');

/** The term after `termId` (`2023-2026` → `2027-2030`), or '' when it is not of that form. */
export function nextTermId(termId: string): string {
  const m = /^(\d{4})-(\d{4})$/.exec(termId);
  if (!m) return '';
  const [from, to] = [Number(m[1]), Number(m[2])];
  return `${to + 1}-${to + 1 + (to - from)}`;
}

/** What the form-handling routes pass back to the page: a refused form with its errors, and the problem. */
export interface LocalGovernmentPageOptions {
  forms?: { open?: FormState };
  problem?: ProblemCode;
}

/** Renders the page of `lgId` for this reader (see `localGovernmentPageOf`). */
export async function renderLocalGovernment(deps: WebDeps, reply: FastifyReply, ctx: PageContext, lgId: string, options: LocalGovernmentPageOptions = {}) {
  const page = await localGovernmentPageOf(deps, ctx, lgId, options);
  return deps.render(reply, ctx, page.template, page.data, page.problem);
}

/**
 * The page of `lgId`, with the form that opens a transition for a signed-in writer at the present;
 * `forms.open` carries a refused one back with its errors. The not-found page if there is no such lg.
 */
export async function localGovernmentPageOf(deps: WebDeps, ctx: PageContext, lgId: string, options: LocalGovernmentPageOptions = {}): Promise<Page> {
  const view = await deps.reader.view(ctx.at);
  const lg = localGovernmentView(view, lgId);
  if (!lg) return deps.notFoundPage(ctx, ctx.t('error.notFound.localGovernment', { id: lgId }));
  const inherited = inheritedPlansView(view, lg.lgId)!;
  const plans = lg.plans.map((p) => ({ ...p, detail: planView(view, p.planId)! }));
  const outgoing = lg.currentTerm?.termId ?? '';
  const openDefaults = {
    transitionId: outgoing ? `tr-${lg.lgId}-${outgoing.slice(-4)}` : '',
    directive: OPENED_HERE[0] ?? '',
    outgoingTermId: outgoing,
    incomingTermId: nextTermId(outgoing),
    openedOn: todayInLima(),
  };
  const data = {
    title: lg.name,
    lg: { ...lg, bySector: inSectorOrder(lg.bySector, ctx.t, ctx.lang) },
    // Officials know projects by their title; the id stays in a data attribute.
    projectTitle: (projectId: string) => view.projects.get(projectId)?.title ?? projectId,
    timeline: timelineOf(lg),
    plans,
    inherited,
    plansWithAllocations: plans.filter((p) => p.detail.allocations.length > 0),
    atPresent: !ctx.asOf && !ctx.atPosition,
    openForm: options.forms?.open ?? { values: openDefaults, fieldErrors: {}, formErrors: [] },
    directives: OPENED_HERE,
    fieldLabel: (field: string) => fieldLabel(ctx.t, 'open', field),
    idPattern: ID_PATTERN.source,
    limits: LIMITS,
    boardHref: ctx.href('/tablero', { departamento: lg.department, provincia: lg.province }),
  };
  return { template: 'localGovernment.eta', data, problem: options.problem };
}

/** A local government: timeline, plans with lineage, the inherited-plans checklist, allocations per plan, and where a transition opens. */
export const localGovernmentPage: FastifyPluginAsync<WebDeps> = async (app, deps) => {
  app.get<{ Params: { lgId: string } }>('/gobiernos-locales/:lgId', async (request, reply) => {
    const ctx = await deps.context(request, reply);
    return deps.sendShared(reply, ctx, () => localGovernmentPageOf(deps, ctx, request.params.lgId));
  });
};
