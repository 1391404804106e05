import type { FastifyRequest } from 'fastify';
import type { TokenAuthenticator } from '../../access/tokenAuthenticator.ts';
import type { Authenticate } from '../authenticate.ts';

/** The preHandler of every write: the bearer token's writer goes on `request.writer`, or 401. */
export function tokenAuthentication(authenticator: TokenAuthenticator): Authenticate {
  return async (request: FastifyRequest) => {
    request.writer = await authenticator.authenticate(request.headers.authorization, request.ip);
  };
}
