import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The web app's two cookies. The session cookie holds only a random session id (src/web/session/
 * sessionStore.ts keeps what it stands for), httpOnly and SameSite=Strict. Over HTTPS (directly, or
 * behind a proxy trusted with LEDGER_TRUST_PROXY) it is `Secure` and `__Host-`-prefixed, which
 * browsers accept only from a secure origin, for Path=/ and without Domain: no sibling subdomain or
 * plain-HTTP page can set or overwrite it. Over plain HTTP (the demo on localhost, a LAN) neither is
 * possible, so it is `tl_session` without Secure; see docs/web-security.md.
 */
export const SESSION_COOKIE = 'tl_session';
export const SECURE_SESSION_COOKIE = '__Host-tl_session';
export const LANG_COOKIE = 'tl_lang';

const LANG_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/** Whether the browser reached us over HTTPS (X-Forwarded-Proto counts only from a trusted proxy). */
export function isSecureRequest(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

/** The session cookie's name for this request: only the `__Host-` one is read over HTTPS, so a cookie planted over plain HTTP is ignored. */
export function sessionCookieName(request: FastifyRequest): string {
  return isSecureRequest(request) ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

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
  if (isSecureRequest(request)) parts.push('Secure');
  return parts.join('; ');
}

function appendCookie(reply: FastifyReply, value: string): void {
  const existing = reply.getHeader('set-cookie');
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing.map(String) : [String(existing)];
  reply.header('set-cookie', [...list, value]);
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, sessionId: string, maxAgeSeconds: number): void {
  appendCookie(reply, cookie(request, sessionCookieName(request), sessionId, maxAgeSeconds, true));
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  appendCookie(reply, cookie(request, sessionCookieName(request), '', 0, true));
}

export function setLangCookie(request: FastifyRequest, reply: FastifyReply, lang: string): void {
  appendCookie(reply, cookie(request, LANG_COOKIE, lang, LANG_MAX_AGE_SECONDS, false));
}
