import type { FastifyPluginAsync } from 'fastify';
import type { WebDeps } from '../webRoutes.ts';

/**
 * Where to go after signing in: only a path of this site, in printable ASCII (what a browser sends
 * once it has percent-encoded a URL). Anything else goes home: `//evil.example` and `https://…` would
 * make sign-in an open redirect; `/\t/evil.example` too, since browsers drop tabs and newlines from
 * URLs; a backslash reads as a slash; CR/LF or a character outside Latin-1 cannot go in a header.
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2000 || !/^\/(?![/\\])[\x21-\x7e]*$/.test(value) || value.includes('\\')) return '/';
  // Resolved against a placeholder origin, a path of ours stays on it; whatever escapes it is refused.
  const base = 'http://return-to.invalid';
  try {
    const url = new URL(value, base);
    return url.origin === base ? value : '/';
  } catch {
    return '/';
  }
}

/** Sign in with a ledger token (a server-side session; the browser gets only its id), and sign out. */
export const sessionPages: FastifyPluginAsync<WebDeps> = async (app, deps) => {
  app.get<{ Querystring: { returnTo?: string } }>('/ingresar', async (request, reply) => {
    const ctx = await deps.context(request, reply);
    return deps.render(reply, ctx, 'signIn.eta', { title: ctx.t('signIn.title'), returnTo: safeReturnTo(request.query.returnTo), error: undefined, sessionHours: deps.sessions.lifetimeHours });
  });

  app.post<{ Body: { token?: string; returnTo?: string } | undefined }>('/ingresar', async (request, reply) => {
    const ctx = await deps.context(request, reply);
    const returnTo = safeReturnTo(request.body?.returnTo);
    const token = typeof request.body?.token === 'string' ? request.body.token.trim() : '';
    const writer = await deps.sessions.signIn(request, reply, token);
    if (!writer) {
      request.log.info({ code: 'UNAUTHORIZED' }, 'web sign-in refused');
      return deps.render(reply, ctx, 'signIn.eta', { title: ctx.t('signIn.title'), returnTo, error: ctx.t('signIn.refused'), sessionHours: deps.sessions.lifetimeHours }, 'UNAUTHORIZED');
    }
    request.log.info({ actor: writer.actor }, 'web sign-in');
    return reply.redirect(returnTo, 303);
  });

  app.post('/salir', async (request, reply) => {
    deps.sessions.signOut(request, reply);
    return reply.redirect('/', 303);
  });
};
