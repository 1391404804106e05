import type { FastifyPluginAsync } from 'fastify';
import { clearSessionCookie, isSameOrigin, setSessionCookie, writerForToken } from '../session/session.ts';
import type { WebDeps } from '../webRoutes.ts';

/** Only a path of this site: `//evil.example` and `https://…` would make sign-in an open redirect. */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) && value.length <= 2000 ? value : '/';
}

/** Sign in with a ledger token (kept in an httpOnly cookie), and sign out. */
export const sessionPages: FastifyPluginAsync<WebDeps> = async (app, deps) => {
  app.get<{ Querystring: { returnTo?: string } }>('/ingresar', async (request, reply) => {
    const ctx = await deps.context(request, reply);
    return deps.render(reply, ctx, 'signIn.eta', { title: ctx.t('signIn.title'), returnTo: safeReturnTo(request.query.returnTo), error: undefined });
  });

  app.post<{ Body: { token?: string; returnTo?: string } | undefined }>('/ingresar', async (request, reply) => {
    const ctx = await deps.context(request, reply);
    const returnTo = safeReturnTo(request.body?.returnTo);
    const token = typeof request.body?.token === 'string' ? request.body.token.trim() : '';
    const writer = isSameOrigin(request) ? await writerForToken(deps.authenticate, request, reply, token) : null;
    if (!writer) {
      request.log.info({ code: 'UNAUTHORIZED' }, 'web sign-in refused');
      return deps.render(reply, ctx, 'signIn.eta', { title: ctx.t('signIn.title'), returnTo, error: ctx.t('signIn.refused') }, 401);
    }
    request.log.info({ actor: writer.actor }, 'web sign-in');
    setSessionCookie(request, reply, token);
    return reply.redirect(returnTo, 303);
  });

  app.post('/salir', async (request, reply) => {
    clearSessionCookie(request, reply);
    return reply.redirect('/', 303);
  });
};
