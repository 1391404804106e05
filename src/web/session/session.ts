import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Writer } from '../../commandHandling/recordEvents.ts';
import { writerOrNull, type Authenticate } from '../../http/authenticate.ts';
import { clearSessionCookie, readCookies, sessionCookieName, setSessionCookie } from './cookies.ts';
import type { SessionStore } from './sessionStore.ts';

/**
 * Signing in to the web app. The token is checked by the API's own authentication, then kept on the
 * server (SessionStore); the browser gets a random session id in an httpOnly cookie. On each request
 * the session's token is presented to that authentication again, so the web app accepts exactly the
 * credentials the API does, records the same actor, and stops at once when the token is revoked.
 */
export class WebSessions {
  constructor(
    private readonly store: SessionStore,
    private readonly authenticate: Authenticate,
  ) {}

  /**
   * 1. check the token as the API would; 2. end the session the browser had, if any (a new id on
   * every sign-in, so an id planted before sign-in is never promoted); 3. start one and set its cookie.
   */
  async signIn(request: FastifyRequest, reply: FastifyReply, token: string): Promise<Writer | null> {
    const writer = await writerForToken(this.authenticate, request, reply, token);
    if (!writer) return null;
    const previous = this.sessionId(request);
    if (previous) this.store.end(previous);
    setSessionCookie(request, reply, this.store.create(token), this.store.maxAgeSeconds);
    return writer;
  }

  /** The writer of the request's session, or null (no cookie, session over, token no longer valid). */
  async writerOf(request: FastifyRequest, reply: FastifyReply): Promise<Writer | null> {
    const id = this.sessionId(request);
    if (!id) return null;
    const token = this.store.tokenOf(id);
    const writer = token === undefined ? null : await writerForToken(this.authenticate, request, reply, token);
    if (!writer) this.store.end(id);
    return writer;
  }

  /** How long sessions last, in hours: `{ idle, max }`. */
  get lifetimeHours(): { idle: number; max: number } {
    return this.store.lifetimeHours;
  }

  /** Ends the session on the server, then tells the browser to drop the cookie. */
  signOut(request: FastifyRequest, reply: FastifyReply): void {
    const id = this.sessionId(request);
    if (id) this.store.end(id);
    clearSessionCookie(request, reply);
  }

  private sessionId(request: FastifyRequest): string | undefined {
    return readCookies(request)[sessionCookieName(request)] || undefined;
  }
}

/**
 * The writer a token stands for, or null when the API's authentication refuses it. The token is
 * handed over as the request's bearer header, so the API's check (and any stricter one that
 * replaces it) decides alone.
 */
async function writerForToken(authenticate: Authenticate, request: FastifyRequest, reply: FastifyReply, token: string): Promise<Writer | null> {
  if (!token || /\s/.test(token)) return null;
  request.headers.authorization = `Bearer ${token}`;
  return writerOrNull(authenticate, request, reply);
}
