import fastifyStatic from '@fastify/static';
import fastifyView from '@fastify/view';
import { Eta } from 'eta';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { fileURLToPath } from 'node:url';
import type { RecordEvents } from '../commandHandling/recordEvents.ts';
import type { EventStore } from '../eventStore/eventStore.ts';
import type { Authenticate } from '../http/authenticate.ts';
import type { LedgerReader } from '../readModels/ledgerReader.ts';
import type { IntegrityMonitor } from '../audit/log/integrityMonitor.ts';
import { prepareAssets } from './assets.ts';
import { auditPage } from './pages/auditPage.ts';
import { localGovernmentPage } from './pages/localGovernmentPage.ts';
import { overviewPage } from './pages/overviewPage.ts';
import { sessionPages } from './pages/sessionPages.ts';
import { transitionPage } from './pages/transitionPage.ts';
import { transitionForms } from './forms/transitionForms.ts';
import { BadPageQueryError, pageContext, type PageContext } from './pageContext.ts';
import { translator, DEFAULT_LANG } from './i18n/translate.ts';
import { formattersFor } from './format/formatters.ts';

export interface WebRoutesOptions {
  store: EventStore;
  reader: LedgerReader;
  /** The verification carried forward, which the audit page's badge shows. */
  integrity: IntegrityMonitor;
  record: RecordEvents;
  authenticate: Authenticate;
  /** When false (LEDGER_PUBLIC_READS=false), every page but sign-in needs a signed-in credential. Default true. */
  publicReads?: boolean;
}

/** Thrown by `context` when reads are not public and nobody is signed in: answered with a redirect to sign in. */
class SignInRequired extends Error {}

/** What every page module gets: the ledger, and helpers to build a page's context and render it. */
export interface WebDeps extends WebRoutesOptions {
  context(request: FastifyRequest, reply: FastifyReply): Promise<PageContext>;
  /** Renders `template` inside the layout as HTML; `status` defaults to 200. */
  render(reply: FastifyReply, ctx: PageContext, template: string, data: Record<string, unknown>, status?: number): Promise<FastifyReply>;
  /** The HTML not-found page. */
  notFound(reply: FastifyReply, ctx: PageContext, what: string): Promise<FastifyReply>;
}

const TEMPLATES = fileURLToPath(new URL('./templates/', import.meta.url));

declare module 'fastify' {
  interface FastifyReply {
    pageAsync(page: string, data?: object): Promise<string>;
  }
}

/**
 * The web app for commissions, auditors and incoming authorities: server-rendered HTML from the
 * read models, in Spanish by default, with forms that write through the ledger's one write path.
 * Registered in its own encapsulated context, so its form parser, error pages and template engine
 * never touch the JSON API.
 */
export const webRoutes: FastifyPluginAsync<WebRoutesOptions> = async (app, options) => {
  const assets = prepareAssets();
  // Pages are not part of the JSON API: keep them out of /openapi.json.
  app.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, hide: true };
  });

  // Pages are rendered with templates cached in memory: they change only with a deploy.
  await app.register(fastifyView, {
    engine: { eta: new Eta({ autoEscape: true, cache: true }) },
    root: TEMPLATES,
    layout: 'layout.eta',
    production: true,
    propertyName: 'page',
  });
  await app.register(fastifyStatic, {
    root: assets.root,
    prefix: '/static/',
    preCompressed: true,
    immutable: true,
    maxAge: '365d',
    index: false,
    list: false,
    decorateReply: false,
    allowedPath: (path) => !path.endsWith('.complete'),
  });

  // HTML forms post application/x-www-form-urlencoded; parsed here only, never for the API.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  const deps: WebDeps = {
    ...options,
    context: async (request, reply) => {
      const ctx = await pageContext(request, reply, {
        authenticate: options.authenticate,
        asset: assets.url,
        headPosition: () => options.store.headPosition(),
      });
      if (options.publicReads === false && !ctx.writer && ctx.path !== '/ingresar') throw new SignInRequired();
      return ctx;
    },
    render: async (reply, ctx, template, data, status = 200) => {
      const html = await reply.pageAsync(template, { ...ctx, ...data });
      return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
    },
    notFound: (reply, ctx, what) => deps.render(reply, ctx, 'error.eta', { title: ctx.t('error.notFound.title'), message: what }, 404),
  };

  registerPageErrors(app, deps, assets.url);
  await app.register(overviewPage, deps);
  await app.register(localGovernmentPage, deps);
  await app.register(transitionPage, deps);
  await app.register(auditPage, deps);
  await app.register(sessionPages, deps);
  await app.register(transitionForms, deps);
};

/** Errors on a page are pages too: a bad `asOf` is a 400 with the reason, anything else a 500. */
function registerPageErrors(app: FastifyInstance, deps: WebDeps, asset: (name: string) => string): void {
  app.setErrorHandler(async (error, request, reply) => {
    if (error instanceof SignInRequired) return reply.redirect(`/ingresar?returnTo=${encodeURIComponent(request.url)}`, 303);
    let ctx: PageContext;
    try {
      ctx = await deps.context(request, reply);
    } catch {
      // the query itself is what failed: render in the default language, at the present
      const t = translator(DEFAULT_LANG);
      ctx = {
        lang: DEFAULT_LANG, t, fmt: formattersFor(DEFAULT_LANG), at: {}, path: request.url.split('?')[0]!, url: request.url,
        href: (p) => p, langHref: (l) => `${request.url.split('?')[0]}?lang=${l}`, asset, writer: null, headPosition: '0', keepQuery: [],
      };
    }
    if (error instanceof BadPageQueryError) {
      request.log.info({ field: error.field, detail: error.message }, 'page query rejected');
      return deps.render(reply, { ...ctx, at: {}, asOf: undefined, atPosition: undefined }, 'error.eta', {
        title: ctx.t('error.badQuery.title'),
        message: ctx.t('error.badQuery.message', { field: error.field, message: error.message }),
      }, 400);
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      // A body too large, a wrong content type: the client's business, said plainly.
      request.log.info({ err: error }, 'page request rejected');
      return deps.render(reply, ctx, 'error.eta', { title: ctx.t('error.badRequest.title'), message: ctx.t('error.badRequest.message') }, status);
    }
    request.log.error({ err: error }, 'page failed');
    return deps.render(reply, ctx, 'error.eta', { title: ctx.t('error.internal.title'), message: ctx.t('error.internal.message') }, 500);
  });
}
