import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_TRANSITION, startWebLedger, type WebLedger, webClient } from './support/webLedger.ts';

/** Text a person reads: what remains once markup, scripts and styles are gone. */
const textOf = (html: string) => html.replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

/**
 * The pages as a municipal official reads them, in Spanish: wording, order, messages, and the
 * basics Lighthouse and axe check (favicon, description, landmarks with unique names).
 */
describe('the pages, worded for officials', () => {
  let ledger: WebLedger;
  const { get, postForm, sessionCookie } = webClient(() => ledger);
  beforeAll(async () => {
    ledger = await startWebLedger();
  });
  afterAll(async () => ledger?.close());

  const PAGES = ['/', '/gobiernos-locales/080707', '/transiciones/tr-080707-2018', `/transiciones/${OPEN_TRANSITION}`, '/auditoria', '/ingresar'];

  it.each(PAGES)('given %s, then it has a favicon, a meta description and landmarks whose names are unique', async (url) => {
    const html = (await get(url)).body;
    expect(html).toMatch(/<link rel="icon" href="\/static\/favicon\.svg\?v=[0-9a-f]+" type="image\/svg\+xml">/);
    expect(html).toMatch(/<meta name="description" content="[^"]{40,}">/);
    // A section and the scrolling region inside it must not take their name from the same element.
    const named = [...html.matchAll(/<(section|div)\b[^>]*\baria-labelledby="([^"]+)"/g)].filter((m) => m[1] === 'section' || /role="region"/.test(m[0]));
    const labels = named.map((m) => m[2]);
    expect(labels.length, url).toBe(new Set(labels).size);
  });

  it('given the favicon, when it is fetched, then it is an SVG', async () => {
    const html = (await get('/')).body;
    const href = /<link rel="icon" href="([^"]+)"/.exec(html)![1]!;
    const icon = await get(href);
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toMatch(/^image\/svg\+xml/);
  });

  it('given the demo pages, then they speak of handed-over goods and documents, with articles and offices worded as an official would', async () => {
    for (const url of PAGES.slice(0, 4)) {
      const text = textOf((await get(url)).body);
      expect(text, url).not.toMatch(/[Pp]artidas? /);
      expect(text, url).not.toMatch(/\blos prioridades\b|\bpor Ministerio\b|\bpor Programa\b|Presidente de la comisión/);
    }
    const signed = textOf((await get('/transiciones/tr-080707-2018')).body);
    expect(signed).toContain('Bienes y documentos entregados (13)');
    expect(signed).toContain('por el Ministerio de Agricultura y Riego');
    expect(signed).toContain('Presidencia de la comisión saliente');
  });

  it('given the overview and a local government, then sectors are in Spanish alphabetical order and allocations name projects by title', async () => {
    const overview = (await get('/')).body;
    const sectors = [...overview.matchAll(/<tr data-sector="(\w+)"/g)].map((m) => m[1]);
    expect(sectors).toEqual(['agriculture', 'education', 'transportation', 'housing']); // Agricultura, Educación, Transportes, Vivienda
    const lg = (await get('/gobiernos-locales/080707')).body;
    const cells = [...lg.matchAll(/<td data-project-id="([^"]+)">([^<]+)<\/td>/g)];
    expect(cells.length).toBeGreaterThan(0);
    for (const [, id, shown] of cells) expect(shown).not.toBe(id);
    expect((await get('/transiciones/tr-080707-2018')).body).toMatch(/<span class="muted" data-ref="pdlc-080707-2017-2021">Plan de Desarrollo Local Concertado[^<]*<\/span>/);
    expect(cells.map((c) => c[2])).toContain('Mejoramiento del servicio de agua para riego en el distrito de Quiñota, provincia de Chumbivilcas, Cusco');
  });

  it('given a dossier seen at a past date, then its report links (HTML and PDF) show that same moment', async () => {
    const html = (await get('/transiciones/tr-080707-2018?asOf=2018-12-20')).body;
    expect(html).toContain('href="/api/transitions/tr-080707-2018/report?format=pdf&amp;lang=es&amp;asOf=2018-12-20"');
    const pdf = await get('/api/transitions/tr-080707-2018/report?format=pdf&lang=es&asOf=2018-12-20');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
  });

  it('given /auditoria, then outsiders learn how to verify offline: the bundle to download, the published key, the command', async () => {
    const html = (await get('/auditoria')).body;
    const section = /<section aria-labelledby="offline-heading"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(section).toContain('Verificar sin confiar en este servidor');
    expect(section).toContain('href="/api/audit/bundle"');
    expect(section).toContain('npx transition-ledger verify-bundle ./auditoria --expect-key-fingerprint');
    expect(section).toMatch(/por un medio distinto de esta página/);
    expect(html).not.toContain('<code>npx transition-ledger verify</code>');
  });

  it('given a date that does not exist in the query, then the error page says so in Spanish, with no English and no "la última es 0"', async () => {
    const res = await get('/?asOf=2018-02-30');
    expect(res.statusCode).toBe(400);
    const text = textOf(res.body);
    expect(text).toContain('El parámetro «asOf» no es válido: debe ser una fecha real del calendario (AAAA-MM-DD).');
    expect(text).not.toMatch(/must|YYYY/);
    expect(text).not.toContain('la última es 0');
    const position = textOf((await get('/auditoria?after=abc')).body);
    expect(position).toContain('debe ser una posición del registro');
  });

  it('given a refused item form, then its messages are Spanish sentences and the codes are only in data attributes', async () => {
    const headers = { cookie: await sessionCookie(ledger.commissionToken) };
    const res = await postForm(`/transiciones/${OPEN_TRANSITION}/partidas`, { itemId: 'entrega 1', category: 'document', ref: '', description: '', recordedOn: '2022-11-20' }, headers);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('data-code="VALIDATION_FAILED"');
    const text = textOf(res.body);
    expect(text).toContain('no puede estar vacío');
    expect(text).toContain('debe empezar con una letra o un número');
    expect(text).not.toMatch(/VALIDATION_FAILED|must|\^\[A-Za-z/);

    const first = await postForm(`/transiciones/${OPEN_TRANSITION}/partidas`, { itemId: 'ent-dup', category: 'document', ref: '', description: 'Inventario', recordedOn: '2022-11-20' }, headers);
    expect(first.statusCode).toBe(303);
    const again = await postForm(`/transiciones/${OPEN_TRANSITION}/partidas`, { itemId: 'ent-dup', category: 'document', ref: '', description: 'Inventario', recordedOn: '2022-11-20' }, headers);
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('data-rule="HANDOVER_ITEM_ALREADY_RECORDED"');
    const refused = textOf(again.body);
    expect(refused).toContain('Ya hay una entrega con ese código en esta transferencia');
    expect(refused).not.toMatch(/HANDOVER_ITEM_ALREADY_RECORDED|RULE_VIOLATED/);
  });
});
