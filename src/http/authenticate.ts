import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Writer } from '../commandHandling/recordEvents.ts';

declare module 'fastify' {
  interface FastifyRequest {
    writer?: Writer;
  }
}

export type Authenticate = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/** A credential the server accepts: its name is recorded as the actor of every event it writes. */
export interface Credential {
  name: string;
  role: string;
  token: string;
}
