import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Writer } from '../commandHandling/writer.ts';
import { isLedgerError } from '../errors/ledgerError.ts';

declare module 'fastify' {
  interface FastifyRequest {
    writer?: Writer;
  }
}

export type Authenticate = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/** The writer the request's credentials stand for, or null when `authenticate` refuses them; any other failure is thrown. */
export async function writerOrNull(authenticate: Authenticate, request: FastifyRequest, reply: FastifyReply): Promise<Writer | null> {
  try {
    await authenticate(request, reply);
    return request.writer ?? null;
  } catch (error) {
    if (isLedgerError(error, 'UNAUTHORIZED')) return null;
    throw error;
  }
}

/** A credential the server accepts: its name is recorded as the actor of every event it writes. */
export interface Credential {
  name: string;
  role: string;
  token: string;
}
