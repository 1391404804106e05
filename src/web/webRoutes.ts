import type { PersonalDataVault } from '../personalData/personalDataVault.ts';
import { revealPersonalData } from '../personalData/reveal.ts';
import fastifyView from '@fastify/view';
import { Eta } from 'eta';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { fileURLToPath } from 'node:url';
import type { RecordEvents } from '../commandHandling/recordEvents.ts';
import type { EventStore } from '../eventStore/eventStore.ts';
import type { Authenticate } from '../http/authenticate.ts';
import { PROBLEMS, type ProblemCode } from '../http/problems.ts';
import type { LedgerReader } from '../readModels/ledgerReader.ts';
import type { IntegrityMonitor } from '../audit/log/integrityMonitor.ts';
import { prepareAssets, registerAssetRoute } from './assets.ts';
import { auditPage } from './pages/auditPage.ts';
import { boardPage } from './pages/boardPage.ts';
import { localGovernmentPage } from './pages/localGovernmentPage.ts';
import { overviewPage } from './pages/overviewPage.ts';
import { sessionPages } from './pages/sessionPages.ts';
import { transitionPage } from './pages/transitionPage.ts';
import { transitionForms } from './forms/transitionForms.ts';
import { pageContext, type PageContext } from './pageContext.ts';
import { registerPageErrors, SignInRequired } from './pageErrors.ts';
import { CrossOriginRequestError, isSameOrigin, SAFE_METHODS } from './session/sameOrigin.ts';
import { WebSessions } from './session/session.ts';
import { SessionStore, type SessionStoreOptions } from './session/sessionStore.ts';
import { Lru } from '../readModels/lru.ts';

export interface WebRoutesOptions {
  store: EventStore;
  reader: LedgerReader;
  /** The verification carried forward, which the audit page's badge shows. */
  integrity: IntegrityMonitor;
  record: RecordEvents;
  authenticate: Authenticate;
  /** When false (LEDGER_PUBLIC_READS=false), every page but sign-in needs a signed-in credential. Default true. */
  publicReads?: boolean;
  /** Reveals the sealed values of a page for its reader (src/personalData/reveal.ts). */
  vault?: PersonalDataVault;
  /** Where web sessions are kept and how long they last; in memory, 8 h idle / 12 h at most, by default. */
  sessionStore?: SessionStoreOptions;
}

/** What every page module gets: the ledger, and helpers to build a page's context and render it. */
export interface WebDeps extends WebRoutesOptions {
  sessions: WebSessions;
  context(request: FastifyRequest, reply: FastifyReply): Promise<PageContext>;
  /**
   * Renders `template` inside the layout as HTML: 200, or for a refusal the status the API gives
   * `problem` (src/http/problems.ts), so pages never choose statuses of their own.
   */
  render(reply: FastifyReply, ctx: PageContext, template: string, data: Record<string, unknown>, problem?: ProblemCode, keep?: KeepPage): Promise<FastifyReply>;
  /**
   * Sends the HTML an anonymous reader was sent for this page's language and URL at this head, if it
   * was rendered with `keep: 'anonymous'`; undefined (nothing sent) otherwise.
   */
  sendKept(reply: FastifyReply, ctx: PageContext): FastifyReply | undefined;
  /** The HTML not-found page. */
  notFound(reply: FastifyReply, ctx: PageContext, what: string): Promise<FastifyReply>;
}

/**
 * `'anonymous'`: the page is a function of the head, its language and its URL when nobody is signed
 * in (no session, no integrity state, no time), so its HTML for anonymous readers is kept per head.
 */
export type KeepPage = 'anonymous';

/** Anonymous pages kept: enough for every local government's page in both languages at one head. */
const KEPT_PAGES = 4096;

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
  const sessionStore = SessionStore.open(options.sessionStore);
  app.addHook('onClose', async () => sessionStore.close());
  const sessions = new WebSessions(sessionStore, options.authenticate);
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
  registerAssetRoute(app, assets);

  // Every state-changing request, sign-in and sign-out included, must come from a page of this
  // site; checked before the body is even read.
  app.addHook('onRequest', async (request) => {
    if (!SAFE_METHODS.has(request.method) && !isSameOrigin(request)) throw new CrossOriginRequestError();
  });

  // HTML forms post application/x-www-form-urlencoded; parsed here only, never for the API.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  const kept = new Lru<string, string>(KEPT_PAGES);
  const keyOf = (ctx: PageContext) => (ctx.writer === null ? `${ctx.headPosition} ${ctx.lang} ${ctx.url}` : undefined);
  const sendHtml = (reply: FastifyReply, html: string, status: number) =>
    reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);

  const deps: WebDeps = {
    ...options,
    sessions,
    context: async (request, reply) => {
      const ctx = await pageContext(request, reply, {
        writer: (req, rep) => sessions.writerOf(req, rep),
        asset: assets.url,
        headPosition: () => options.store.headPosition(),
      });
      if (options.publicReads === false && !ctx.writer && ctx.path !== '/ingresar') throw new SignInRequired();
      return ctx;
    },
    render: async (reply, ctx, template, data, problem, keep) => {
      // Personal data is revealed for this page's reader at the last step, as for the JSON API.
      const html = await reply.pageAsync(template, { ...ctx, ...revealPersonalData(data, ctx.writer, options.vault) });
      const key = keep === 'anonymous' && !problem ? keyOf(ctx) : undefined;
      if (key !== undefined) kept.set(key, html);
      return sendHtml(reply, html, problem ? PROBLEMS[problem].status : 200);
    },
    sendKept: (reply, ctx) => {
      const key = keyOf(ctx);
      const html = key === undefined ? undefined : kept.get(key);
      return html === undefined ? undefined : sendHtml(reply, html, 200);
    },
    notFound: (reply, ctx, what) => deps.render(reply, ctx, 'error.eta', { title: ctx.t('error.notFound.title'), message: what, code: 'NOT_FOUND' }, 'NOT_FOUND'),
  };

  registerPageErrors(app, deps, assets.url);
  await app.register(overviewPage, deps);
  await app.register(localGovernmentPage, deps);
  await app.register(transitionPage, deps);
  await app.register(boardPage, deps);
  await app.register(auditPage, deps);
  await app.register(sessionPages, deps);
  await app.register(transitionForms, deps);
};
