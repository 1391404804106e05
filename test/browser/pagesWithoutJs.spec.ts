import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v4 as uuidv4 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecorder } from '../../src/commandHandling/recordEvents.ts';
import { SqliteEventStore } from '../../src/eventStore/sqliteEventStore.ts';
import { buildApp } from '../../src/http/buildApp.ts';
import { DEFAULT_SECURITY } from '../../src/http/hardening/securityOptions.ts';
import { OPEN_TRANSITION, startWebLedger, type WebLedger, webClient } from './support/webLedger.ts';

/**
 * The pages as a browser without JavaScript gets them, over real HTTP on the seeded demo: what
 * they show, their accessibility basics, and how the forms and sign-in refuse what they must.
 */
describe('the web pages without JavaScript', () => {
  let ledger: WebLedger;
  const { get, postForm, sessionCookie } = webClient(() => ledger);

  beforeAll(async () => {
    ledger = await startWebLedger();
  });
  afterAll(async () => ledger?.close());

  const PAGES = ['/', '/gobiernos-locales/080707', `/transiciones/${OPEN_TRANSITION}`, '/transiciones/tr-080707-2018', '/auditoria', '/ingresar', '/?lang=en'];

  it.each(PAGES)('given %s, then it is a complete HTML page with a language, labelled controls and no inline script', async (url) => {
    const response = await get(url);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    const html = response.body;
    expect(html).toMatch(/^<!doctype html>\s*<html lang="(es|en)">/);
    expect(html).toContain('<main id="main"');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // the CSP allows only same-origin script files
    // Every control has a <label for> or an aria-label.
    const labelled = new Set([...html.matchAll(/<label for="([^"]+)"/g)].map((m) => m[1]));
    for (const control of html.matchAll(/<(input|select|textarea)\b([^>]*)>/g)) {
      const attributes = control[2]!;
      if (/type="hidden"/.test(attributes) || /aria-label="/.test(attributes)) continue;
      const id = /(?<![\w-])id="([^"]+)"/.exec(attributes)?.[1];
      expect(id && labelled.has(id), `${url}: ${control[0]}`).toBe(true);
    }
    // Ids are unique, so every label and aria-describedby points at one element.
    const ids = [...html.matchAll(/(?<![\w-])id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBe(new Set(ids).size);
  });

  it('given the overview, then the demo total and the sector table are in the HTML itself', async () => {
    const html = (await get('/')).body;
    expect(html).toContain('S/ 166 000 000,00');
    expect(html).toContain('en 32 proyectos');
    expect(html).toMatch(/<table class="data-table" id="sector-table">/);
  });

  it('given Quiñota as of 2018-12-31 and 2019-01-02, then the page names the outgoing and then the incoming mayor', async () => {
    expect((await get('/gobiernos-locales/080707?asOf=2018-12-31')).body).toMatch(/data-testid="current-authority"><strong>Eusebio Chalco Ancco/);
    expect((await get('/gobiernos-locales/080707?asOf=2019-01-02')).body).toMatch(/data-testid="current-authority"><strong>Lucía Ttito Huamán/);
  });

  it('given an impossible date or an unknown local government, then an HTML page says so with 400 or 404', async () => {
    const bad = await get('/gobiernos-locales/080707?asOf=2019-02-29');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('asOf');
    const missing = await get('/gobiernos-locales/999999');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^text\/html/);
  });

  it('given a form post without a session, then nothing is recorded and the dossier asks to sign in', async () => {
    const head = await ledger.store.headPosition();
    const response = await postForm(`/transiciones/${OPEN_TRANSITION}/partidas`, { itemId: 'x-1', category: 'document', description: 'Algo', recordedOn: '2022-11-20' });
    expect(response.statusCode).toBe(401);
    expect(response.body).toContain('Ingrese de nuevo con su token');
    expect(await ledger.store.headPosition()).toBe(head);
  });

  it('given a form posted from another site, then it is refused even with a valid session', async () => {
    const cookie = await sessionCookie(ledger.commissionToken);
    const head = await ledger.store.headPosition();
    const response = await postForm(
      `/transiciones/${OPEN_TRANSITION}/partidas`,
      { itemId: 'x-2', category: 'document', description: 'Algo', recordedOn: '2022-11-20' },
      { cookie, 'sec-fetch-site': 'cross-site' },
    );
    expect(response.statusCode).toBe(403);
    expect(await ledger.store.headPosition()).toBe(head);
  });

  it('given a commission token, when it writes outside its transition through a form, then the ledger’s scope check refuses it', async () => {
    const cookie = await sessionCookie(ledger.commissionToken);
    const response = await postForm('/transiciones/tr-080701-2018/observaciones', { observationId: 'o-x', text: 'Fuera de alcance', raisedOn: '2022-11-20' }, { cookie });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('FORBIDDEN');
  });

  it('given a signed-in member, when they raise, resolve and sign through the forms, then the act refuses open observations and then closes the dossier', async () => {
    const headers = { cookie: await sessionCookie(ledger.commissionToken), 'sec-fetch-site': 'same-origin' };
    const today = new Date().toISOString().slice(0, 10);
    const base = `/transiciones/${OPEN_TRANSITION}`;
    const raised = await postForm(`${base}/observaciones`, { observationId: 'obs-web-1', itemId: '', text: 'Falta el inventario de maquinaria', raisedOn: '2022-11-20' }, headers);
    expect(raised.statusCode).toBe(303);
    expect(raised.headers.location).toMatch(new RegExp(`^${base}\\?registrado=observation&posicion=\\d+#notice$`));

    const early = await postForm(`${base}/acta`, { signatories: 'Lucía Ttito Huamán\nMarco Quispe Ccori', signedOn: '2022-12-20' }, headers);
    expect(early.statusCode).toBe(422);
    expect(early.body).toContain('OBSERVATIONS_OPEN');

    expect((await postForm(`${base}/absoluciones`, { observationId: 'obs-web-1', resolution: 'Se entregó el inventario', resolvedOn: '2022-11-25' }, headers)).statusCode).toBe(303);
    expect((await postForm(`${base}/acta`, { signatories: 'Lucía Ttito Huamán\nMarco Quispe Ccori', signedOn: today }, headers)).statusCode).toBe(303);

    const dossier = (await get(base, { cookie: headers.cookie })).body;
    expect(dossier).toContain('data-testid="transition-status">acta firmada');
    expect(dossier).toContain('Se entregó el inventario');
    expect(dossier).not.toContain('id="item-form"');
    const act = await ledger.app.inject({ method: 'GET', url: `/api/transitions/${OPEN_TRANSITION}` });
    expect(act.json().act).toEqual({ signatories: ['Lucía Ttito Huamán', 'Marco Quispe Ccori'], signedOn: today });
  });

  it('given a wrong token, then sign-in fails with 401 and sets no cookie; a right one sets an httpOnly SameSite=Strict cookie holding a session id, not the token', async () => {
    const wrong = await postForm('/ingresar', { token: 'not-a-token', returnTo: '/' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const right = await postForm('/ingresar', { token: ledger.commissionToken, returnTo: '//evil.example/' });
    expect(right.statusCode).toBe(303);
    expect(right.headers.location).toBe('/');
    expect(String(right.headers['set-cookie'])).toMatch(/^tl_session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=43200; SameSite=Strict; HttpOnly$/);
    expect(String(right.headers['set-cookie'])).not.toContain(ledger.commissionToken);
  });

  it('given the static assets, then they are served compressed and cacheable for a year', async () => {
    const html = (await get('/')).body;
    const chartUrl = /src="(\/static\/chart\.umd\.js\?v=[0-9a-f]+)"/.exec(html)?.[1];
    expect(chartUrl).toBeDefined();
    const chart = await get(chartUrl!, { 'accept-encoding': 'br, gzip' });
    expect(chart.statusCode).toBe(200);
    expect(chart.headers['content-encoding']).toBe('br');
    expect(chart.headers['cache-control']).toContain('immutable');
    expect(chart.rawPayload.length).toBeLessThan(80_000);
  });

  it('given the API description, then the pages are not in it', async () => {
    const paths = Object.keys((await get('/openapi.json')).json().paths);
    expect(paths).toContain('/api/events');
    // C2SP's own paths (/checkpoint; tiles are left out of the document) are API, not pages.
    expect(paths.filter((p) => !p.startsWith('/api/') && p !== '/checkpoint')).toEqual([]);
  });

  it('given the log download, then it has one JSON line per stored event, hashes included', async () => {
    const response = await get('/auditoria/registro.jsonl');
    const lines = response.body.trim().split('\n').map((l) => JSON.parse(l));
    expect(String(lines.length)).toBe(String(await ledger.store.headPosition()));
    expect(lines[0]).toHaveProperty('hash');
  });
});

describe('the web pages when reads are not public', () => {
  it('given LEDGER_PUBLIC_READS=false, when nobody is signed in, then every page redirects to sign-in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-web-private-'));
    const store = SqliteEventStore.open(join(dir, 'ledger.sqlite'));
    const record = createRecorder({ store, now: () => new Date(), newId: uuidv4 });
    const app = await buildApp({
      store, storeName: 'sqlite', record, credentials: [{ name: 'admin', role: 'registrar', token: 'private-admin-token-0123456789' }],
      security: { ...DEFAULT_SECURITY, publicReads: false },
    });
    try {
      const page = await app.inject({ method: 'GET', url: '/auditoria' });
      expect(page.statusCode).toBe(303);
      expect(page.headers.location).toBe('/ingresar?returnTo=%2Fauditoria');
      expect((await app.inject({ method: 'GET', url: '/ingresar' })).statusCode).toBe(200);
      const signIn = await app.inject({
        method: 'POST', url: '/ingresar', payload: 'token=private-admin-token-0123456789&returnTo=%2Fauditoria',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      });
      expect(signIn.statusCode).toBe(303);
      expect(signIn.headers.location).toBe('/auditoria');
      const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
      const signedIn = await app.inject({ method: 'GET', url: '/auditoria', headers: { cookie } });
      expect(signedIn.statusCode).toBe(200);
    } finally {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
