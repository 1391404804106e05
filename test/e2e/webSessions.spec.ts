import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { v4 as uuidv4 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccessRegistry } from '../../src/access/accessRegistry.ts';
import { createRecorder } from '../../src/commandHandling/recordEvents.ts';
import type { TrustProxy } from '../../src/config.ts';
import { SqliteEventStore } from '../../src/eventStore/sqliteEventStore.ts';
import { buildApp } from '../../src/http/buildApp.ts';

const ADMIN_TOKEN = 'session-admin-token-0123456789';
const HOUR = 60 * 60 * 1000;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' };

/** A ledger on a real SQLite file, with its web sessions in a file of the same directory and a clock the test moves. */
class SessionLedger {
  app!: FastifyInstance;
  store!: SqliteEventStore;
  clock = Date.parse('2026-03-02T08:00:00Z');
  readonly dir = mkdtempSync(join(tmpdir(), 'ledger-sessions-'));
  readonly sessionsFile = join(this.dir, 'web-sessions.sqlite');

  async start(options: { trustProxy?: TrustProxy } = {}): Promise<this> {
    this.store = SqliteEventStore.open(join(this.dir, 'ledger.sqlite'));
    const record = createRecorder({ store: this.store, now: () => new Date(), newId: uuidv4 });
    this.app = await buildApp({
      store: this.store, storeName: 'sqlite', record,
      credentials: [{ name: 'admin', role: 'registrar', token: ADMIN_TOKEN }],
      trustProxy: options.trustProxy,
      webSessions: { file: this.sessionsFile, now: () => this.clock },
    });
    return this;
  }

  async restart(options: { trustProxy?: TrustProxy } = {}): Promise<void> {
    await this.app.close();
    await this.store.close();
    await this.start(options);
  }

  inject(options: InjectOptions) {
    return this.app.inject(options);
  }

  /** Signs in through the form; returns the Set-Cookie line and the `name=value` to send back. */
  async signIn(token = ADMIN_TOKEN, headers: Record<string, string> = SAME_ORIGIN, extra: Partial<InjectOptions> = {}) {
    const response = await this.inject({ method: 'POST', url: '/ingresar', headers: { ...FORM, ...headers }, payload: new URLSearchParams({ token, returnTo: '/' }).toString(), ...extra });
    expect(response.statusCode).toBe(303);
    const setCookie = String(response.headers['set-cookie']);
    return { setCookie, cookie: setCookie.split(';')[0]! };
  }

