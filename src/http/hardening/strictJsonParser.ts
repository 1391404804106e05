import type { FastifyInstance } from 'fastify';

/** A 400 from the body parser: the error handler turns it into VALIDATION_FAILED. */
class InvalidUtf8Error extends Error {
  readonly statusCode = 400;
  constructor() {
    super('The body is not valid UTF-8');
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Replaces fastify's JSON body parser with one that refuses invalid UTF-8 instead of silently
 * turning it into U+FFFD, which would record text nobody sent. Parsing itself is fastify's own,
 * with `__proto__` and `constructor.prototype` keys refused (not stripped).
 */
export function registerStrictJsonParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = decoder.decode(body as Buffer);
    } catch {
      done(new InvalidUtf8Error(), undefined);
      return;
    }
    parseJson(request, text, done);
  });
}
