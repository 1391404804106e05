import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { KeptPages, type RenderedPage } from '../../../src/http/caching/keptPages.ts';

/** A page of `rows` table rows: large enough to be compressed (over 1 KiB). */
const html = (title: string, rows = 200) => `<!doctype html><title>${title}</title><table>${Array.from({ length: rows }, (_, i) => `<tr><td>${title} ${i}</td></tr>`).join('')}</table>`;

/** A render that counts its calls and resolves when `release` is called (so several readers can wait on it). */
function slowRender(page: RenderedPage) {
  let calls = 0;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  return {
    render: async () => {
      calls++;
      await gate;
      return page;
    },
    release: () => release(),
    calls: () => calls,
  };
}

const decode = (body: Buffer, encoding: string) => (encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body).toString('utf8');

describe('kept pages', () => {
  it('given eight readers missing the same page at once, then it is rendered once and all are sent the same bytes', async () => {
    const pages = new KeptPages(1 << 20);
    const page = slowRender({ html: html('Municipalidad'), status: 200, keep: true });
    const asked = Array.from({ length: 8 }, () => pages.page('7 es /gobiernos-locales/1', 'br', page.render));
    page.release();
    const sent = await Promise.all(asked);
    expect(page.calls()).toBe(1);
    expect(sent.every((s) => s.status === 200 && s.answer.encoding === 'br' && s.answer.body.equals(sent[0]!.answer.body))).toBe(true);
    expect(decode(sent[0]!.answer.body, 'br')).toBe(html('Municipalidad'));
  });

  it('given a page kept in one encoding, when another is asked for, then it is encoded from the kept bytes without rendering again, and each decodes to the page', async () => {
    const pages = new KeptPages(1 << 20);
    let renders = 0;
    const render = async () => (renders++, { html: html('Distrito'), status: 200, keep: true });
    const br = await pages.page('k', 'br', render);
    const gzip = await pages.page('k', 'gzip', render);
    const identity = await pages.page('k', 'identity', render);
    const brAgain = await pages.page('k', 'br', render);
    expect(renders).toBe(1);
    expect([br, gzip, identity].map((s) => s.answer.encoding)).toEqual(['br', 'gzip', 'identity']);
    for (const s of [br, gzip, identity]) expect(decode(s.answer.body, s.answer.encoding)).toBe(html('Distrito'));
    expect(brAgain.answer.body).toBe(br.answer.body); // the very bytes kept, not compressed again
  });

  it('given a render that may not be kept (an error page, or the head moved while it rendered), then it is sent, and the next reader renders again', async () => {
    const pages = new KeptPages(1 << 20);
    let renders = 0;
    const notFound = async () => (renders++, { html: html('No encontrado'), status: 404, keep: true });
    const moved = async () => (renders++, { html: html('Movido'), status: 200, keep: false });
    expect((await pages.page('a', 'gzip', notFound)).status).toBe(404);
    expect((await pages.page('a', 'gzip', notFound)).status).toBe(404);
    expect(decode((await pages.page('b', 'gzip', moved)).answer.body, 'gzip')).toBe(html('Movido'));
    await pages.page('b', 'gzip', moved);
    expect(renders).toBe(4);
    expect(pages.bytes).toBe(0);
  });

  it('given a render that fails, then every reader waiting on it gets the error and the next one renders anew', async () => {
    const pages = new KeptPages(1 << 20);
    let renders = 0;
    const failing = async () => {
      renders++;
      await Promise.resolve();
      throw new Error('store unavailable');
    };
    const asked = [pages.page('k', 'br', failing), pages.page('k', 'br', failing)];
    for (const p of asked) await expect(p).rejects.toThrow('store unavailable');
    expect(renders).toBe(1);
    const ok = await pages.page('k', 'br', async () => ({ html: html('Ok'), status: 200, keep: true }));
    expect(ok.status).toBe(200);
  });

  it('given pages past the byte budget, when one more is kept, then the least recently used go first and the kept bytes stay within the budget', async () => {
    // Incompressible-looking pages of known size: identity is kept as it is.
    const page = (n: number) => async () => ({ html: `${n}`.padEnd(400, 'x'), status: 200, keep: true });
    const pages = new KeptPages(1000);
    for (const key of ['a', 'b']) await pages.page(key, 'identity', page(1));
    await pages.page('a', 'identity', page(1)); // now the most recently used
    await pages.page('c', 'identity', page(1));
    expect(pages.bytes).toBeLessThanOrEqual(1000);
    expect(pages.has('a', 'identity')).toBe(true);
    expect(pages.has('b', 'identity')).toBe(false);
    expect(pages.has('c', 'identity')).toBe(true);
    // A page larger than the whole budget is sent but never kept, and drops nothing.
    const huge = await pages.page('huge', 'identity', async () => ({ html: 'x'.repeat(1001), status: 200, keep: true }));
    expect(huge.answer.body.length).toBe(1001);
    expect(pages.has('huge', 'identity')).toBe(false);
    expect(pages.has('a', 'identity')).toBe(true);
  });
});
