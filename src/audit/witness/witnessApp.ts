import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { addCheckpoint, type WitnessOptions } from './witness.ts';

/** Largest add-checkpoint body: 63 proof lines and a note with many signatures fit well within it. */
const BODY_LIMIT = 64 * 1024;

/**
 * The witness's HTTP edge (c2sp.org/tlog-witness): `POST /add-checkpoint`, text in and out, the
 * statuses of the spec (409 with `text/x.tlog.size`). Nothing else is served: a witness holds no
 * data worth reading beyond its cosignatures, which the log distributes.
 */
export function buildWitnessApp(options: WitnessOptions & { logger?: FastifyBaseLogger }): FastifyInstance {
  const app = Fastify({ loggerInstance: options.logger ?? pino({ level: 'silent' }), bodyLimit: BODY_LIMIT });
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.post('/add-checkpoint', async (request, reply) => {
    const body = typeof request.body === 'string' ? request.body : '';
    const answer = addCheckpoint(body, options);
    switch (answer.status) {
      case 200:
        return reply.status(200).header('content-type', 'text/plain; charset=utf-8').send(`${answer.cosignature}\n`);
      case 409:
        return reply.status(409).header('content-type', 'text/x.tlog.size').send(`${answer.treeSize}\n`);
      default:
        request.log.info({ status: answer.status, reason: answer.reason }, 'add-checkpoint refused');
        return reply.status(answer.status).header('content-type', 'text/plain; charset=utf-8').send(`${answer.reason}\n`);
    }
  });
  return app;
}