  /** The actor a page shows as signed in, or null. */
  async signedInAs(cookie: string, extra: Partial<InjectOptions> = {}): Promise<string | null> {
    const page = await this.inject({ method: 'GET', url: '/ingresar', headers: { cookie }, ...extra });
    expect(page.statusCode).toBe(200);
    return /data-testid="signed-in-as">([^<]*)</.exec(page.body)?.[1] ?? null;
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.store.close().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

describe('web sessions: the cookie carries a random id, the server keeps the session', () => {
  let ledger: SessionLedger;
  beforeEach(async () => {
    ledger = await new SessionLedger().start();
  });
  afterEach(async () => ledger.close());

  it('given a sign-in over plain HTTP, then the cookie is tl_session with a random 256-bit id, never the token, httpOnly, SameSite=Strict, without Secure', async () => {
    const { setCookie, cookie } = await ledger.signIn();
    expect(setCookie).toMatch(/^tl_session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=43200; SameSite=Strict; HttpOnly$/);
    expect(setCookie).not.toContain(ADMIN_TOKEN);
    expect(await ledger.signedInAs(cookie)).toContain('admin');
    const again = await ledger.signIn();
    expect(again.cookie).not.toBe(cookie);
  });

  it('given a cookie that holds the token itself (what the old cookie held), then nobody is signed in', async () => {
    expect(await ledger.signedInAs(`tl_session=${ADMIN_TOKEN}`)).toBeNull();
  });

  it('given a signed-in browser, when it signs out, then the old cookie no longer signs anyone in', async () => {
    const { cookie } = await ledger.signIn();
    const out = await ledger.inject({ method: 'POST', url: '/salir', headers: { cookie, ...SAME_ORIGIN } });
    expect(out.statusCode).toBe(303);
    expect(String(out.headers['set-cookie'])).toMatch(/^tl_session=; Path=\/; Max-Age=0/);
    // Someone who copied the cookie before sign-out replays it:
    expect(await ledger.signedInAs(cookie)).toBeNull();
  });

  it('given the files of the data directory, then none holds the token or the session id', async () => {
    const { cookie } = await ledger.signIn();
    const id = cookie.split('=')[1]!;
    await ledger.restart(); // closes the sessions database, so everything is in its file
    for (const name of readdirSync(ledger.dir)) {
      const bytes = readFileSync(join(ledger.dir, name));
      expect(bytes.includes(ADMIN_TOKEN), name).toBe(false);
      expect(bytes.includes(id), name).toBe(false);
    }
  });

  it('given a signed-in browser, when the server restarts, then the session is still valid', async () => {
    const { cookie } = await ledger.signIn();
    await ledger.restart();
    expect(await ledger.signedInAs(cookie)).toContain('admin');
  });

  it('given a session left idle for 8 hours, then it is over', async () => {
    const { cookie } = await ledger.signIn();
    ledger.clock += 8 * HOUR;
    expect(await ledger.signedInAs(cookie)).toBeNull();
  });

  it('given a session used 5 hours after sign-in, then 10 hours after sign-in it is still live (idle time counts from the last use)', async () => {
    const { cookie } = await ledger.signIn();
    ledger.clock += 5 * HOUR;
    expect(await ledger.signedInAs(cookie)).toContain('admin');
    ledger.clock += 5 * HOUR;
    expect(await ledger.signedInAs(cookie)).toContain('admin');
  });

  it('given a session used every hour, then it still ends 12 hours after sign-in', async () => {
    const { cookie } = await ledger.signIn();
    for (let h = 1; h < 12; h++) {
      ledger.clock += HOUR;
      expect(await ledger.signedInAs(cookie), `after ${h} h`).toContain('admin');
    }
    ledger.clock += HOUR;
    expect(await ledger.signedInAs(cookie)).toBeNull();
  });

  it('given a commission token whose grant is revoked, then its web session ends with it', async () => {
    const registry = new AccessRegistry(ledger.store);
    const { grant, token } = await registry.grant({ name: 'comision-x', role: 'commission', scope: { lgId: '080707', transitionIds: ['tr-080707-x'] } }, { actor: 'test', now: () => new Date() });
    const { cookie } = await ledger.signIn(token);
    expect(await ledger.signedInAs(cookie)).toContain('comision-x');
    await registry.revoke(grant.tokenId, { actor: 'test', now: () => new Date() });
    expect(await ledger.signedInAs(cookie)).toBeNull();
  });
});

describe('web sessions over HTTPS: __Host- and Secure, behind a trusted proxy too', () => {
  let ledger: SessionLedger;
  afterEach(async () => ledger.close());
  const viaProxy = { remoteAddress: '10.0.0.5' };
  const https = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'ledger.example.pe', host: 'internal:3000' };

  it('given LEDGER_TRUST_PROXY naming the proxy, when the proxy says https, then the cookie is __Host-tl_session, Secure, Path=/, without Domain', async () => {
    ledger = await new SessionLedger().start({ trustProxy: ['10.0.0.0/8'] });
    const { setCookie, cookie } = await ledger.signIn(ADMIN_TOKEN, { ...https, ...SAME_ORIGIN }, viaProxy);
    expect(setCookie).toMatch(/^__Host-tl_session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=43200; SameSite=Strict; HttpOnly; Secure$/);
    expect(setCookie).not.toMatch(/Domain=/i);
    expect(await ledger.signedInAs(cookie, { headers: { cookie, ...https }, ...viaProxy })).toContain('admin');
  });

  it('given HTTPS, when a plain tl_session cookie is sent (one a plain-HTTP page could plant), then it is ignored', async () => {
    ledger = await new SessionLedger().start({ trustProxy: ['10.0.0.0/8'] });
    const plain = await ledger.signIn(ADMIN_TOKEN, SAME_ORIGIN, viaProxy);
    expect(plain.cookie).toMatch(/^tl_session=/);
    expect(await ledger.signedInAs(plain.cookie, { headers: { cookie: plain.cookie, ...https }, ...viaProxy })).toBeNull();
  });

  it('given no trusted proxy, when a client claims https in X-Forwarded-Proto, then the claim is ignored: tl_session without Secure', async () => {
    ledger = await new SessionLedger().start();
    const { setCookie } = await ledger.signIn(ADMIN_TOKEN, { ...https, ...SAME_ORIGIN }, viaProxy);
    expect(setCookie).toMatch(/^tl_session=/);
    expect(setCookie).not.toContain('Secure');
  });

  it('given a proxy that is not the trusted one, when it says https, then the claim is ignored', async () => {
    ledger = await new SessionLedger().start({ trustProxy: ['127.0.0.1'] });
    const { setCookie } = await ledger.signIn(ADMIN_TOKEN, { ...https, ...SAME_ORIGIN }, viaProxy);
    expect(setCookie).toMatch(/^tl_session=/);
  });
});

describe('every state-changing web request must come from a page of this site', () => {
  let ledger: SessionLedger;
  beforeEach(async () => {
    ledger = await new SessionLedger().start();
  });
  afterEach(async () => ledger.close());

  const OWN = 'http://ledger.local';
  const refusals: [string, Record<string, string>][] = [
    ['Origin: null', { origin: 'null' }],
    ['neither Origin nor Sec-Fetch-Site', {}],
    ['another Origin', { origin: 'https://evil.example' }],
    ['our host on another scheme', { origin: 'https://ledger.local' }],
    ['our host on another port', { origin: 'http://ledger.local:8080' }],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site (a sibling subdomain)', { 'sec-fetch-site': 'same-site' }],
    ['Sec-Fetch-Site: none', { 'sec-fetch-site': 'none' }],
    ['Sec-Fetch-Site: cross-site with our own Origin', { 'sec-fetch-site': 'cross-site', origin: OWN }],
  ];
  const posts = [
    ['/ingresar', () => new URLSearchParams({ token: ADMIN_TOKEN, returnTo: '/' }).toString()],
    ['/salir', () => ''],
    ['/transiciones/tr-1/partidas', () => 'itemId=x-1&category=document&description=d&recordedOn=2026-03-01'],
  ] as const;

  for (const [url, body] of posts) {
    it.each(refusals)(`given POST ${url} with %s, then a 403 FORBIDDEN page, no session started or ended, nothing recorded`, async (_case, headers) => {
      const { cookie } = await ledger.signIn();
      const head = await ledger.store.headPosition();
      const response = await ledger.inject({ method: 'POST', url, headers: { host: 'ledger.local', cookie, ...FORM, ...headers }, payload: body() });
      expect(response.statusCode).toBe(403);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toContain('data-code="FORBIDDEN"');
      expect(response.headers['set-cookie']).toBeUndefined();
      expect(await ledger.store.headPosition()).toBe(head);
      expect(await ledger.signedInAs(cookie)).toContain('admin');
    });
  }

  it.each([
    ['Sec-Fetch-Site: same-origin', { 'sec-fetch-site': 'same-origin' }],
    ['our own Origin (a browser without Sec-Fetch-Site)', { origin: OWN }],
    ['our own Origin with the default port spelt out', { origin: 'http://ledger.local:80' }],
  ])('given sign-in and sign-out with %s, then both are accepted and sign-out ends the session', async (_case, headers) => {
    const signIn = await ledger.inject({ method: 'POST', url: '/ingresar', headers: { host: 'ledger.local', ...FORM, ...headers }, payload: new URLSearchParams({ token: ADMIN_TOKEN, returnTo: '/' }).toString() });
    expect(signIn.statusCode).toBe(303);
    const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
    expect(await ledger.signedInAs(cookie)).toContain('admin');
    const out = await ledger.inject({ method: 'POST', url: '/salir', headers: { host: 'ledger.local', cookie, ...headers } });
    expect(out.statusCode).toBe(303);
    expect(await ledger.signedInAs(cookie)).toBeNull();
  });
});

describe('the real server behind a proxy configured as trusted', () => {
  it('given serve with LEDGER_TRUST_PROXY=loopback, when the proxy on 127.0.0.1 forwards HTTPS, then the session cookie is __Host- and Secure; without the setting it is not', async () => {
    const { startChildServer, CHILD_ADMIN_TOKEN } = await import('../support/childServer.ts');
    const { createTempDir } = await import('../support/tempDir.ts');
    const signIn = (url: string) =>
      fetch(`${url}/ingresar`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'ledger.example.pe', 'sec-fetch-site': 'same-origin' },
        body: new URLSearchParams({ token: CHILD_ADMIN_TOKEN, returnTo: '/' }).toString(),
      });
    for (const [trust, cookie] of [['loopback', /^__Host-tl_session=[A-Za-z0-9_-]{43};.*; Secure$/], ['', /^tl_session=/]] as const) {
      const tmp = createTempDir('ledger-proxy-');
      const server = await startChildServer(tmp.path, { LEDGER_TRUST_PROXY: trust });
      try {
        const response = await signIn(server.url);
        expect(response.status).toBe(303);
        expect(response.headers.get('set-cookie')).toMatch(cookie);
        if (trust === '') expect(response.headers.get('set-cookie')).not.toContain('Secure');
      } finally {
        server.child.kill('SIGTERM');
        await server.exited;
        tmp.remove();
      }
    }
  }, 60_000);
});
