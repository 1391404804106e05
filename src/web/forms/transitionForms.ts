import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { renderLocalGovernment } from '../pages/localGovernmentPage.ts';
import { renderDossier } from '../pages/transitionPage.ts';
import type { PageContext } from '../pageContext.ts';
import type { WebDeps } from '../webRoutes.ts';
import type { ProblemCode } from '../../http/problems.ts';
import { FORMS, formStateFromError, type FormName, type FormState } from './handoverForms.ts';

/** Spanish paths of the dossier's forms. */
const FORM_PATHS: Record<string, FormName> = {
  partidas: 'item',
  observaciones: 'observation',
  absoluciones: 'resolution',
  acta: 'act',
  equipos: 'team',
  'instalacion-equipo': 'teamInstalled',
  'rendicion-cuentas': 'accountability',
  'informe-transferencia': 'transferReport',
  'instalacion-comision': 'commission',
  'informe-complementario': 'supplementary',
  'acta-transferencia': 'transferAct',
};

/**
 * Form posts of the dossier. Each goes through the ledger's one write path (`record`) with the
 * signed-in credential, exactly like `POST /api/events`; a refusal re-renders the dossier with the
 * problem's messages beside the fields, and a success redirects (Post/Redirect/Get) so a reload
 * never records twice.
 */
export const transitionForms: FastifyPluginAsync<WebDeps> = async (app, deps) => {
  app.post<{ Params: { transitionId: string; form: string }; Body: Record<string, string> | undefined }>(
    '/transiciones/:transitionId/:form',
    async (request, reply) => {
      const ctx = await deps.context(request, reply);
      const form = FORM_PATHS[request.params.form];
      if (!form) return deps.notFound(reply, ctx, ctx.t('error.notFound.page'));
      const { transitionId } = request.params;
      return submit(deps, request, reply, ctx, form, transitionId, {
        refused: (forms, problem) => renderDossier(deps, reply, ctx, transitionId, { forms, problem }),
        recorded: (position) => `/transiciones/${encodeURIComponent(transitionId)}?registrado=${form}&posicion=${position}#notice`,
      });
    },
  );

  // A transition under a directive that opens with TransitionOpened starts on its local government's page.
  app.post<{ Params: { lgId: string }; Body: Record<string, string> | undefined }>('/gobiernos-locales/:lgId/transferencias', async (request, reply) => {
    const ctx = await deps.context(request, reply);
    const { lgId } = request.params;
    return submit(deps, request, reply, ctx, 'open', lgId, {
      refused: (forms, problem) => renderLocalGovernment(deps, reply, ctx, lgId, { forms, problem }),
      recorded: (position, data) => `/transiciones/${encodeURIComponent(String(data.transitionId))}?registrado=open&posicion=${position}#notice`,
    });
  });
};

interface Outcome {
  /** Renders the page again with the refused form. */
  refused(forms: Partial<Record<FormName, FormState>>, problem: ProblemCode): Promise<FastifyReply>;
  /** Where to go once recorded. */
  recorded(position: string, data: Record<string, unknown>): string;
}

/**
 * 1. the form's fields, as strings; 2. a signed-in writer, or the form comes back asking to sign
 * in; 3. the event through the write path; 4. Post/Redirect/Get, or the form back with its errors.
 */
async function submit(deps: WebDeps, request: FastifyRequest<{ Body: Record<string, string> | undefined }>, reply: FastifyReply, ctx: PageContext, form: FormName, subject: string, outcome: Outcome) {
  const body = request.body;
  const values = Object.fromEntries(FORMS[form].fields.map((f) => [f, typeof body?.[f] === 'string' ? body[f] : '']));
  // A post from another site never gets here: webRoutes refuses it before the body is read.
  if (!ctx.writer) {
    const refused = { values, fieldErrors: {}, formErrors: [ctx.t('form.signInRequired')], code: 'UNAUTHORIZED' as const };
    return outcome.refused({ [form]: refused }, 'UNAUTHORIZED');
  }
  const data = FORMS[form].toData(subject, values);
  try {
    const result = await deps.record({ events: [{ type: FORMS[form].type, data }] }, { ...ctx.writer, correlationId: request.id }, () => '');
    const position = result.events.at(-1)?.position.toString() ?? '';
    return reply.redirect(outcome.recorded(position, data), 303);
  } catch (error) {
    const state = formStateFromError(form, error, values, request.url, { lang: ctx.lang, data });
    if (!state) throw error;
    request.log.info({ code: state.code, form, subject }, 'form refused');
    return outcome.refused({ [form]: state }, state.code);
  }
}
