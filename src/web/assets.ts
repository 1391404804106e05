import negotiate from '@fastify/accept-negotiator';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../errors/notFoundError.ts';

/**
 * The web app's static assets: our CSS and scripts (web/static) and Chart.js's UMD build, read from
 * the package's own files at start and served from memory, with gzip and brotli variants made then.
 * Nothing is written to or read back from a shared folder, so no other local user can plant a file
 * that we would serve as ours. There is no front-end build: this is all the "build" there is.
 *
 * Each URL carries the file's content hash (`/static/app.css?v=1a2b3c4d`), so browsers may cache
 * assets for a year and still never run stale code after an upgrade.
 */
export interface WebAssets {
  /** Fingerprinted URL of an asset, by its file name. */
  url(name: string): string;
  /** The asset and its compressed variants, or undefined for a name that is not one. */
  get(name: string): WebAsset | undefined;
}

export interface WebAsset {
  type: string;
  hash: string;
  identity: Buffer;
  br: Buffer;
  gzip: Buffer;
}

const STATIC_DIR = fileURLToPath(new URL('../../web/static/', import.meta.url));
// The package's exports map hides dist/chart.umd.js, so it is found beside the CommonJS entry point.
const CHART_JS = join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.js');

/** Served under this name, so the page never depends on where npm put the package. */
export const CHART_ASSET = 'chart.umd.js';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

export function prepareAssets(): WebAssets {
  const sources = new Map<string, string>();
  for (const name of readdirSync(STATIC_DIR)) if (TYPES[extname(name)]) sources.set(name, join(STATIC_DIR, name));
  sources.set(CHART_ASSET, CHART_JS);

  const assets = new Map<string, WebAsset>();
  for (const [name, file] of sources) {
    const identity = readFileSync(file);
    assets.set(name, {
      type: TYPES[extname(name)]!,
      hash: createHash('sha256').update(identity).digest('hex').slice(0, 12),
      identity,
      br: brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length } }),
      gzip: gzipSync(identity, { level: 9 }),
    });
  }
  return {
    url(name) {
      const asset = assets.get(name);
      if (!asset) throw new Error(`unknown web asset ${name}`);
      return `/static/${name}?v=${asset.hash}`;
    },
    get: (name) => assets.get(name),
  };
}

/**
 * GET /static/{name}: the asset in the best encoding the client accepts, cacheable for a year
 * (URLs carry the content hash). Any other name under /static/ is 404 NOT_FOUND.
 */
export function registerAssetRoute(app: FastifyInstance, assets: WebAssets): void {
  app.get<{ Params: { name: string } }>('/static/:name', async (request, reply) => {
    const asset = assets.get(request.params.name);
    if (!asset) throw new NotFoundError('Static asset', request.params.name);
    const accepted = request.headers['accept-encoding'];
    const encoding = typeof accepted === 'string' ? negotiate(accepted, ['br', 'gzip', 'identity']) : null;
    const body = encoding === 'br' ? asset.br : encoding === 'gzip' ? asset.gzip : asset.identity;
    if (encoding === 'br' || encoding === 'gzip') reply.header('content-encoding', encoding);
    return reply
      .type(asset.type)
      .header('vary', 'accept-encoding')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(body);
  });
}
