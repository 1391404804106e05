import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { pino } from 'pino';
import type { RecordEvents } from '../commandHandling/recordEvents.ts';
import type { EventStore } from '../eventStore/eventStore.ts';
import { LedgerReader } from '../readModels/ledgerReader.ts';
import { bearerAuthentication, type Credential } from './authenticate.ts';
import { registerErrorHandler } from './errorHandler.ts';
import { registerOpenApi } from './openApi.ts';
import { auditRoutes } from './routes/auditRoutes.ts';
import { eventsRoutes } from './routes/eventsRoutes.ts';
import { healthRoutes } from './routes/healthRoutes.ts';
import { readModelRoutes } from './routes/readModelRoutes.ts';

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
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Builds the HTTP app without listening, so tests drive it with `app.inject()`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger ?? pino({ level: 'silent' }),
    bodyLimit: deps.bodyLimit ?? DEFAULT_BODY_LIMIT,
    requestIdHeader: 'x-request-id',
    // Prototype-pollution keys are refused outright rather than silently stripped.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  await registerOpenApi(app, deps.version ?? '0.1.0');

  const reader = new LedgerReader(deps.store);
  const authenticate = bearerAuthentication(deps.credentials);
  await app.register(eventsRoutes, { store: deps.store, record: deps.record, authenticate });
  await app.register(readModelRoutes, { reader });
  await app.register(auditRoutes, { store: deps.store });
  await app.register(healthRoutes, { store: deps.store, storeName: deps.storeName });
  return app;
}
