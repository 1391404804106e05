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
import { HTML, KeptPages } from '../http/caching/keptPages.ts';
import { responseEncoding } from '../http/caching/httpCaching.ts';

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
  /** Bytes of anonymous readers' pages kept encoded (`sendShared`). Default 32 MiB. */
  keptPageBytes?: number;
}

/** A page to render: its template, its data, and the problem it reports when it is a refusal. */
export interface Page {
  template: string;
  data: Record<string, unknown>;
  problem?: ProblemCode;
}

/** What every page module gets: the ledger, and helpers to build a page's context and render it. */
export interface WebDeps extends WebRoutesOptions {
  sessions: WebSessions;
  context(request: FastifyRequest, reply: FastifyReply): Promise<PageContext>;
  /**
   * Renders `template` inside the layout as HTML: 200, or for a refusal the status the API gives
   * `problem` (src/http/problems.ts), so pages never choose statuses of their own.
   */
  render(reply: FastifyReply, ctx: PageContext, template: string, data: Record<string, unknown>, problem?: ProblemCode): Promise<FastifyReply>;
  /**
   * Sends `page` for a page that, when nobody is signed in, is a function of the head, its language
   * and its URL alone (no session, no integrity state, no time): for anonymous readers it is kept
   * per head, language and URL in the encodings they asked for, and rendered once however many ask
   * at the same time; a signed-in reader's page is rendered for them (it has their name, their forms).
   */
  sendShared(reply: FastifyReply, ctx: PageContext, page: () => Promise<Page>): Promise<FastifyReply>;
  /** The HTML not-found page. */
  notFound(reply: FastifyReply, ctx: PageContext, what: string): Promise<FastifyReply>;
  /** The not-found page, to render. */
  notFoundPage(ctx: PageContext, what: string): Page;
}

/**
 * Anonymous pages kept, in bytes as sent: at 200,000 events a local government's page is ~20 KiB of
 * HTML, 3.4 KiB in brotli, so every page of 1,900 local governments in both languages fits many times.
 */
const KEPT_PAGE_BYTES = 32 * 2 ** 20;

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

  const kept = new KeptPages(options.keptPageBytes ?? KEPT_PAGE_BYTES);
  // Personal data is revealed for this page's reader at the last step, as for the JSON API.
  const htmlOf = (reply: FastifyReply, ctx: PageContext, page: Page) => reply.pageAsync(page.template, { ...ctx, ...revealPersonalData(page.data, ctx.writer, options.vault) });
  const statusOf = (problem: ProblemCode | undefined) => (problem ? PROBLEMS[problem].status : 200);
  const sendHtml = (reply: FastifyReply, html: string, status: number) => reply.status(status).type(HTML).header('cache-control', 'no-store').send(html);

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
    render: async (reply, ctx, template, data, problem) => sendHtml(reply, await htmlOf(reply, ctx, { template, data }), statusOf(problem)),
    sendShared: async (reply, ctx, page) => {
      if (ctx.writer !== null) {
        const own = await page();
        return deps.render(reply, ctx, own.template, own.data, own.problem);
      }
      const sent = await kept.page(`${ctx.headPosition} ${ctx.lang} ${ctx.url}`, responseEncoding(reply.request), async () => {
        const shared = await page();
        const html = await htmlOf(reply, ctx, shared);
        // Kept only if no event was recorded while it rendered: then it is the page of the head it is kept under.
        const head = String((await options.store.headPosition()) ?? 0n);
        return { html, status: statusOf(shared.problem), keep: head === ctx.headPosition };
      });
      // Sent as kept, already encoded: @fastify/compress leaves a body with a Content-Encoding alone.
      reply.status(sent.status).type(HTML).header('cache-control', 'no-store').header('vary', 'accept-encoding');
      if (sent.answer.encoding !== 'identity') reply.header('content-encoding', sent.answer.encoding);
      return reply.send(sent.answer.body);
    },
    notFound: (reply, ctx, what) => {
      const page = deps.notFoundPage(ctx, what);
      return deps.render(reply, ctx, page.template, page.data, page.problem);
    },
    notFoundPage: (ctx, what) => ({ template: 'error.eta', data: { title: ctx.t('error.notFound.title'), message: what, code: 'NOT_FOUND' }, problem: 'NOT_FOUND' }),
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
