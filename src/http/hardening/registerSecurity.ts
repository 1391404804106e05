import { createHash } from 'node:crypto';
import fastifyCors from '@fastify/cors';
import fastifyRateLimit from '@fastify/rate-limit';
import helmet from 'helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Authenticate } from '../authenticate.ts';
import type { SecurityOptions } from './securityOptions.ts';
import { registerStrictJsonParser } from './strictJsonParser.ts';

const MINUTE_MS = 60_000;

/** An error the error handler turns into `429 RATE_LIMITED` (its Retry-After is already on the reply). */
class RateLimitedError extends Error {
  readonly statusCode = 429;
  constructor(seconds: number) {
    super(`Too many requests; retry in ${seconds} s`);
  }
}

/**
 * Security headers, CORS and rate limiting, registered on the root app so they cover every route.
 *
 * - Helmet's defaults, with a Content-Security-Policy that allows same-origin scripts and styles
 *   only (what Swagger UI at /docs and the web app at / need; neither uses inline scripts), and
 *   without `upgrade-insecure-requests`, which would break the plain-HTTP deployments on a LAN;
 *   `Referrer-Policy: same-origin`, so the web app's same-origin posts carry their Origin.
 * - CORS only for the configured origins; none by default (a browser app must be same-origin).
 * - Two token buckets per minute: one per client IP for every request, one per bearer token (keyed
 *   by the token's SHA-256, never the token) for requests that carry one. A client over either
 *   gets `429 RATE_LIMITED` with `Retry-After`. Runs before authentication, so guessing tokens is
 *   rate-limited too.
 * - JSON bodies must be valid UTF-8 (strictJsonParser.ts).
 * - With public reads off, reads under /api/ (but /api/health) need a valid token of any role.
 */
export async function registerSecurity(app: FastifyInstance, options: SecurityOptions, authenticate: Authenticate): Promise<void> {
  registerStrictJsonParser(app);
  // Helmet's middleware, built once: @fastify/helmet rebuilds it (parsing the CSP) on every request,
  // which cost ~5% of an append's CPU under load (bench W3). Same headers, on every route and 404.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'upgrade-insecure-requests': null,
      },
    },
    // Our own form posts then carry a real Origin (with `no-referrer` browsers send `Origin: null`,
    // which the web app's origin check must refuse); other sites still get no referrer at all.
    referrerPolicy: { policy: 'same-origin' },
    // The API serves JSON to other origins when CORS allows it; keep resources loadable there.
    crossOriginResourcePolicy: { policy: options.corsOrigins.length === 0 ? 'same-origin' : 'cross-origin' },
  });
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (error) => (error ? done(error as Error) : done())));

  if (options.corsOrigins === '*' || options.corsOrigins.length > 0) {
    await app.register(fastifyCors, {
      origin: options.corsOrigins === '*' ? '*' : options.corsOrigins,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'OPTIONS'],
      allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
      exposedHeaders: ['Retry-After', 'X-Request-Id', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'],
      maxAge: 600,
    });
  }

  if (options.rateLimitPerMinute > 0) {
    const max = options.rateLimitPerMinute;
    await app.register(fastifyRateLimit, { global: false, max, timeWindow: MINUTE_MS });
    const perIp = app.createRateLimit({ max, timeWindow: MINUTE_MS, keyGenerator: (request) => `ip:${request.ip}` });
    const perToken = app.createRateLimit({ max, timeWindow: MINUTE_MS, keyGenerator: (request) => `token:${tokenKey(request)}` });
    app.addHook('onRequest', async (request, reply) => {
      const results = [await perIp(request)];
      if (tokenKey(request) !== undefined) results.push(await perToken(request));
      const exceeded = results.find((r) => !r.isAllowed && r.isExceeded);
      const tightest = results.reduce<number | undefined>((min, r) => (r.isAllowed ? min : Math.min(min ?? r.remaining, r.remaining)), undefined);
      if (tightest !== undefined) reply.header('ratelimit-limit', String(max)).header('ratelimit-remaining', String(tightest));
      if (exceeded && !exceeded.isAllowed) {
        reply.header('retry-after', String(exceeded.ttlInSeconds));
        throw new RateLimitedError(exceeded.ttlInSeconds);
      }
    });
  }

  if (!options.publicReads) {
    app.addHook('preHandler', async (request, reply) => {
      const path = request.url.split('?')[0]!;
      if ((request.method === 'GET' || request.method === 'HEAD') && path.startsWith('/api/') && path !== '/api/health') {
        await authenticate(request, reply);
      }
    });
  }
}

function tokenKey(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string' || header.length === 0) return undefined;
  return createHash('sha256').update(header, 'utf8').digest('base64url');
}
