import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS, hasChromium } from './support/chromium.ts';
import { ADMIN_TOKEN, startWebLedger, type WebLedger } from './support/webLedger.ts';

/**
 * A filed document's digest computed in the browser: in chromium, picking the file fills its SHA-256
 * and size, the file itself is not sent, and the recorded digest is the file's. Without JavaScript
 * the same form is filled by typing (test/e2e/transferPages.spec.ts).
 */
if (!hasChromium) console.log(`browser tests skipped: ${CHROMIUM} is missing (.ci/run installs Debian's chromium package)`);

const LG = '080704'; // Colquemarca
const TRANSFER = 'tr-080704-2026';

describe.skipIf(!hasChromium)('the document digest picker in chromium', () => {
  let ledger: WebLedger;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ledger = await startWebLedger();
    for (const event of [
      { type: 'AuthorityTermEnded', data: { lgId: LG, termId: '2019-2022', endedOn: '2022-12-31' } },
      { type: 'AuthorityTermStarted', data: { lgId: LG, termId: '2023-2026', mayor: 'Alcalde de Colquemarca 2023-2026 (ilustrativo)', startedOn: '2023-01-01' } },
      { type: 'TransitionOpened', data: { transitionId: TRANSFER, lgId: LG, directive: '016-2022-CG/PREVI', outgoingTermId: '2023-2026', incomingTermId: '2027-2030', openedOn: '2026-06-01' } },
    ]) {
      const r = await ledger.app.inject({ method: 'POST', url: '/api/events', headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, payload: event });
      expect(r.statusCode, r.body).toBe(201);
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-PE' })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await ledger?.close();
  });

  it('given a signed-in writer who picks the resolution file, then its SHA-256 and size fill the form and are what the checklist records', async () => {
    await page.goto(`${ledger.baseUrl}/ingresar?returnTo=${encodeURIComponent(`/transiciones/${TRANSFER}`)}`);
    await page.fill('#token', ADMIN_TOKEN);
    await Promise.all([page.waitForURL(new RegExp(`/transiciones/${TRANSFER}$`)), page.click('[data-testid=sign-in-form] button[type=submit]')]);

    // 1. The next step's form is the one open: the ETTS is to be designated. The picker shows only where the script runs; the file input sends nothing (it has no name).
    const picker = page.locator('[data-testid=team-form] [data-digest-picker]');
    await expect.poll(() => picker.isVisible()).toBe(true);
    expect(await page.getAttribute('#team-instrument-file', 'name')).toBeNull();

    // 2. Picking the file computes its digest and size in the page.
    const pdf = Buffer.from('%PDF-1.7\nResolución de Alcaldía N° 045-2026-MDCOL (ilustrativo)\n%%EOF\n', 'utf8');
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    await page.setInputFiles('#team-instrument-file', { name: 'resolucion-045-2026.pdf', mimeType: 'application/pdf', buffer: pdf });
    await expect.poll(() => page.inputValue('[id="team-instrument.sha256"]')).toBe(sha256);
    expect(await page.inputValue('[id="team-instrument.sizeBytes"]')).toBe(String(pdf.length));
    expect(await page.inputValue('[id="team-instrument.title"]')).toBe('resolucion-045-2026');

    // 3. The rest typed, the form posted: the checklist shows the resolution done, with that digest.
    await page.fill('[id="team-instrument.title"]', 'Resolución de Alcaldía N° 045-2026-MDCOL');
    await page.selectOption('#team-side', 'outgoing');
    await page.fill('#team-members', 'Gerente Municipal (ilustrativo); responsable; funcionario');
    await page.fill('#team-designatedOn', '2026-06-02');
    await Promise.all([page.waitForURL(/registrado=team/), page.click('[data-testid=team-form] button[type=submit]')]);
    const resolution = page.locator('li[data-document="etts-resolution"]');
    expect(await resolution.getAttribute('data-status')).toBe('done');
    expect(await resolution.locator('[data-testid=sha256]').textContent()).toBe(sha256);
    const screenshots = join(process.cwd(), 'test-artifacts', 'screenshots');
    mkdirSync(screenshots, { recursive: true });
    await page.locator('[data-testid=checklist]').screenshot({ path: join(screenshots, '20-transfer-2022-checklist.png') });
    await page.goto(`${ledger.baseUrl}/tablero?departamento=Cusco&provincia=Chumbivilcas`);
    await page.screenshot({ path: join(screenshots, '21-province-board.png'), fullPage: true });
  });
});
