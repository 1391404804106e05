import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Paths pino blanks out wherever a request, header set or error carries them. Fastify's default
 * request serializer logs no headers and no body; this is the second line of defence for a
 * child logger or a serializer that someone widens later.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'authorization',
  'token',
  'secret',
  'body',
  'req.body',
  'request.body',
];

/** The server's logger: JSON lines, tokens and bodies redacted. `destination` lets tests capture it. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
