import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { UnauthorizedError } from '../errors/unauthorizedError.ts';
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

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * Bearer-token check for writes. Tokens are compared as SHA-256 digests with timingSafeEqual, so
 * neither the comparison time nor the length of a guess says anything about a real token.
 */
export function bearerAuthentication(credentials: Credential[]): Authenticate {
  const known = credentials.map((c) => ({ ...c, digest: digest(c.token) }));
  return async (request) => {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new UnauthorizedError();
    const presented = digest(match[1]!);
    const credential = known.find((c) => timingSafeEqual(c.digest, presented));
    if (!credential) throw new UnauthorizedError();
    request.writer = { actor: credential.name, role: credential.role };
  };
}
