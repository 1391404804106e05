import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Writer } from '../../commandHandling/recordEvents.ts';
import type { Authenticate } from '../../http/authenticate.ts';
import { isLedgerError } from '../../errors/ledgerError.ts';

/**
 * Signing in to the web app: the bearer token is kept in an httpOnly, SameSite=Strict cookie, so
 * page scripts never see it and no other site can make the browser send it with a form post. On
 * each request it is presented to the API's own authentication, so the web app accepts exactly the
 * credentials the API does and records the same actor.
 */
export const SESSION_COOKIE = 'tl_session';
export const LANG_COOKIE = 'tl_lang';

/** Session lifetime: one working day, so a shared municipal computer does not stay signed in. */
const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;
const LANG_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/** Cookies of a request; a malformed pair is skipped, never fatal. */
export function readCookies(request: FastifyRequest): Record<string, string> {
  const header = request.headers.cookie;
  const cookies: Record<string, string> = {};
  if (typeof header !== 'string') return cookies;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    try {
      cookies[name] = decodeURIComponent(pair.slice(eq + 1).trim());
    } catch {
      // a value that is not valid percent-encoding is not ours
    }
  }
  return cookies;
}

function cookie(request: FastifyRequest, name: string, value: string, maxAge: number, secret: boolean): string {
  // The session is Strict and httpOnly; the language is no secret and Lax, so a link from another
  // site (a municipal portal) still opens in the reader's language.
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', `Max-Age=${maxAge}`, secret ? 'SameSite=Strict' : 'SameSite=Lax'];
  if (secret) parts.push('HttpOnly');
  if (request.protocol === 'https') parts.push('Secure');
  return parts.join('; ');
}

function appendCookie(reply: FastifyReply, value: string): void {
  const existing = reply.getHeader('set-cookie');
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing.map(String) : [String(existing)];
  reply.header('set-cookie', [...list, value]);
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  appendCookie(reply, cookie(request, SESSION_COOKIE, token, SESSION_MAX_AGE_SECONDS, true));
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  appendCookie(reply, cookie(request, SESSION_COOKIE, '', 0, true));
}

export function setLangCookie(request: FastifyRequest, reply: FastifyReply, lang: string): void {
  appendCookie(reply, cookie(request, LANG_COOKIE, lang, LANG_MAX_AGE_SECONDS, false));
}

/**
 * The writer a token stands for, or null when the API's authentication refuses it. The token is
 * handed over as the request's bearer header, so the API's check (and any stricter one that
 * replaces it) decides alone.
 */
export async function writerForToken(
  authenticate: Authenticate,
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
): Promise<Writer | null> {
  if (!token || /\s/.test(token)) return null;
  request.headers.authorization = `Bearer ${token}`;
  try {
    await authenticate(request, reply);
    return request.writer ?? null;
  } catch (error) {
    if (isLedgerError(error, 'UNAUTHORIZED')) return null;
    throw error;
  }
}

/** The writer of the request's session cookie, if it holds a valid token. */
export async function sessionWriter(authenticate: Authenticate, request: FastifyRequest, reply: FastifyReply): Promise<Writer | null> {
  const token = readCookies(request)[SESSION_COOKIE];
  return token ? writerForToken(authenticate, request, reply, token) : null;
}

/**
 * Defence in depth beside SameSite=Strict: a form post another site made is refused. Browsers say
 * where a request comes from in Sec-Fetch-Site; older ones only in Origin, which is `null` under
 * the `Referrer-Policy: no-referrer` our security headers set, so `null` proves nothing either way.
 * Tools that send neither are not browsers carrying our cookie.
 */
export function isSameOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin' || site === 'none';
  const origin = request.headers.origin;
  if (typeof origin !== 'string' || origin === 'null') return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
