import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLedger, type TestLedger } from './support/testLedger.ts';
import { logReadsDuring as countReads } from '../support/logReadsDuring.ts';

const lg = (lgId: string) => ({ type: 'LocalGovernmentRegistered', data: { lgId, name: `Municipalidad Distrital ${lgId}`, level: 'district', province: 'Chumbivilcas', department: 'Cusco' } });

describe('HTTP caching and compression of reads', () => {
  let ledger: TestLedger;
  const get = (url: string, headers: Record<string, string> = {}) => ledger.app.inject({ method: 'GET', url, headers });
  beforeAll(async () => {
    ledger = await startTestLedger();
    for (let i = 0; i < 30; i++) expect((await ledger.post(lg(String(80700 + i).padStart(6, '0')))).statusCode).toBe(201);
  });
  afterAll(async () => ledger.close());

  it('given a read, when it is asked again with its ETag, then the answer is a 304 without a body until the log moves on', async () => {
    const first = await get('/api/local-governments');
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toMatch(/^"30-[\w-]+-identity"$/);
    expect(first.headers['cache-control']).toBe('public, no-cache');
    const again = await get('/api/local-governments', { 'if-none-match': String(first.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect((await get('/api/budget', { 'if-none-match': String(first.headers.etag) })).statusCode).toBe(200); // another query, another tag

    expect((await ledger.post(lg('080799'))).statusCode).toBe(201);
    const moved = await get('/api/local-governments', { 'if-none-match': String(first.headers.etag) });
    expect(moved.statusCode).toBe(200);
    expect(moved.headers.etag).not.toBe(first.headers.etag);
  });

  it('given a read pinned by atPosition at or before the head, then it is immutable and keeps its ETag as the log grows', async () => {
    const pinned = await get('/api/local-governments?atPosition=10');
    expect(pinned.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await ledger.post(lg('080798'))).statusCode).toBe(201);
    expect((await get('/api/local-governments?atPosition=10', { 'if-none-match': String(pinned.headers.etag) })).statusCode).toBe(304);
    // Past the head, the answer will change when the log reaches it: not immutable.
    expect((await get('/api/local-governments?atPosition=999')).headers['cache-control']).toBe('public, no-cache');
  });

  const logReadsDuring = (run: () => Promise<unknown>) => countReads(ledger.store, run);

  it('given a conditional read that matches, then the handler does not run: the log is not read', async () => {
    const first = await get('/api/events?limit=20');
    const reads = await logReadsDuring(async () => {
      expect((await get('/api/events?limit=20', { 'if-none-match': String(first.headers.etag) })).statusCode).toBe(304);
    });
    expect(reads).toBe(0);
  });

  it('given an error, then it carries no ETag and is not stored', async () => {
    const missing = await get('/api/local-governments/999999');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers.etag).toBeUndefined();
    expect(missing.headers['cache-control']).toBe('no-store');
  });

  it('given a client that accepts brotli or gzip, then JSON and HTML are compressed, and each encoding has its own ETag', async () => {
    const plain = await get('/api/events?limit=30');
    const br = await get('/api/events?limit=30', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toContain('accept-encoding');
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString('utf8'))).toEqual(plain.json());
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(br.headers.etag).not.toBe(plain.headers.etag);

    const gzip = await get('/', { 'accept-encoding': 'gzip' });
    expect(gzip.statusCode).toBe(200);
    expect(gzip.headers['content-type']).toMatch(/text\/html/);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString('utf8')).toContain('</html>');
  });

  it('given a read model answered once, when it is asked again at the same head in the same encoding, then the same bytes are sent without reading the log', async () => {
    for (const url of ['/api/local-governments', '/api/budget', '/api/local-governments/080705', '/api/local-governments/080705?asOf=2030-01-01']) {
      const first = await get(url, { 'accept-encoding': 'br' });
      expect(first.statusCode).toBe(200);
      let again: Awaited<ReturnType<typeof get>> | undefined;
      expect(await logReadsDuring(async () => (again = await get(url, { 'accept-encoding': 'br' })))).toBe(0);
      expect(again!.statusCode).toBe(200);
      expect(again!.headers.etag).toBe(first.headers.etag);
      expect(again!.headers['content-type']).toBe(first.headers['content-type']);
      expect(again!.headers['content-encoding']).toBe(first.headers['content-encoding']);
      expect(again!.rawPayload.equals(first.rawPayload)).toBe(true);
    }
  });

  it('given eight readers asking at once for a read model not answered at this head, then it is computed once and all are sent the same bytes', async () => {
    expect((await ledger.post(lg('080794'))).statusCode).toBe(201);
    await get('/api/events?limit=1'); // the live view caught up with the new head
    let answers: Awaited<ReturnType<typeof get>>[] = [];
    const reads = await logReadsDuring(async () => {
      answers = await Promise.all(Array.from({ length: 8 }, () => get('/api/local-governments', { 'accept-encoding': 'br' })));
    });
    expect(reads).toBe(1);
    expect(answers.every((a) => a.statusCode === 200 && a.headers.etag === answers[0]!.headers.etag && a.rawPayload.equals(answers[0]!.rawPayload))).toBe(true);
    const ids = (JSON.parse(brotliDecompressSync(answers[0]!.rawPayload).toString('utf8')) as { localGovernments: { lgId: string }[] }).localGovernments.map((l) => l.lgId);
    expect(ids).toContain('080794');
  });

  it('given readers asking at once for a read that fails, then each gets its own problem, none waits for ever and nothing is kept', async () => {
    const missing = await Promise.all(Array.from({ length: 4 }, () => get('/api/local-governments/999998', { 'accept-encoding': 'br' })));
    for (const m of missing) {
      expect(m.statusCode).toBe(404);
      expect(m.headers.etag).toBeUndefined();
      expect(m.headers['content-type']).toMatch(/problem\+json/);
    }
  });

  it('given a read model cached in one encoding, when clients ask for others, then each gets the same document, labelled with the encoding it is in', async () => {
    const url = '/api/local-governments';
    const br = await get(url, { 'accept-encoding': 'br' });
    const gzip = await get(url, { 'accept-encoding': 'gzip' });
    const identity = await get(url, { 'accept-encoding': 'identity' });
    const brAgain = await get(url, { 'accept-encoding': 'gzip;q=0.5, br' });
    expect([br, gzip, identity, brAgain].map((r) => r.headers['content-encoding'])).toEqual(['br', 'gzip', undefined, 'br']);
    expect(new Set([br, gzip, identity].map((r) => r.headers.etag)).size).toBe(3);
    expect(brAgain.headers.etag).toBe(br.headers.etag);
    for (const r of [br, gzip, identity, brAgain]) {
      expect(r.headers.vary).toContain('accept-encoding');
      expect(Number(r.headers['content-length'])).toBe(r.rawPayload.length);
    }
    const document = identity.json();
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString('utf8'))).toEqual(document);
    expect(JSON.parse(gunzipSync(gzip.rawPayload).toString('utf8'))).toEqual(document);
    expect(JSON.parse(brotliDecompressSync(brAgain.rawPayload).toString('utf8'))).toEqual(document);
  });

  it('given a cached read model, when the log moves on, then the next answer is the new one', async () => {
    const before = await get('/api/local-governments', { 'accept-encoding': 'br' });
    expect((await ledger.post(lg('080797'))).statusCode).toBe(201);
    const after = await get('/api/local-governments', { 'accept-encoding': 'br' });
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const ids = (r: typeof after) => (JSON.parse(brotliDecompressSync(r.rawPayload).toString('utf8')) as { localGovernments: { lgId: string }[] }).localGovernments.map((l) => l.lgId);
    expect(ids(before)).not.toContain('080797');
    expect(ids(after)).toContain('080797');
  });

  it('given a pinned read cached, when it is asked again after the log grew, then it is the same answer, still immutable', async () => {
    const first = await get('/api/local-governments/080701?atPosition=5', { 'accept-encoding': 'gzip' });
    expect((await ledger.post(lg('080796'))).statusCode).toBe(201);
    const again = await get('/api/local-governments/080701?atPosition=5', { 'accept-encoding': 'gzip' });
    expect(again.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.rawPayload.equals(first.rawPayload)).toBe(true);
  });

  it('given a local government page rendered for an anonymous reader, when another asks for it at the same head, then it is the same HTML without reading the log, until the log moves on', async () => {
    const url = '/gobiernos-locales/080703';
    const first = await get(url);
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('no-store');
    let again: Awaited<ReturnType<typeof get>> | undefined;
    expect(await logReadsDuring(async () => (again = await get(url)))).toBe(0);
    expect(again!.body).toBe(first.body);
    expect(again!.headers['content-type']).toBe(first.headers['content-type']);
    // Another language is another page.
    const english = await get(`${url}?lang=en`);
    expect(english.body).not.toBe(first.body);
    expect(english.body).toContain('<html lang="en"');

    expect((await ledger.post(lg('080795'))).statusCode).toBe(201);
    const moved = await get(url);
    expect(moved.body).not.toBe(first.body); // the head it shows (the position slider's far end) has moved
    expect(moved.body).toContain(`max="${await ledger.store.headPosition()}"`);
  });
});

