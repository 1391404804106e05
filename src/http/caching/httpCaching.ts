import * as crypto from 'node:crypto';
import { constants } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AnswerCache, BROTLI_QUALITY, COMPRESS_THRESHOLD, encodeAnswer, JSON_TYPE, type CachedAnswer } from './answerCache.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The store's head as this hook read it for the request's ETag, after the request arrived: a
     * route may answer from it instead of reading the head again (one statement less per read).
     */
    ledgerHead?: { position: bigint | undefined };
  }
  interface FastifyContextConfig {
    /**
     * The route's successful answers are kept encoded, by ETag version, URL and encoding, and a read
     * that finds one is sent those bytes without running the handler. Only for routes whose answer
     * is a function of the head and the URL alone, checked by hooks that run before this one.
     */
    cacheAnswers?: boolean;
    /** The route keeps its answers pinned by `atPosition` itself (pinnedLgAnswers.ts): they are not kept again by URL. */
    pinnedKeptByRoute?: boolean;
  }
}

export interface HttpCachingOptions {
  /** The store's head position: every read of the API is a function of it and of the request. */
  head: () => Promise<bigint | undefined>;
  /** True while the store is known not to verify: nothing is then marked immutable. */
  corrupt: () => boolean;
  /** When reads need a credential, caches must keep answers private to their client. */
  publicReads: boolean;
  /** Bytes of encoded answers kept for routes with `config.cacheAnswers`. Default 64 MiB. */
  answerCacheBytes?: number;
}

/**
 * Reads whose answer is not a function of the head and the query: never given an ETag here. A kept
 * document is versioned by its own SHA-256 instead (documentRoutes.ts).
 */
const UNCACHED = new Set(['/api/health', '/api/audit/verify', '/api/documents/:sha256']);

/** A year: what `immutable` means to a cache. */
const IMMUTABLE_SECONDS = 365 * 24 * 3600;

/**
 * HTTP caching and compression, for the slow rural connections the web app serves:
 * 1. responses of JSON and HTML are compressed (brotli, else gzip) above 1 KiB; brotli at quality 4,
 *    which compresses ledger JSON nearly as well as 11 at a fraction of the CPU;
 * 2. every GET of the API gets a strong ETag derived from the head position, the URL and the
 *    encoding it will be sent with, checked *before* the handler runs: an If-None-Match that matches
 *    is a 304 that costs one read of the head, not a fold;
 * 3. Cache-Control by kind: a read pinned by `atPosition` at or before the head never changes and is
 *    `immutable`; any other read must be revalidated (`no-cache`), which the ETag makes cheap;
 * 4. routes marked `cacheAnswers` keep the bytes they sent per (ETag, URL): the same read at the same
 *    head is a lookup, neither folded, serialized nor compressed again (the list of local
 *    governments is 656 KiB of JSON at 200,000 events, 13 ms of brotli per request on a busy core).
 *    Concurrent misses of one key are computed once: the others wait for its bytes.
 *    An answer that varies by reader lost its ETag (markPrivate) and is never kept.
 * Pages keep their own `no-store` (they carry a session and a CSRF token).
 */
