import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Writer } from '../commandHandling/writer.ts';
import type { PersonalDataVault } from '../personalData/personalDataVault.ts';
import { containsSealed, revealPersonalData } from '../personalData/reveal.ts';
import { writerOrNull, type Authenticate } from './authenticate.ts';

/** The reader of a request: its writer if a write or a private read authenticated it, else its bearer token's, else anonymous. */
export async function readerOf(request: FastifyRequest, reply: FastifyReply, authenticate: Authenticate): Promise<Writer | null> {
  if (request.writer) return request.writer;
  if (!request.headers.authorization) return null;
  // On a public read a refused token is an anonymous reader, not an error.
  return writerOrNull(authenticate, request, reply);
}

/** A response that varies by reader: no shared cache keeps it; an existing Vary (CORS's Origin) is kept. */
export function markPrivate(reply: FastifyReply): void {
  const vary = reply.getHeader('vary');
  const existing = vary === undefined ? [] : String(vary).split(',').map((v) => v.trim()).filter(Boolean);
  reply.header('vary', [...new Set([...existing, 'Authorization', 'Cookie'])].join(', '));
  reply.header('cache-control', 'private, no-store');
  // The API's ETag names the head and the URL, not the reader: it cannot stand for an answer that depends on who asks.
  reply.removeHeader('etag');
}

/**
 * Every JSON response passes here last: sealed values become plaintext, `[dato personal]` or
 * `[dato personal suprimido]` for this reader (src/personalData/reveal.ts). A response that holds
 * personal data varies by reader, so no shared cache may keep it.
 */
export function registerPersonalDataReveal(app: FastifyInstance, vault: PersonalDataVault | undefined, authenticate: Authenticate): void {
  app.addHook('preSerialization', async (request, reply, payload) => {
    if (!containsSealed(payload)) return payload;
    markPrivate(reply);
    return revealPersonalData(payload, await readerOf(request, reply, authenticate), vault);
  });
}
