import type { FastifyPluginAsync } from 'fastify';
import { renderDossier } from '../pages/transitionPage.ts';
import type { WebDeps } from '../webRoutes.ts';
import { FORMS, formStateFromError, type FormName } from './handoverForms.ts';

/** Spanish paths of the dossier's forms. */
const FORM_PATHS: Record<string, FormName> = {
  partidas: 'item',
  observaciones: 'observation',
  absoluciones: 'resolution',
  acta: 'act',
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
      const values = Object.fromEntries(
        FORMS[form].fields.map((f) => [f, typeof request.body?.[f] === 'string' ? request.body[f] : '']),
      );
      // A post from another site never gets here: webRoutes refuses it before the body is read.
      if (!ctx.writer) {
        const refused = { values, fieldErrors: {}, formErrors: [ctx.t('form.signInRequired')], code: 'UNAUTHORIZED' as const };
        return renderDossier(deps, reply, ctx, transitionId, { forms: { [form]: refused }, problem: 'UNAUTHORIZED' });
      }

      const data = FORMS[form].toData(transitionId, values);
      try {
        const result = await deps.record(
          { events: [{ type: FORMS[form].type, data }] },
          { ...ctx.writer, correlationId: request.id },
          () => '',
        );
        const position = result.events.at(-1)?.position.toString() ?? '';
        return reply.redirect(`/transiciones/${encodeURIComponent(transitionId)}?registrado=${form}&posicion=${position}#notice`, 303);
      } catch (error) {
        const state = formStateFromError(form, error, values, request.url, { lang: ctx.lang, data });
        if (!state) throw error;
        request.log.info({ code: state.code, form, transitionId }, 'form refused');
        return renderDossier(deps, reply, ctx, transitionId, { forms: { [form]: state }, problem: state.code });
      }
    },
  );
};
