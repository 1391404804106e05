import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isLedgerError } from '../errors/ledgerError.ts';
import { problem, PROBLEM_CONTENT_TYPE, PROBLEMS, type ProblemCode } from './problems.ts';
import { rejectionFacts } from './hardening/storeHealth.ts';
import { fieldIssues } from './validationIssues.ts';

/**
 * Turns every failure into an RFC 9457 problem+json body. Below 500 is the client's business and
 * logged at info; 500s are ours and logged at error. Internal details never reach the client.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { code, detail, extensions } = classifyError(error);
    const status = PROBLEMS[code].status;
    // One structured line per rejection: who, the code, and why (field paths and messages, never values, tokens or bodies).
    const who = rejectionFacts(request);
    const reasons = Array.isArray(extensions.errors) ? (extensions.errors as { path: string; message: string }[]).slice(0, 20).map((e) => `${e.path}: ${e.message}`) : undefined;
    if (status >= 500) request.log.error({ err: error, code, ...who }, request.method === 'POST' ? 'write failed' : 'request failed');
    else request.log.info({ code, detail, reasons, ...who }, request.method === 'POST' ? 'write rejected' : 'request rejected');
    setRetryAfter(reply, code, extensions);
    return reply.status(status).type(PROBLEM_CONTENT_TYPE).send(problem(code, detail, request.url, extensions));
  });

  app.setNotFoundHandler((request, reply) =>
    reply
      .status(PROBLEMS.NOT_FOUND.status)
      .type(PROBLEM_CONTENT_TYPE)
      .send(problem('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`, request.url)),
  );
}

/** When a client may try again: a store fault says so itself; a rate limit has set it already. */
export function setRetryAfter(reply: FastifyReply, code: ProblemCode, extensions: Record<string, unknown>): void {
  if (code === 'STORE_UNAVAILABLE') reply.header('retry-after', String(extensions.retryAfterSeconds ?? 5));
  if (code === 'RATE_LIMITED') reply.header('retry-after', String(extensions.retryAfterSeconds ?? reply.getHeader('retry-after') ?? 60));
}

export interface ClassifiedError {
  code: ProblemCode;
  detail: string;
  extensions: Record<string, unknown>;
}

/**
 * The stable code of any failure: the ledger's own errors carry theirs; fastify's and its plugins'
 * are mapped here, once, for the API and the web pages alike. Anything unknown is INTERNAL.
 */
export function classifyError(error: FastifyError): ClassifiedError {
  if (isLedgerError(error)) return { code: error.code, detail: error.message, extensions: error.details };
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = fieldIssues(error.validationContext ?? 'request', error.validation);
    return { code: 'VALIDATION_FAILED', detail: 'The request has invalid fields', extensions: { errors } };
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'PAYLOAD_TOO_LARGE', detail: error.message, extensions: {} };
    // A static path that leaves its folder (`/docs/static/../..`) names no file of ours: not found.
    case 'FST_STATIC_FORBIDDEN_PATH':
      return { code: 'NOT_FOUND', detail: 'No such file', extensions: {} };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { code: 'VALIDATION_FAILED', detail: error.message, extensions: { errors: [{ path: 'body', message: error.message }] } };
  }
  if (error.statusCode === 404) return { code: 'NOT_FOUND', detail: error.message, extensions: {} };
  if (error.statusCode === 429) return { code: 'RATE_LIMITED', detail: error.message, extensions: {} };
  // JSON syntax errors from the body parser.
  if (error.statusCode === 400) {
    return { code: 'VALIDATION_FAILED', detail: error.message, extensions: { errors: [{ path: 'body', message: error.message }] } };
  }
  return { code: 'INTERNAL', detail: 'An internal error occurred; it has been logged', extensions: {} };
}
