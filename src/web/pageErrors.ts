import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { classifyError, setRetryAfter } from '../http/errorHandler.ts';
import { PROBLEMS, type ProblemCode } from '../http/problems.ts';
import { rejectionFacts } from '../http/hardening/storeHealth.ts';
import { formattersFor } from './format/formatters.ts';
import { DEFAULT_LANG, translator, type MessageKey } from './i18n/translate.ts';
import { BadPageQueryError, type PageContext } from './pageContext.ts';
import type { WebDeps } from './webRoutes.ts';

/** Thrown by `context` when reads are not public and nobody is signed in: answered with a redirect to sign in. */
export class SignInRequired extends Error {}

/** What an error page says for a code; codes without their own wording share the generic ones. */
const WORDING: Partial<Record<ProblemCode, { title: MessageKey; message: MessageKey }>> = {
  NOT_FOUND: { title: 'error.notFound.title', message: 'error.notFound.page' },
  FORBIDDEN: { title: 'error.forbidden.title', message: 'error.forbidden.crossOrigin' },
  STORE_UNAVAILABLE: { title: 'error.unavailable.title', message: 'error.unavailable.message' },
};
const CLIENT_ERROR = { title: 'error.badRequest.title', message: 'error.badRequest.message' } as const;
const SERVER_ERROR = { title: 'error.internal.title', message: 'error.internal.message' } as const;

/**
 * Errors on a page are pages too. The status comes from the code, through the same classification
 * and catalogue as the API's problem documents (src/http/errorHandler.ts, src/http/problems.ts), so
 * a page and the API never disagree: a bad `asOf` is 400 VALIDATION_FAILED, a store that is down 503
 * STORE_UNAVAILABLE with Retry-After, anything unknown 500 INTERNAL. The code is on the page
 * (`data-code`), for support and for tests.
 */
export function registerPageErrors(app: FastifyInstance, deps: WebDeps, asset: (name: string) => string): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error instanceof SignInRequired) return reply.redirect(`/ingresar?returnTo=${encodeURIComponent(request.url)}`, 303);
    const { code, extensions } = classifyError(error);
    const status = PROBLEMS[code].status;
    // As for the API: below 500 is the client's business (info), 500s are ours (error).
    if (status >= 500) request.log.error({ err: error, code, ...rejectionFacts(request) }, 'page failed');
    else request.log.info({ code, detail: error.message, ...rejectionFacts(request) }, 'page request rejected');
    setRetryAfter(reply, code, extensions);

    const ctx = await errorContext(deps, request, reply, asset);
    const wording = WORDING[code] ?? (status >= 500 ? SERVER_ERROR : CLIENT_ERROR);
    const badQuery = error instanceof BadPageQueryError;
    return deps.render(reply, badQuery ? { ...ctx, at: {}, asOf: undefined, atPosition: undefined } : ctx, 'error.eta', {
      title: ctx.t(badQuery ? 'error.badQuery.title' : wording.title),
      message: badQuery ? ctx.t('error.badQuery.message', { field: error.field, message: error.message }) : ctx.t(wording.message),
      code,
    }, code);
  });
}

/**
 * The page's context when it can still be built; otherwise (the query or the store is what failed)
 * one in the default language, at the present, signed out.
 */
async function errorContext(deps: WebDeps, request: FastifyRequest, reply: Parameters<WebDeps['context']>[1], asset: (name: string) => string): Promise<PageContext> {
  try {
    return await deps.context(request, reply);
  } catch {
    const t = translator(DEFAULT_LANG);
    const path = request.url.split('?')[0]!;
    return {
      lang: DEFAULT_LANG, t, fmt: formattersFor(DEFAULT_LANG), at: {}, path, url: request.url,
      href: (p) => p, langHref: (l) => `${path}?lang=${l}`, asset, writer: null, headPosition: '0', keepQuery: [],
    };
  }
}
