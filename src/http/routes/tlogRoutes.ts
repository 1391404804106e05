import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuditService } from '../../audit/log/auditService.ts';
import { entryBundle, parseTilePath, readTile, TILE_WIDTH, tileWithin } from '../../audit/tiles.ts';
import { NotFoundError } from '../../errors/notFoundError.ts';

const tags = ['audit'];
/** Full tiles never change: a year, and `immutable` so browsers do not even revalidate. */
const FULL_TILE_CACHE = 'public, max-age=31536000, immutable';
/** A partial tile's content is fixed too, but the log may drop it once the full tile exists. */
const PARTIAL_TILE_CACHE = 'public, max-age=60';

/**
 * The C2SP tlog-tiles read API at the root, as tlog clients, mirrors and witnesses expect it:
 * `GET /checkpoint` (the latest checkpoint note, cosignatures included) and
 * `GET /tile/<L>/<N>[.p/<W>]`, `GET /tile/entries/<N>[.p/<W>]` (entries are the leaf inputs: each
 * event's 32-byte hash). Nothing here is computed per client beyond reading stored nodes.
 */
export const tlogRoutes: FastifyPluginAsyncZod<{ audit: AuditService }> = async (app, { audit }) => {
  app.get(
    '/checkpoint',
    {
      schema: {
        tags,
        summary: 'The latest signed checkpoint as a C2SP tlog-checkpoint note (text/plain)',
        produces: ['text/plain'],
        response: { 200: z.string() },
      },
    },
    async (_request, reply) => {
      const all = await audit.checkpoints.all();
      const latest = [...all].reverse().find((c) => c.note !== undefined);
      if (!latest) throw new NotFoundError('Checkpoint', 'latest');
      return reply.header('content-type', 'text/plain; charset=utf-8').header('cache-control', 'no-cache').send(audit.noteOf(latest)!);
    },
  );

  app.get(
    '/tile/*',
    {
      schema: {
        tags,
        summary: 'A C2SP tlog-tiles tile of Merkle hashes, or an entry bundle of leaf inputs (application/octet-stream)',
        // The tile paths are C2SP tlog-tiles' own (docs/verification.md), which OpenAPI's path templates cannot express.
        hide: true,
        params: z.object({ '*': z.string().max(64) }),
        produces: ['application/octet-stream'],
      },
      // Hashes and event hashes are SHA-256 output, which no encoding shrinks: brotli would cost
      // more CPU than the tile's read and add bytes.
      compress: false,
    },
    async (request, reply) => {
      const path = request.params['*'];
      const address = parseTilePath(path);
      // A tile the tree already holds never changes: the follower is brought up to the store's head
      // only for one beyond it, which the events recorded since may have completed.
      let size = audit.log.size();
      if (!tileWithin(address, size)) size = await audit.follower.sync();
      let body: Buffer | undefined;
      if (address.level === 'entries') {
        const hashes = audit.log.eventHashes(address.index * TILE_WIDTH, address.width);
        if (hashes.length === address.width) body = entryBundle(hashes.map((h) => Buffer.from(h, 'hex')));
      } else {
        const level = address.level;
        body = readTile({ ...address, level }, size, (h, first, count) => audit.log.nodes.subtrees(h, first, count));
      }
      if (!body) throw new NotFoundError('Tile', path);
      return reply
        .header('content-type', 'application/octet-stream')
        .header('cache-control', address.width === TILE_WIDTH ? FULL_TILE_CACHE : PARTIAL_TILE_CACHE)
        .send(body);
    },
  );
};
