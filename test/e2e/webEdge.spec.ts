import { request as httpRequest } from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PROBLEMS } from '../../src/http/problems.ts';
import { ADMIN_TOKEN, startTestLedger, type TestLedger } from './support/testLedger.ts';

const lg = { type: 'LocalGovernmentRegistered', data: { lgId: '080701', name: 'Municipalidad 080701', level: 'district', province: 'P', department: 'D' } };

/** A raw GET over a real socket: the path goes out byte for byte, `..` segments included (fetch would normalize them). */
function rawGet(port: number, path: string): Promise<{ status: number; contentType: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, contentType: String(res.headers['content-type'] ?? '') }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the HTTP edge: unknown paths under /docs and /static', () => {
  let ledger: TestLedger;
  let port: number;
  beforeAll(async () => {
    ledger = await startTestLedger();
    await ledger.app.listen({ host: '127.0.0.1', port: 0 });
    port = (ledger.app.server.address() as { port: number }).port;
  });
  afterAll(async () => ledger?.close());

  it.each(['/docs/static/../..', '/docs/static/..', '/docs/static/../../package.json', '/docs/static/%2e%2e/%2e%2e', '/docs/static/no-such-file.js', '/static/../..', '/static/../package.json', '/static/no-such-file.css'])(
    'given GET %s over a real socket, then 404 NOT_FOUND, never a 500',
    async (path) => {
      const response = await rawGet(port, path);
      expect(response.status).toBe(404);
    },
  );

  it('given /docs itself, then Swagger UI is still served', async () => {
    expect((await rawGet(port, '/docs/')).status).toBe(200);
  });
});

describe('sign-in returnTo: only a path of this site, anything else goes home', () => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await startTestLedger();
  });
  afterAll(async () => ledger?.close());

  const signIn = (returnTo: string) =>
    ledger.app.inject({
      method: 'POST',
      url: '/ingresar',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      payload: new URLSearchParams({ token: ADMIN_TOKEN, returnTo }).toString(),
    });

  it.each([
    ['a tab before a second slash (browsers drop it: //evil.example)', '/\t/evil.example'],
    ['a newline before a second slash', '/\n/evil.example'],
    ['CR/LF and a header', '/\r\nSet-Cookie: planted=1'],
    ['a non-Latin-1 character', '/transiciones/ñandú—1'],
    ['a Latin-1 character', '/transiciones/é'],
    ['a protocol-relative URL', '//evil.example/'],
    ['a backslash', '/\\evil.example'],
    ['an absolute URL', 'https://evil.example/'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a relative path', 'transiciones/tr-1'],
    ['a space', '/a b'],
  ])('given %s, when signing in, then it redirects to /', async (_case, returnTo) => {
    const response = await signIn(returnTo);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/');
  });

  it('given the sign-in page with returnTo=/%09/evil.example, then its form carries / instead', async () => {
    const page = await ledger.app.inject({ url: '/ingresar?returnTo=/%09/evil.example' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="returnTo" value="/"');
  });

  it.each(['/transiciones/tr-1?asOf=2019-01-02&lang=en#notice', '/auditoria?type=PlanAdopted', '/gobiernos-locales/080707%20x'])(
    'given the same-site path %s, when signing in, then it returns there',
    async (returnTo) => {
      const response = await signIn(returnTo);
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe(returnTo);
    },
  );
});

describe('pages when the store is unavailable: 503 with Retry-After, like the API', () => {
  let ledger: TestLedger;
  beforeEach(async () => {
    ledger = await startTestLedger();
    expect((await ledger.post(lg)).statusCode).toBe(201);
    await ledger.store.close();
  });
  afterEach(async () => ledger.close());

  it.each(['/', '/gobiernos-locales/080701', '/transiciones/tr-1', '/auditoria', '/ingresar', '/?lang=en'])(
    'given a closed store, when %s is requested, then an HTML error page with 503, Retry-After and the code STORE_UNAVAILABLE',
    async (url) => {
      const response = await ledger.get(url);
      expect(response.statusCode).toBe(PROBLEMS.STORE_UNAVAILABLE.status);
      expect(response.headers['retry-after']).toMatch(/^\d+$/);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toContain('data-code="STORE_UNAVAILABLE"');
    },
  );

  it('given a closed store, when the API is asked, then it answers 503 with Retry-After too', async () => {
    const response = await ledger.get('/api/local-governments');
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toMatch(/^\d+$/);
  });
});

describe('web error pages take their status from the API’s mapping of codes', () => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await startTestLedger();
    expect((await ledger.post(lg)).statusCode).toBe(201);
  });
  afterAll(async () => ledger?.close());

  it.each([
    ['/gobiernos-locales/999999', 'NOT_FOUND'],
    ['/transiciones/no-such', 'NOT_FOUND'],
    ['/?asOf=2019-02-29', 'VALIDATION_FAILED'],
    ['/auditoria?after=-1', 'VALIDATION_FAILED'],
  ] as const)('given %s, then the page says %s with the status PROBLEMS gives it', async (url, code) => {
    const response = await ledger.get(url);
    expect(response.statusCode).toBe(PROBLEMS[code].status);
    expect(response.body).toContain(`data-code="${code}"`);
  });

  it('given a form body too large, then the page says PAYLOAD_TOO_LARGE with its status', async () => {
    const response = await ledger.app.inject({
      method: 'POST',
      url: '/ingresar',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      payload: `token=${'x'.repeat(70 * 1024)}`,
    });
    expect(response.statusCode).toBe(PROBLEMS.PAYLOAD_TOO_LARGE.status);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('data-code="PAYLOAD_TOO_LARGE"');
  });
});
