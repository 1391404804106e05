import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/buildApp.ts';
import { ADMIN_TOKEN, startTestLedger, type TestLedger } from './support/testLedger.ts';
import { logReadsDuring as countReads } from '../support/logReadsDuring.ts';

const lg = (lgId: string) => ({ type: 'LocalGovernmentRegistered', data: { lgId, name: `Municipalidad Distrital ${lgId}`, level: 'district', province: 'Chumbivilcas', department: 'Cusco' } });

/**
 * A local government's page for anonymous readers is kept per head, language and URL, in the
 * encodings readers asked for (src/http/caching/keptPages.ts, src/web/webRoutes.ts).
 */
describe('pages kept for anonymous readers', () => {
  let ledger: TestLedger;
  const get = (url: string, headers: Record<string, string> = {}, cookies?: Record<string, string>) => ledger.app.inject({ method: 'GET', url, headers, cookies });
  beforeAll(async () => {
    ledger = await startTestLedger();
    for (let i = 0; i < 12; i++) expect((await ledger.post(lg(String(80600 + i).padStart(6, '0')))).statusCode).toBe(201);
    // The live view built once (its first build reads the log more than once).
    expect((await get('/gobiernos-locales/080600')).statusCode).toBe(200);
  });
  afterAll(async () => ledger.close());

  const logReadsDuring = (run: () => Promise<unknown>) => countReads(ledger.store, run);

  it('given eight anonymous readers asking at once for a page not rendered at this head, then it is rendered once and all get the same page', async () => {
    let pages: Awaited<ReturnType<typeof get>>[] = [];
    const reads = await logReadsDuring(async () => {
      pages = await Promise.all(Array.from({ length: 8 }, () => get('/gobiernos-locales/080601', { 'accept-encoding': 'br' })));
    });
    expect(reads).toBe(1);
    expect(pages.every((p) => p.statusCode === 200 && p.rawPayload.equals(pages[0]!.rawPayload))).toBe(true);
    expect(brotliDecompressSync(pages[0]!.rawPayload).toString('utf8')).toContain('Municipalidad Distrital 080601');
  });

  it('given a page kept in brotli and in gzip, then each is sent whole with its length and decompresses to what a fresh server renders for the same head and language', async () => {
    const fresh = await buildApp({ store: ledger.store, storeName: 'sqlite', record: ledger.record, credentials: [{ name: 'admin', role: 'registrar', token: ADMIN_TOKEN }] });
    try {
      for (const url of ['/gobiernos-locales/080602', '/gobiernos-locales/080602?lang=en']) {
        const rendered = (await fresh.inject({ method: 'GET', url })).body;
        for (const encoding of ['br', 'gzip']) {
          const first = await get(url, { 'accept-encoding': encoding });
          const kept = await get(url, { 'accept-encoding': encoding });
          for (const page of [first, kept]) {
            expect(page.headers['content-encoding']).toBe(encoding);
            expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
            expect(page.headers['cache-control']).toBe('no-store');
            expect(page.headers.vary).toContain('accept-encoding');
            expect(Number(page.headers['content-length'])).toBe(page.rawPayload.length);
            expect((encoding === 'br' ? brotliDecompressSync(page.rawPayload) : gunzipSync(page.rawPayload)).toString('utf8')).toBe(rendered);
          }
        }
        expect((await get(url)).body).toBe(rendered);
      }
    } finally {
      await fresh.close();
    }
  });

  it('given a signed-in reader, then the page is rendered for them (their name, the form), and the kept anonymous page is unchanged by it', async () => {
    const url = '/gobiernos-locales/080603';
    const anonymous = await get(url, { 'accept-encoding': 'gzip' });
    const signIn = await ledger.app.inject({
      method: 'POST', url: '/ingresar',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      payload: new URLSearchParams({ token: ADMIN_TOKEN, returnTo: url }).toString(),
    });
    expect(signIn.statusCode).toBe(303);
    const session = Object.fromEntries(signIn.cookies.map((c) => [c.name, c.value]));
    const signedIn = await get(url, { 'accept-encoding': 'gzip' }, session);
    const page = gunzipSync(signedIn.rawPayload).toString('utf8');
    expect(page).toContain('data-testid="signed-in-as"');
    expect(page).toContain('data-testid="open-form"');
    const again = await get(url, { 'accept-encoding': 'gzip' });
    expect(again.rawPayload.equals(anonymous.rawPayload)).toBe(true);
    expect(gunzipSync(again.rawPayload).toString('utf8')).not.toContain('signed-in-as');
  });

  it('given a kept page, when the log moves on, then the next reader gets the page of the new head', async () => {
    const url = '/gobiernos-locales/080604';
    const before = await get(url, { 'accept-encoding': 'br' });
    expect((await ledger.post(lg('080699'))).statusCode).toBe(201);
    const after = await get(url, { 'accept-encoding': 'br' });
    expect(brotliDecompressSync(after.rawPayload).toString('utf8')).toContain(`max="${await ledger.store.headPosition()}"`);
    expect(after.rawPayload.equals(before.rawPayload)).toBe(false);
  });

  it('given a local government that does not exist, then anonymous readers get the not-found page each time, never kept as a page', async () => {
    for (let i = 0; i < 2; i++) {
      const missing = await get('/gobiernos-locales/999999', { 'accept-encoding': 'br' });
      expect(missing.statusCode).toBe(404);
      expect(brotliDecompressSync(missing.rawPayload).toString('utf8')).toContain('data-code="NOT_FOUND"');
    }
  });
});