export async function registerHttpCaching(app: FastifyInstance, options: HttpCachingOptions): Promise<void> {
  await app.register(fastifyCompress, {
    global: true,
    encodings: ['br', 'gzip'],
    threshold: COMPRESS_THRESHOLD,
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } },
  });
  const scope = options.publicReads ? 'public' : 'private';
  const answers = new AnswerCache(options.answerCacheBytes ?? 64 * 2 ** 20);
  /** Requests of cacheable routes, with the key their answer is kept under (and whether it came from there). */
  const keyOf = new WeakMap<FastifyRequest, { key: string; encoding: string; hit: boolean }>();
  /** Answers being computed, by key: the first miss computes, the others wait for its bytes (single-flight). */
  const inFlight = new Map<string, Promise<CachedAnswer | undefined>>();
  /** How the request computing an answer settles its flight: with its bytes, or with nothing (not cacheable, failed). */
  const settleOf = new WeakMap<FastifyRequest, (answer: CachedAnswer | undefined) => void>();
  const settle = (request: FastifyRequest, answer: CachedAnswer | undefined) => {
    settleOf.get(request)?.(answer);
    settleOf.delete(request);
  };

  app.addHook('preHandler', async (request, reply) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !isApiRead(request)) return;
    const read = await options.head();
    request.ledgerHead = { position: read };
    const head = read ?? 0n;
    const pinned = pinnedAt(request);
    const immutable = pinned !== undefined && pinned <= head && !options.corrupt();
    const encoding = responseEncoding(request);
    // A pinned read is the same at every later head: its tag leaves the head out, so it survives growth.
    const tag = etag(immutable ? 'pinned' : `${head}${options.corrupt() ? 'c' : ''}`, request.url, encoding);
    reply.header('etag', tag);
    reply.header('vary', options.publicReads ? 'accept-encoding' : 'accept-encoding, authorization');
    reply.header('cache-control', immutable ? `${scope}, max-age=${IMMUTABLE_SECONDS}, immutable` : `${scope}, no-cache`);
    // 1. A matching If-None-Match is a 304 before anything is read or serialized.
    if (matches(request.headers['if-none-match'], tag)) return reply.code(304).send();
    const { cacheAnswers, pinnedKeptByRoute } = request.routeOptions.config;
    if (request.method !== 'GET' || cacheAnswers !== true || (pinned !== undefined && pinnedKeptByRoute === true)) return;
    // 2. A kept answer is sent as it is; @fastify/compress leaves a body with a Content-Encoding alone.
    //    One being computed for the same key is waited for; if it ends up not kept, this request computes its own.
    const key = `${tag} ${request.url}`;
    let kept = answers.get(key);
    const flight = kept === undefined ? inFlight.get(key) : undefined;
    if (flight) kept = await flight;
    keyOf.set(request, { key, encoding, hit: kept !== undefined });
    if (kept === undefined) {
      if (!inFlight.has(key)) startFlight(request, key);
      return;
    }
    reply.type(kept.contentType);
    if (kept.encoding !== 'identity') reply.header('content-encoding', kept.encoding);
    return reply.send(kept.body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    // Only successful reads are cacheable: an error must not carry the tag of the answer it is not.
    if (reply.statusCode >= 400 && reply.hasHeader('etag')) {
      reply.removeHeader('etag');
      reply.header('cache-control', 'no-store');
    }
    // 3. A first answer of a cacheable route is encoded once, kept, sent as kept, and handed to those waiting for it.
    const cacheable = keyOf.get(request);
    if (cacheable === undefined || cacheable.hit || reply.statusCode !== 200 || !reply.hasHeader('etag') || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) {
      settle(request, undefined);
      return payload;
    }
    const answer = encodeAnswer(payload, String(reply.getHeader('content-type') ?? JSON_TYPE), cacheable.encoding);
    answers.set(cacheable.key, answer);
    settle(request, answer);
    if (answer.encoding !== 'identity') reply.header('content-encoding', answer.encoding);
    return answer.body;
  });
  // A request that computed nothing to send (aborted, or ended before onSend) lets its waiters compute their own.
  app.addHook('onResponse', async (request) => settle(request, undefined));
  app.addHook('onRequestAbort', async (request) => settle(request, undefined));

  function startFlight(request: FastifyRequest, key: string): void {
    let resolve!: (answer: CachedAnswer | undefined) => void;
    const flight = new Promise<CachedAnswer | undefined>((r) => (resolve = r));
    inFlight.set(key, flight);
    settleOf.set(request, (answer) => {
      if (inFlight.get(key) === flight) inFlight.delete(key);
      resolve(answer);
    });
  }
}

function isApiRead(request: FastifyRequest): boolean {
  const path = request.routeOptions.url;
  return path !== undefined && path.startsWith('/api/') && !UNCACHED.has(path);
}

/** The position a read is pinned at, if its query pins it: `atPosition`, or a diff between two positions. */
export function pinnedAt(request: FastifyRequest): bigint | undefined {
  const query = request.query as Record<string, unknown> | undefined;
  if (query === undefined || query === null) return undefined;
  const position = (v: unknown) => (typeof v === 'string' && /^\d{1,20}$/.test(v) ? BigInt(v) : undefined);
  if (typeof query.atPosition === 'string') return position(query.atPosition);
  if (request.routeOptions.url?.endsWith('/changes')) {
    const from = position(query.from);
    const to = position(query.to);
    return from !== undefined && to !== undefined ? to : undefined;
  }
  return undefined;
}

/**
 * The encoding @fastify/compress would send this request's answer in: `br`, `gzip` or `identity`.
 * x-no-compression is its own opt-out: such a client is sent identity.
 */
export function responseEncoding(request: FastifyRequest): string {
  return request.headers['x-no-compression'] === undefined ? negotiatedEncoding(request.headers['accept-encoding']) : 'identity';
}

/** The last Accept-Encoding negotiated and its answer: clients of one kind send the same header on every request. */
let lastAccept: { header: string; encoding: string } | undefined;

/** What @fastify/compress will choose for this Accept-Encoding (it prefers br to gzip). */
function negotiatedEncoding(accept: string | undefined): string {
  if (!accept) return 'identity';
  if (lastAccept?.header === accept) return lastAccept.encoding;
  const encoding = negotiate(accept);
  lastAccept = { header: accept, encoding };
  return encoding;
}

function negotiate(accept: string): string {
  const offered = new Map(
    accept.split(',').map((part) => {
      const [name, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return [name!, q === undefined ? 1 : Number(q.slice(2))] as const;
    }),
  );
  const accepts = (name: string) => (offered.get(name) ?? offered.get('*') ?? 0) > 0;
  return accepts('br') ? 'br' : accepts('gzip') ? 'gzip' : 'identity';
}

/** Node's one-shot SHA-256 (Node ≥ 20.12), else a Hash object per tag: the same digest. */
const digestOf: (text: string) => string = typeof (crypto as { hash?: unknown }).hash === 'function'
  ? (text) => crypto.hash('sha256', text, 'base64url')
  : (text) => crypto.createHash('sha256').update(text).digest('base64url');

function etag(version: string, url: string, encoding: string): string {
  const digest = digestOf(`${url}\n${encoding}`).slice(0, 22);
  return `"${version}-${digest}-${encoding}"`;
}

/** If-None-Match compares weakly (RFC 9110 §13.1.2): a W/ prefix does not stop a match. */
function matches(ifNoneMatch: string | undefined, tag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === tag);
}
