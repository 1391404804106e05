import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS, hasChromium } from './support/chromium.ts';
import { COMMISSION_MEMBER, OPEN_TRANSITION, startWebLedger, type WebLedger } from './support/webLedger.ts';

/**
 * The web app in a real browser (Debian's chromium, driven by playwright-core) against the demo
 * ledger served on a real port. Screenshots of every page go to test-artifacts/screenshots/.
 */
const SCREENSHOTS = join(process.cwd(), 'test-artifacts', 'screenshots');

if (!hasChromium) console.log(`browser tests skipped: ${CHROMIUM} is missing (.ci/run installs Debian's chromium package)`);

describe.skipIf(!hasChromium)('the web app in chromium', () => {
  let ledger: WebLedger;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    ledger = await startWebLedger();
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-PE' });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await ledger?.close();
  });

  it('given the demo, when the province overview opens, then it shows S/ 166 000 000,00 over 32 projects and a bar chart by sector', async () => {
    const response = await page.goto(`${ledger.baseUrl}/`);
    expect(response?.status()).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    expect(await page.textContent('[data-testid=committed-total]')).toBe('S/ 166 000 000,00');
    expect(await page.textContent('[data-testid=committed-projects]')).toContain('32 proyectos');
    // Chart.js drew the chart from the data table, which stays as the accessible version.
    await page.waitForSelector('[data-chart-box]:not([hidden]) canvas', { state: 'visible' });
    expect(await page.locator('#sector-table tbody tr').count()).toBe(4);
    expect(await page.locator('tr[data-lg-id="080707"] [data-testid=authority]').textContent()).toContain('Lucía Ttito Huamán');
    await shot('01-province-overview');
  });

  it('given a first visit, when the province overview loads, then its page weight is measured from the browser’s own resource timings', async () => {
    const fresh = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const mobile = await fresh.newPage();
    let responseBytes = 0;
    mobile.on('response', async (r) => {
      const body = await r.body().catch(() => Buffer.alloc(0));
      const sizes = await r.request().sizes().catch(() => ({ responseBodySize: body.length, responseHeadersSize: 0 }));
      responseBytes += sizes.responseBodySize + sizes.responseHeadersSize;
    });
    await mobile.goto(`${ledger.baseUrl}/`, { waitUntil: 'load' });
    await mobile.waitForSelector('[data-chart-box]:not([hidden])');
    // Evaluated in the page (the test's TypeScript has no DOM types): every response's sizes.
    const timings = (await mobile.evaluate(`[...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
      .map((t) => ({ name: t.name, transferSize: t.transferSize, encodedBodySize: t.encodedBodySize, decodedBodySize: t.decodedBodySize }))`)) as {
      name: string; transferSize: number; encodedBodySize: number; decodedBodySize: number;
    }[];
    const transferred = timings.reduce((sum, t) => sum + t.transferSize, 0);
    const decoded = timings.reduce((sum, t) => sum + t.decodedBodySize, 0);
    console.log(
      `page weight of the province overview: ${transferred} bytes transferred (${decoded} bytes uncompressed) in ${timings.length} responses; ` +
        `${responseBytes} bytes of responses seen by playwright\n` +
        timings.map((t) => `  ${t.transferSize}\t${t.decodedBodySize}\t${new URL(t.name).pathname}`).join('\n'),
    );
    // The page, its stylesheet, Chart.js and our script; the favicon is fetched on the browser's own schedule, so it may or may not be listed yet.
    expect(timings.filter((t) => !new URL(t.name).pathname.endsWith('favicon.svg')).length).toBe(4);
    expect(transferred).toBeGreaterThan(0);
    expect(transferred).toBeLessThan(150_000); // Chart.js arrives compressed
    await mobile.screenshot({ path: join(SCREENSHOTS, '01b-province-overview-phone.png'), fullPage: true });
    await fresh.close();
  });

  it('given Quiñota, when its page opens, then the inherited CDP is marked continúa and the LED plan pendiente', async () => {
    await page.goto(`${ledger.baseUrl}/gobiernos-locales/080707`);
    const cdp = page.locator('.checklist li[data-plan-id="pdlc-080707-2017-2021"]');
    expect(await cdp.locator('[data-testid=decision]').textContent()).toBe('continúa');
    expect(await page.locator('.checklist li[data-plan-id="pdel-080707-2018-2021"] [data-testid=decision]').textContent()).toBe('pendiente');
    expect(await page.locator('ol.timeline').first().textContent()).toContain('2015-2018');
    await shot('02-local-government-quinota');
  });

  it('given the date picker, when Quiñota is replayed as of 2018-12-31 and then 2019-01-02, then the outgoing and then the incoming authority is in office', async () => {
    await page.goto(`${ledger.baseUrl}/gobiernos-locales/080707`);
    await page.fill('#tt-asOf', '2018-12-31');
    await Promise.all([page.waitForURL(/asOf=2018-12-31/), page.click('[data-testid=time-travel] button[type=submit]')]);
    expect(await page.textContent('[data-testid=current-authority]')).toContain('Eusebio Chalco Ancco');
    expect(await page.textContent('[data-testid=past-banner]')).toContain('31 dic. 2018');
    await shot('03-time-travel-2018-12-31');

    await page.fill('#tt-asOf', '2019-01-02');
    await Promise.all([page.waitForURL(/asOf=2019-01-02/), page.click('[data-testid=time-travel] button[type=submit]')]);
    expect(await page.textContent('[data-testid=current-authority]')).toContain('Lucía Ttito Huamán');
    // Not yet decided on 2019-01-02: the checklist says so.
    expect(await page.locator('.checklist li[data-plan-id="pdlc-080707-2017-2021"] [data-testid=decision]').textContent()).toBe('pendiente');
    await shot('04-time-travel-2019-01-02');
  });

  it('given the position slider, when it is moved with the keyboard, then the position field follows it', async () => {
    await page.goto(`${ledger.baseUrl}/gobiernos-locales/080707`);
    const slider = page.locator('#tt-slider');
    await slider.waitFor({ state: 'visible' });
    const head = Number(await slider.getAttribute('max'));
    await slider.focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await page.inputValue('#tt-position')).toBe(String(head - 2));
    await Promise.all([page.waitForURL(new RegExp(`atPosition=${head - 2}`)), page.click('[data-testid=time-travel] button[type=submit]')]);
    expect(await page.textContent('[data-testid=past-banner]')).toContain(`posición ${head - 2}`);
  });

  it('given a commission member, when they sign in and record an item through the form, then it appears in the dossier and in the event log', async () => {
    await page.goto(`${ledger.baseUrl}/transiciones/${OPEN_TRANSITION}`);
    expect(await page.textContent('[data-testid=transition-status]')).toBe('en curso');
    await page.click('[data-testid=sign-in-to-record]');
    await page.fill('#token', ledger.commissionToken);
    await Promise.all([page.waitForURL(new RegExp(`/transiciones/${OPEN_TRANSITION}$`)), page.click('[data-testid=sign-in-form] button[type=submit]')]);
    expect(await page.textContent('[data-testid=signed-in-as]')).toContain(COMMISSION_MEMBER);
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'tl_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(session!.value).not.toContain(ledger.commissionToken);

    const itemId = await page.inputValue('#item-itemId');
    expect(itemId).toBe(`${OPEN_TRANSITION}-it01`);
    await page.selectOption('#item-category', 'document');
    await page.fill('#item-description', 'Acta de arqueo de caja al 30 de noviembre de 2022');
    await Promise.all([page.waitForURL(/registrado=item/), page.click('[data-testid=item-form] button[type=submit]')]);
    expect(await page.textContent('[data-testid=notice]')).toContain('Entrega registrada');
    const row = page.locator(`[data-testid=items-table] tr[data-item-id="${itemId}"]`);
    expect(await row.textContent()).toContain('Acta de arqueo de caja');
    await shot('05-transition-dossier-after-recording');

    await page.click('text=Eventos de esta transferencia');
    const logged = page.locator('[data-testid=event-log] tr[data-event-type=HandoverItemRecorded]');
    expect(await logged.count()).toBe(1);
    expect(await logged.textContent()).toContain(COMMISSION_MEMBER);
    const proof = await logged.locator('a', { hasText: 'Prueba de inclusión' }).getAttribute('href');
    expect(proof).toMatch(/^\/api\/audit\/proofs\/inclusion\?eventId=/);
    await shot('06-audit-log-filtered');
  });

  it('given a form the server refuses, when it comes back, then each message is shown next to its field', async () => {
    await page.goto(`${ledger.baseUrl}/transiciones/${OPEN_TRANSITION}`);
    // Bypass the browser's own checks, as a client without HTML validation would, to reach the server's.
    await page.evaluate("document.getElementById('item-form').noValidate = true");
    await page.fill('#item-description', '   ');
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('[data-testid=item-form] button[type=submit]')]);
    expect(response.status()).toBe(400);
    const error = page.locator('[data-testid=field-error-item-description]');
    expect(await error.textContent()).toContain('no puede estar vacío');
    // Beside its field, and tied to it for screen readers.
    expect(await page.locator('.field:has(#item-description) [data-testid=field-error-item-description]').count()).toBe(1);
    expect(await page.getAttribute('#item-description', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#item-description', 'aria-describedby')).toBe('item-description-error');
    await shot('07-form-error-next-to-field');

    // A rule refusal (the item id is taken) lands on the id field.
    await page.fill('#item-itemId', `${OPEN_TRANSITION}-it01`);
    await page.fill('#item-description', 'Otra entrega con un código ya usado');
    await page.evaluate("document.getElementById('item-form').noValidate = true");
    const [ruleResponse] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('[data-testid=item-form] button[type=submit]')]);
    expect(ruleResponse.status()).toBe(422);
    expect(await page.textContent('[data-testid=field-error-item-itemId]')).toContain('Ya hay una entrega con ese código');
    // The rule's id is for programs: in the form's data attributes, not in the sentence.
    expect(await page.getAttribute('[data-testid=form-errors-item]', 'data-rule')).toBe('HANDOVER_ITEM_ALREADY_RECORDED');
  });

  it('given the auditor view, when it opens, then the chain verifies and the checkpoint and downloads are offered', async () => {
    await page.goto(`${ledger.baseUrl}/auditoria`);
    expect(await page.textContent('[data-testid=verification-badge]')).toContain('La cadena verifica');
    expect(await page.textContent('[data-testid=checkpoint]')).toMatch(/\d+ eventos, firmado el/);
    expect(await page.getAttribute('[data-testid=download-log]', 'href')).toBe('/auditoria/registro.jsonl');
    await page.selectOption('#f-type', 'HandoverActSigned');
    await page.click('[data-testid=log-filters] button[type=submit]');
    await page.waitForURL(/type=HandoverActSigned/);
    expect(await page.locator('[data-testid=event-log] tbody tr').count()).toBe(8);
    // Each event links to its inclusion proof, which the audit API answers.
    const proofHref = await page.locator('[data-testid=event-log] tbody tr').first().locator('a', { hasText: 'Prueba de inclusión' }).getAttribute('href');
    const proof = await page.request.get(`${ledger.baseUrl}${proofHref}`);
    expect(proof.status()).toBe(200);
    expect(await proof.json()).toHaveProperty('leafIndex');
    await shot('08-audit');
  });

  it('given the language toggle, when English is chosen, then every page stays in English until Spanish is chosen again', async () => {
    await page.goto(`${ledger.baseUrl}/`);
    await Promise.all([page.waitForURL(/lang=en/), page.click('[data-testid=lang-toggle]')]);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('h1')).toBe('Local governments and their transitions');
    expect(await page.textContent('[data-testid=committed-total]')).toBe('S/ 166,000,000.00');
    await shot('09-province-overview-english');
    await page.click('text=Municipalidad Distrital de Quiñota');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('.checklist li[data-plan-id="pdlc-080707-2017-2021"] [data-testid=decision]').textContent()).toBe('continues');
    await Promise.all([page.waitForURL(/lang=es/), page.click('[data-testid=lang-toggle]')]);
    expect(await page.getAttribute('html', 'lang')).toBe('es');
  });

  it('given only a keyboard, when tabbing from the top, then the skip link comes first and shows a visible focus', async () => {
    await page.goto(`${ledger.baseUrl}/`);
    await page.keyboard.press('Tab');
    const focused = (await page.evaluate(`(() => {
      const el = document.activeElement;
      return { text: el.textContent, outline: getComputedStyle(el).outlineStyle, left: el.getBoundingClientRect().left };
    })()`)) as { text: string; outline: string; left: number };
    expect(focused.text).toBe('Saltar al contenido');
    expect(focused.outline).toBe('solid');
    expect(focused.left).toBeGreaterThanOrEqual(0);
  });

  it('given a signed-in member, when they choose Salir, then the browser’s own post passes the origin check and the session ends on the server', async () => {
    await page.goto(`${ledger.baseUrl}/transiciones/${OPEN_TRANSITION}`);
    if ((await page.locator('[data-testid=signed-in-as]').count()) === 0) {
      await page.click('[data-testid=sign-in-to-record]');
      await page.fill('#token', ledger.commissionToken);
      await Promise.all([page.waitForURL(new RegExp(`/transiciones/${OPEN_TRANSITION}$`)), page.click('[data-testid=sign-in-form] button[type=submit]')]);
    }
    const session = (await context.cookies()).find((c) => c.name === 'tl_session')!;
    const [signOut] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('text=Salir')]);
    expect(signOut.status()).toBe(303);
    expect(await page.locator('[data-testid=signed-in-as]').count()).toBe(0);
    // The id copied before sign-out, replayed from outside the browser, signs nobody in.
    const replayed = await fetch(`${ledger.baseUrl}/ingresar`, { headers: { cookie: `tl_session=${session.value}` } });
    expect(await replayed.text()).not.toContain('data-testid="signed-in-as"');
  });
});
