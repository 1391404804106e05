import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { transitionDossierView, type TransitionDossierView } from '../../../projections/transitionDossierView.ts';
import { HandoverCategory } from '../../domain/events/transitionEvents.ts';
import { ID_PATTERN, LIMITS } from '../../domain/primitives.ts';
import { parseLedgerPosition } from '../../records/ledgerPosition.ts';
import type { FormName, FormState } from '../forms/handoverForms.ts';
import type { ProblemCode } from '../../http/problems.ts';
import type { PageContext } from '../pageContext.ts';
import type { WebDeps } from '../webRoutes.ts';

/** What the dossier page shows after a successful write (Post/Redirect/Get). */
export const NOTICES = ['item', 'observation', 'resolution', 'act'] as const;

/** Today in Lima, `YYYY-MM-DD`: never after the server's UTC day, so the default never breaks DATED_AFTER_RECORDING. */
export function todayInLima(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Lima', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The next free id of the form `{transitionId}-{prefix}NN`. */
export function nextId(transitionId: string, prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = used.size + 1; ; n++) {
    const id = `${transitionId}-${prefix}${String(n).padStart(2, '0')}`;
    if (!used.has(id)) return id;
  }
}

function defaultForms(d: TransitionDossierView): Record<FormName, Record<string, string>> {
  const today = todayInLima();
  const observations = [...d.observations.open, ...d.observations.resolved];
  return {
    item: { itemId: nextId(d.transitionId, 'it', d.items.map((i) => i.itemId)), category: 'document', ref: '', description: '', recordedOn: today },
    observation: { observationId: nextId(d.transitionId, 'obs', observations.map((o) => o.observationId)), itemId: '', text: '', raisedOn: today },
    resolution: { observationId: d.observations.open[0]?.observationId ?? '', resolution: '', resolvedOn: today },
    act: { signatories: '', signedOn: today },
  };
}

/**
 * Renders the dossier of `transitionId`, with the forms for a signed-in writer while the act is
 * unsigned and the page shows the present. `forms` carries a refused form back with its errors.
 */
export async function renderDossier(
  deps: WebDeps,
  reply: FastifyReply,
  ctx: PageContext,
  transitionId: string,
  options: { forms?: Partial<Record<FormName, FormState>>; problem?: ProblemCode; notice?: string; position?: string } = {},
) {
  const view = await deps.reader.view(ctx.at);
  const dossier = transitionDossierView(view, transitionId);
  if (!dossier) return deps.notFound(reply, ctx, ctx.t('error.notFound.transition', { id: transitionId }));
  const lg = view.localGovernments.get(dossier.lgId);
  const atPresent = !ctx.asOf && !ctx.atPosition;
  const defaults = defaultForms(dossier);
  const forms = Object.fromEntries(
    (Object.keys(defaults) as FormName[]).map((name) => {
      const refused = options.forms?.[name];
      return [name, refused ?? { values: defaults[name], fieldErrors: {}, formErrors: [] }];
    }),
  );
  return deps.render(reply, ctx, 'transition.eta', {
    title: ctx.t('transition.title', { id: transitionId }),
    d: dossier,
    lgName: lg?.name ?? dossier.lgId,
    // An item's `ref` names a plan or a project by its id; officials know them by their title.
    refTitle: (ref: string) => view.plans.get(ref)?.title ?? view.projects.get(ref)?.title ?? ref,
    canWrite: atPresent && dossier.status === 'open',
    atPresent,
    forms,
    categories: HandoverCategory.options,
    idPattern: ID_PATTERN.source,
    limits: LIMITS,
    notice: options.notice,
    noticePosition: options.position,
  }, options.problem);
}

/** Transition dossier: commission, items, observations, decisions, act, and the forms that add to it. */
export const transitionPage: FastifyPluginAsync<WebDeps> = async (app, deps) => {
  app.get<{ Params: { transitionId: string }; Querystring: { registrado?: string; posicion?: string } }>(
    '/transiciones/:transitionId',
    async (request, reply) => {
      const ctx = await deps.context(request, reply);
      const notice = (NOTICES as readonly string[]).includes(request.query.registrado ?? '') ? request.query.registrado : undefined;
      const position = parseLedgerPosition(request.query.posicion) !== undefined ? request.query.posicion : undefined;
      return renderDossier(deps, reply, ctx, request.params.transitionId, { notice, position });
    },
  );
};
