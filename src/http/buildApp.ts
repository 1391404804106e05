import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { pino } from 'pino';
import type { RecordEvents } from '../commandHandling/recordEvents.ts';
import type { EventStore } from '../eventStore/eventStore.ts';
import { LedgerReader } from '../readModels/ledgerReader.ts';
import { randomUUID } from 'node:crypto';
import { TokenAuthenticator } from '../access/tokenAuthenticator.ts';
import { LedgerHealth } from '../health/ledgerHealth.ts';
import type { Credential } from './authenticate.ts';
import { tokenAuthentication } from './hardening/authentication.ts';
import { registerSecurity } from './hardening/registerSecurity.ts';
import { DEFAULT_SECURITY, type SecurityOptions } from './hardening/securityOptions.ts';
import { trackStoreHealth } from './hardening/storeHealth.ts';
import { registerErrorHandler } from './errorHandler.ts';
import { registerOpenApi } from './openApi.ts';
import { registerHttpCaching } from './caching/httpCaching.ts';
import type { AuditService } from '../audit/log/auditService.ts';
import { IntegrityMonitor } from '../audit/log/integrityMonitor.ts';
import { auditChangesRoutes } from './routes/auditChangesRoutes.ts';
import { registerIntegrityHeader } from './routes/auditIntegrityHeader.ts';
import { auditReportRoutes } from './routes/auditReportRoutes.ts';
import { auditRoutes } from './routes/auditRoutes.ts';
import { eventsRoutes } from './routes/eventsRoutes.ts';
import { healthRoutes } from './routes/healthRoutes.ts';
import { readModelRoutes } from './routes/readModelRoutes.ts';
import { tlogRoutes } from './routes/tlogRoutes.ts';
import { auditBundleRoutes } from './routes/auditBundleRoutes.ts';
import { webRoutes } from '../web/webRoutes.ts';
import type { PersonalDataVault } from '../personalData/personalDataVault.ts';
import { registerPersonalDataReveal } from './personalDataEdge.ts';
import { personalDataRoutes } from './routes/personalDataRoutes.ts';
import { documentRoutes } from './routes/documentRoutes.ts';
import type { DocumentStore } from '../documents/documentStore.ts';
import type { SessionStoreOptions } from '../web/session/sessionStore.ts';
import type { TrustProxy } from '../config.ts';

export interface AppDeps {
  store: EventStore;
  storeName: string;
  record: RecordEvents;
  credentials: Credential[];
  /** pino logger for requests; silent when omitted. */
  logger?: FastifyBaseLogger;
  /** Largest request body accepted, in bytes. */
  bodyLimit?: number;
  version?: string;
  /** File of the read models' local-government index and checkpoint (src/readModels/lgIndex.ts); in memory when omitted. */
  readIndexFile?: string;
  /** Security headers, CORS, rate limits, public reads. Default: DEFAULT_SECURITY (no rate limit). */
  security?: SecurityOptions;
  /** Shared health state; /api/health reports its problems. */
  health?: LedgerHealth;
  /** The running Merkle log, checkpoints and integrity monitor, over `store` (proofs answer from the head read of it per request); without it only the chain check is served. */
  audit?: AuditService;
  /** The personal-data key store: sealed values are revealed per reader at the edge; without it every sealed value reads `[dato personal]`. */
  vault?: PersonalDataVault;
  /**
   * Which peers may say, in X-Forwarded-For/-Proto/-Host, who the client is and whether it came over
   * HTTPS (fastify's `trustProxy`, from LEDGER_TRUST_PROXY). Default: none, the socket is the truth.
   */
  trustProxy?: TrustProxy;
  /** Where the web app keeps its sessions and for how long; in memory, 8 h idle / 12 h at most, by default. */
  webSessions?: SessionStoreOptions;
  /** Where filed documents' files are kept (content-addressed); without it none is kept, and citing filings are still answered. */
  documents?: DocumentStore;
}

/** A client's x-request-id becomes the events' correlation id, so only a short, plain one is kept. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** A hop count becomes fastify's function form (its types accept no number). */
function fastifyTrustProxy(setting: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof setting === 'number' ? (_address, hop) => hop < setting : setting;
}

/** Builds the HTTP app without listening, so tests drive it with `app.inject()`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger ?? pino({ level: 'silent' }),
    trustProxy: fastifyTrustProxy(deps.trustProxy ?? false),
    bodyLimit: deps.bodyLimit ?? DEFAULT_BODY_LIMIT,
    requestIdHeader: false,
    genReqId: (request) => {
      const id = request.headers['x-request-id'];
      return typeof id === 'string' && REQUEST_ID.test(id) ? id : randomUUID();
    },
    // Prototype-pollution keys are refused outright rather than silently stripped.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  const health = deps.health ?? new LedgerHealth();
  const authenticate = tokenAuthentication(new TokenAuthenticator({ store: deps.store, bootstrap: deps.credentials }));
  await registerSecurity(app, deps.security ?? DEFAULT_SECURITY, authenticate);
  trackStoreHealth(app, health);
  await registerOpenApi(app, deps.version ?? '0.1.0');

  registerPersonalDataReveal(app, deps.vault, authenticate);

  const reader = new LedgerReader(deps.store, { indexFile: deps.readIndexFile });
  app.addHook('onClose', () => reader.close());
  // Without the audit service, the chain rules alone are carried forward the same way.
  const integrity = deps.audit?.integrity ?? new IntegrityMonitor({ store: deps.store, health, now: () => new Date() });
  registerIntegrityHeader(app, () => integrity.status());
  await registerHttpCaching(app, {
    head: () => deps.store.headPosition(),
    corrupt: () => integrity.status().corrupt,
    publicReads: (deps.security ?? DEFAULT_SECURITY).publicReads !== false,
  });
  await app.register(eventsRoutes, { store: deps.store, record: deps.record, authenticate, provenance: deps.audit && ((id: string) => deps.audit!.proofs.provenance(id)) });
  await app.register(readModelRoutes, { reader });
  await app.register(auditRoutes, { store: deps.store, integrity, audit: deps.audit, authenticate });
  if (deps.audit) {
    await app.register(tlogRoutes, { audit: deps.audit });
    await app.register(auditBundleRoutes, { store: deps.store, audit: deps.audit });
  }
  await app.register(auditChangesRoutes, { reader, store: deps.store });
  await app.register(auditReportRoutes, { reader, store: deps.store, audit: deps.audit, vault: deps.vault, authenticate });
  await app.register(healthRoutes, { store: deps.store, storeName: deps.storeName, health });
  await app.register(documentRoutes, { reader, authenticate, documents: deps.documents, publicReads: (deps.security ?? DEFAULT_SECURITY).publicReads !== false });
  await app.register(personalDataRoutes, { record: deps.record, authenticate, now: () => new Date(), store: deps.store, vault: deps.vault });
  await app.register(webRoutes, { store: deps.store, reader, integrity, record: deps.record, authenticate, publicReads: (deps.security ?? DEFAULT_SECURITY).publicReads, sessionStore: deps.webSessions, vault: deps.vault });
  return app;
}
