import type { Credentials } from '@eventstore/db-client';

/**
 * What the adapter needs to know of an EventStoreDB connection string, read before the client is
 * built, and the settings this client (6.2) would silently get wrong, refused with a message that
 * says what to do instead.
 */
export interface EventStoreDbConnectionSettings {
  /** TLS on (the default) or off (`tls=false`, insecure mode). */
  secure: boolean;
  /** `user:password@` of the connection string, if any. */
  credentials?: Credentials;
}

/** A connection string the ledger refuses to start with. */
export class EventStoreDbSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventStoreDbSettingsError';
  }
}

export function readConnectionSettings(connectionString: string): EventStoreDbConnectionSettings {
  const match = /^esdb(?:\+discover)?:\/\/(?:([^@/?]*)@)?[^?]*(?:\?(.*))?$/i.exec(connectionString.trim());
  if (!match) throw new EventStoreDbSettingsError('EVENTSTORE_CONNECTION_STRING must start with esdb:// or esdb+discover://');
  const query = new Map([...new URLSearchParams(match[2] ?? '')].map(([k, v]) => [k.toLowerCase(), v.trim().toLowerCase()]));
  // The client prints a warning and then verifies the certificate anyway: a setting that does nothing.
  if (query.get('tlsverifycert') === 'false') {
    throw new EventStoreDbSettingsError(
      'EVENTSTORE_CONNECTION_STRING has tlsVerifyCert=false, which @eventstore/db-client 6.x ignores (it verifies the certificate anyway). ' +
        'Remove it and trust the node\'s CA instead: tlsCAFile=/path/to/ca.crt in the connection string, or NODE_EXTRA_CA_CERTS.',
    );
  }
  const secure = query.get('tls') !== 'false';
  const [username, password] = (match[1] ?? '').split(':').map((part) => decodeURIComponent(part));
  return { secure, ...(username ? { credentials: { username, password: password ?? '' } } : {}) };
}

/**
 * Options for every append. With per-call credentials the client skips its server-capabilities
 * lookup, which it caches for ever once it failed (every later append would fail with it), and
 * its batch-append stream, whose promises never settle when the server ends the stream cleanly; it
 * then appends with one unary call that has a deadline. On an insecure channel the client sends no
 * credentials (it drops them), so any value selects that path. On TLS without user credentials
 * (client certificates only) there are none to give, and the client's default path is kept.
 */
export function appendCallOptions(settings: EventStoreDbConnectionSettings): { credentials?: Credentials } {
  if (settings.credentials) return { credentials: settings.credentials };
  if (!settings.secure) return { credentials: { username: 'insecure-mode', password: '' } };
  return {};
}
