import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, OPEN_TRANSITION, startWebLedger, type WebLedger, webClient } from '../browser/support/webLedger.ts';

/*
 * The 2022 transfer process (Directiva 016-2022-CG/PREVI) through the web pages, over real HTTP on
 * the seeded demo: Capacmarca's 2023-2026 → 2027-2030 transfer opened and recorded form by form,
 * the dossier's checklist after each step, each form's refusal of a bad input (in Spanish, beside
 * the field, with nothing recorded), and the province board.
 */
const LG = '080702'; // Capacmarca
const TRANSFER = 'tr-080702-2026';
const OTHER_LG = '080703'; // Chamaca, opened only

/** A filed document's five fields under `prefix`, with a digest of its title. */
function doc(prefix: string, title: string): Record<string, string> {
  return {
    [`${prefix}.title`]: title,
    [`${prefix}.sha256`]: createHash('sha256').update(title).digest('hex'),
    [`${prefix}.sizeBytes`]: '48213',
    [`${prefix}.contraloriaRef`]: `CGR-${title.length}`,
    [`${prefix}.publishedAt`]: `https://www.municapacmarca.gob.pe/transparencia/${encodeURIComponent(title)}.pdf`,
  };
}

/** Every control has a <label for> or an aria-label, ids are unique, and no script is inline (the CSP allows only files). */
function expectAccessibleMarkup(html: string, what: string) {
  expect(html, what).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  const labelled = new Set([...html.matchAll(/<label for="([^"]+)"/g)].map((m) => m[1]));
  for (const control of html.matchAll(/<(input|select|textarea)\b([^>]*)>/g)) {
    const attributes = control[2]!;
    if (/type="hidden"/.test(attributes) || /aria-label="/.test(attributes)) continue;
    const id = /(?<![\w-])id="([^"]+)"/.exec(attributes)?.[1];
    expect(id && labelled.has(id), `${what}: ${control[0]}`).toBe(true);
  }
  const ids = [...html.matchAll(/(?<![\w-])id="([^"]+)"/g)].map((m) => m[1]);
  expect(ids.length, what).toBe(new Set(ids).size);
}

/** Each document of the checklist with its status, as the page marks them. */
function checklist(html: string): Record<string, string> {
  return Object.fromEntries([...html.matchAll(/<li data-document="([^"]+)" data-status="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
}

describe('the 2022 transfer through the web pages', () => {
  let ledger: WebLedger;
  let cookie: string;
  const { get, postForm, sessionCookie } = webClient(() => ledger);
  const page = (url: string) => get(url, { cookie });
  const post = (url: string, fields: Record<string, string>) => postForm(url, fields, { cookie });
  const form = (path: string, fields: Record<string, string>) => post(`/transiciones/${TRANSFER}/${path}`, fields);

  /** Posts a bad form: the page says why in Spanish, beside `field`, and the ledger's head does not move. */
  async function refused(path: string, fields: Record<string, string>, formName: string, field: string, words: RegExp) {
    const head = await ledger.store.headPosition();
    const response = await post(path, fields);
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    const error = new RegExp(`data-testid="field-error-${formName}-${field.replace(/\./g, '\\.')}">(.*?)</p>`, 's').exec(response.body);
    expect(error, `no error beside ${field}`).not.toBeNull();
    expect(error![1]).toMatch(words);
    expect(response.body).toContain(`data-testid="form-errors-${formName}"`);
    expect(await ledger.store.headPosition()).toBe(head);
    return response;
  }

  beforeAll(async () => {
    ledger = await startWebLedger();
    // The 2019-2022 terms end and the 2023-2026 ones start: the terms a 2026 transfer goes from.
    for (const [lgId, mayor] of [[LG, 'Alcalde de Capacmarca 2023-2026 (ilustrativo)'], [OTHER_LG, 'Alcaldesa de Chamaca 2023-2026 (ilustrativo)']] as const) {
      for (const event of [
        { type: 'AuthorityTermEnded', data: { lgId, termId: '2019-2022', endedOn: '2022-12-31' } },
        { type: 'AuthorityTermStarted', data: { lgId, termId: '2023-2026', mayor, startedOn: '2023-01-01' } },
      ]) {
        const r = await ledger.app.inject({ method: 'POST', url: '/api/events', headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, payload: event });
        expect(r.statusCode, r.body).toBe(201);
      }
    }
    cookie = await sessionCookie(ADMIN_TOKEN);
  });
  afterAll(async () => ledger?.close());

  it('given the local government page of a signed-in writer, then it offers to open the transfer from the term in office to the next', async () => {
    const html = (await page(`/gobiernos-locales/${LG}`)).body;
    expect(html).toContain('data-testid="open-form"');
    expect(html).toMatch(/name="transitionId"[^>]* value="tr-080702-2026"/);
    expect(html).toMatch(/name="outgoingTermId"[^>]* value="2023-2026"/);
    expect(html).toMatch(/name="incomingTermId"[^>]* value="2027-2030"/);
    expect(html).toContain('<option value="016-2022-CG/PREVI" selected>');
  });

  it('given an incoming term that does not follow the outgoing one, then the open form is refused beside that field and records nothing', async () => {
    await refused(`/gobiernos-locales/${LG}/transferencias`, {
      transitionId: TRANSFER, directive: '016-2022-CG/PREVI', outgoingTermId: '2023-2026', incomingTermId: '2025-2028', openedOn: '2026-06-01',
    }, 'open', 'incomingTermId', /periodo al siguiente/);
  });

  it('given a signed-out visitor, then the open form is not shown and a post asks to sign in without recording', async () => {
    expect((await get(`/gobiernos-locales/${LG}`)).body).toContain('data-testid="sign-in-to-open"');
    const head = await ledger.store.headPosition();
    const r = await postForm(`/gobiernos-locales/${LG}/transferencias`, { transitionId: 'tr-x', directive: '016-2022-CG/PREVI', outgoingTermId: '2023-2026', incomingTermId: '2027-2030', openedOn: '2026-06-01' });
    expect(r.statusCode).toBe(401);
    expect(r.body).toContain('Ingrese de nuevo con su token');
    expect(await ledger.store.headPosition()).toBe(head);
  });

  it('given the transfer recorded form by form, then each form records its event and the checklist marks its document done', async () => {
    // 1. Opened on the local government's page: every document pending, stage a current.
    const opened = await post(`/gobiernos-locales/${LG}/transferencias`, {
      transitionId: TRANSFER, directive: '016-2022-CG/PREVI', outgoingTermId: '2023-2026', incomingTermId: '2027-2030', openedOn: '2026-06-01',
    });
    expect(opened.statusCode).toBe(303);
    expect(opened.headers.location).toMatch(new RegExp(`^/transiciones/${TRANSFER}\\?registrado=open&posicion=\\d+#notice$`));
    let html = (await page(`/transiciones/${TRANSFER}`)).body;
    expect(html).toContain('data-directive="016-2022-CG/PREVI"');
    expect(html).toContain('data-current-stage="a"');
    expect(checklist(html)).toEqual({
      'etts-resolution': 'pending', 'etts-installation-act': 'pending', 'accountability-report-initial': 'pending', 'accountability-report-updated': 'pending',
      'transfer-report': 'pending', 'ette-designation': 'pending', 'commission-installation-act': 'pending', 'supplementary-report': 'not-applicable', 'transfer-act': 'pending',
    });
    expect(html).not.toContain('id="act-form"'); // the 2018 act is not an event of this directive
    expect(html).toContain('<details class="form-details" data-form="team" open>'); // the next step's form is the open one
    expect(html).toContain('<details class="form-details" data-form="commission">');
    expectAccessibleMarkup(html, 'the 2022 dossier with its forms');
    expectAccessibleMarkup((await page(`/gobiernos-locales/${LG}`)).body, 'the local government page with the open form');
    expectAccessibleMarkup((await page('/tablero?departamento=Cusco&provincia=Chumbivilcas')).body, 'the board');

    // 2. Each step, and the document it evidences.
    const steps: [path: string, fields: Record<string, string>, document: string][] = [
      ['equipos', { side: 'outgoing', members: 'Gerente Municipal (ilustrativo); responsable; funcionario; Gerente Municipal\nJefa de Presupuesto (ilustrativo); integrante; funcionaria', ...doc('instrument', 'Resolución de Alcaldía N° 101-2026-MDCAP'), designatedOn: '2026-06-02' }, 'etts-resolution'],
      ['instalacion-equipo', { side: 'outgoing', ...doc('installationAct', 'Acta de Instalación del ETTS'), installedOn: '2026-06-03' }, 'etts-installation-act'],
      ['rendicion-cuentas', { version: 'initial', constancia: 'Constancia N° 0001-2026 (ilustrativo)', ...doc('report', 'Informe de Rendición de Cuentas inicial'), filedOn: '2026-07-15' }, 'accountability-report-initial'],
      ['informe-transferencia', {
        constancia: 'Constancia N° 0002-2026 (ilustrativo)', ...doc('report', 'Informe de Transferencia de Gestión'),
        'section.I': 'Sistemas administrativos', 'section.II': 'Indicadores', 'section.III': 'Servicios', 'section.IV': 'Resultados', 'section.V': 'Continuidad', filedOn: '2026-10-20',
      }, 'transfer-report'],
      ['equipos', { side: 'incoming', members: 'Responsable ETTE (ilustrativo); responsable; ciudadano\nIntegrante 2 (ilustrativo); integrante; ciudadana\nIntegrante 3 (ilustrativo); integrante; servidor', ...doc('instrument', 'Documento de conformación del ETTE'), designatedOn: '2026-11-02' }, 'ette-designation'],
      ['instalacion-comision', { ...doc('installationAct', 'Acta de Instalación de la Comisión'), installedOn: '2026-11-10' }, 'commission-installation-act'],
      ['rendicion-cuentas', { version: 'updated', constancia: 'Constancia N° 0003-2026 (ilustrativo)', ...doc('report', 'Informe de Rendición de Cuentas actualizado'), filedOn: '2026-11-12' }, 'accountability-report-updated'],
      ['informe-complementario', { reportId: 'ic-1', summary: 'Información de noviembre (ilustrativo)', ...doc('report', 'Informe Complementario 1'), filedOn: '2026-11-20' }, 'supplementary-report'],
    ];
    for (const [path, fields, document] of steps) {
      const head = (await ledger.store.headPosition())!;
      const r = await form(path, fields);
      expect(r.statusCode, `${path}: ${/data-testid="form-errors-[^"]+"[\s\S]*?<\/div>/.exec(r.body)?.[0]}`).toBe(303);
      expect(await ledger.store.headPosition()).toBe(head + 1n);
      html = (await page(`/transiciones/${TRANSFER}`)).body;
      expect(checklist(html)[document], path).toBe('done');
    }
    // The done document shows its digest, its published link and the event's position.
    const report = /<li data-document="transfer-report"[\s\S]*?<\/li>/.exec(html)![0];
    expect(report).toContain(createHash('sha256').update('Informe de Transferencia de Gestión').digest('hex'));
    expect(report).toContain('href="https://www.municapacmarca.gob.pe/transparencia/');
    expect(report).toContain('Constancia N° 0002-2026 (ilustrativo)');
    expect(report).toMatch(/href="\/auditoria\?stream=transition-tr-080702-2026&amp;after=\d+"/);
    expect(html).toContain('data-current-stage="d"');
    expect(html).toContain('<details class="form-details" data-form="transferAct" open>');
    expect(html).toMatch(/<li data-role="responsible-official" data-status="missing"/);
    // The teams as designated.
    expect(html).toMatch(/data-team="incoming"[\s\S]*Responsable ETTE \(ilustrativo\)/);

    // 3. An act without the responsible official is refused beside that signatory's field…
    await refused(`/transiciones/${TRANSFER}/acta-transferencia`, {
      'signatory.incoming-head': 'A', 'signatory.outgoing-head': 'B', 'signatory.responsible-official': '', 'signatory.incoming-team-lead': 'D', ...doc('act', 'Acta'), signedOn: '2026-11-25',
    }, 'transferAct', 'signatory.responsible-official', /funcionario responsable/);
    // … and the act signed by the four roles leaves every stage done, every signatory present.
    const signed = await form('acta-transferencia', {
      'signatory.incoming-head': 'Alcalde electo (ilustrativo)', 'signatory.outgoing-head': 'Alcalde saliente (ilustrativo)',
      'signatory.responsible-official': 'Funcionario responsable (ilustrativo)', 'signatory.incoming-team-lead': 'Responsable ETTE (ilustrativo)',
      ...doc('act', 'Acta de Transferencia de Gestión'), signedOn: '2026-11-25',
    });
    expect(signed.statusCode).toBe(303);
    html = (await page(`/transiciones/${TRANSFER}`)).body;
    expect(checklist(html)['transfer-act']).toBe('done');
    expect(html).toContain('data-testid="checklist-all-done"');
    expect([...html.matchAll(/data-role="[^"]+" data-status="present"/g)]).toHaveLength(4);
    expect(html).toContain('data-testid="transition-status">acta firmada');

    // The signed dossier, in both languages, shows no message key in place of a message.
    for (const lang of ['es', 'en']) {
      const text = (await page(`/transiciones/${TRANSFER}?lang=${lang}`)).body.replace(/<[^>]+>/g, ' ');
      expect(text, lang).not.toMatch(/(^|\s)(form|checklist|board|side|section|signatory|teamRole|teamKind|directive|notice|transition)\.[A-Za-z-]+/);
    }

    // 4. The checklist as of a date in between: the report filed (stage b done), the commission not yet installed.
    const past = (await page(`/transiciones/${TRANSFER}?asOf=2026-10-31`)).body;
    expect(checklist(past)).toMatchObject({ 'transfer-report': 'done', 'commission-installation-act': 'pending', 'transfer-act': 'pending' });
    expect(past).toContain('data-current-stage="c"');
  });

  describe('a bad input is refused in Spanish beside its field, and records nothing', () => {
    const OPEN = 'tr-080703-2026';
    const at = (path: string) => `/transiciones/${OPEN}/${path}`;
    beforeAll(async () => {
      const r = await post(`/gobiernos-locales/${OTHER_LG}/transferencias`, { transitionId: OPEN, directive: '016-2022-CG/PREVI', outgoingTermId: '2023-2026', incomingTermId: '2027-2030', openedOn: '2026-06-01' });
      expect(r.statusCode).toBe(303);
    });

    it('given the open dossier with its forms, in both languages, then no message key shows in place of a message', async () => {
      for (const lang of ['es', 'en']) {
        const html = (await page(`${at('').slice(0, -1)}?lang=${lang}`)).body;
        expect(html).toContain('data-testid="transferAct-form"');
        expect(html.replace(/<[^>]+>/g, ' '), lang).not.toMatch(/(^|\s)(form|checklist|board|side|section|signatory|teamRole|teamKind|directive|notice|transition)\.[A-Za-z-]+/);
      }
    });

    it('given a digest that is not 64 hex characters, then the team form names the SHA-256 field', async () => {
      await refused(at('equipos'), { side: 'outgoing', members: 'Gerente (ilustrativo); responsable; funcionario', ...doc('instrument', 'Resolución'), 'instrument.sha256': 'abc123', designatedOn: '2026-06-02' }, 'team', 'instrument.sha256', /64 caracteres hexadecimales/);
    });

    it('given a member line with an unknown kind, then the team form says which line', async () => {
      await refused(at('equipos'), { side: 'outgoing', members: 'Gerente (ilustrativo); responsable; funcionario\nOtra persona; integrante; vecino', ...doc('instrument', 'Resolución'), designatedOn: '2026-06-02' }, 'team', 'members', /Línea 2, funcionario, servidor o ciudadano: elija una de las opciones/);
    });

    it('given a size that is not a whole number of bytes, then the installation form names the size field', async () => {
      await refused(at('instalacion-equipo'), { side: 'outgoing', ...doc('installationAct', 'Acta'), 'installationAct.sizeBytes': 'doce', installedOn: '2026-06-03' }, 'teamInstalled', 'installationAct.sizeBytes', /número entero/);
    });

    it('given an installation before the team is designated, then the rule is said in Spanish beside the side', async () => {
      await refused(at('instalacion-equipo'), { side: 'outgoing', ...doc('installationAct', 'Acta'), installedOn: '2026-06-03' }, 'teamInstalled', 'side', /Primero debe registrarse la conformación/);
    });

    it('given an updated accountability report before the initial one, then the form names the version', async () => {
      await refused(at('rendicion-cuentas'), { version: 'updated', constancia: 'C-1', ...doc('report', 'Informe'), filedOn: '2026-07-15' }, 'accountability', 'version', /se presenta después del inicial/);
    });

    it('given a published address that is not a web address, then the form names it', async () => {
      await refused(at('rendicion-cuentas'), { version: 'initial', constancia: 'C-1', ...doc('report', 'Informe'), 'report.publishedAt': 'portal municipal', filedOn: '2026-07-15' }, 'accountability', 'report.publishedAt', /http/);
    });

    it('given a transfer report without section V, then the form names that section', async () => {
      // Designate the ETTS first, so that the report's only fault is its sections.
      expect((await post(at('equipos'), { side: 'outgoing', members: 'Gerente (ilustrativo); responsable; funcionario', ...doc('instrument', 'Resolución de Chamaca'), designatedOn: '2026-06-02' })).statusCode).toBe(303);
      await refused(at('informe-transferencia'), { constancia: 'C-2', ...doc('report', 'Informe'), 'section.I': 'a', 'section.II': 'b', 'section.III': 'c', 'section.IV': 'd', 'section.V': '', filedOn: '2026-10-20' }, 'transferReport', 'section.V', /cinco secciones/);
    });

    it('given an incoming team of two, then the form says so beside the members', async () => {
      await refused(at('equipos'), { side: 'incoming', members: 'Uno (ilustrativo); responsable; ciudadano\nDos (ilustrativo); integrante; ciudadano', ...doc('instrument', 'ETTE'), designatedOn: '2026-11-02' }, 'team', 'members', /tres/);
    });

    it('given the commission installed before the incoming team, then the form refuses it', async () => {
      const r = await post(at('instalacion-comision'), { ...doc('installationAct', 'Acta'), installedOn: '2026-11-10' });
      expect(r.statusCode).toBe(422);
      expect(r.body).toMatch(/data-testid="form-errors-commission" data-code="RULE_VIOLATED" data-rule="COMMISSION_TEAMS_MISSING"/);
    });

    it('given a supplementary report before the transfer report, then the form refuses it', async () => {
      const r = await post(at('informe-complementario'), { reportId: 'ic-1', summary: 'x', ...doc('report', 'IC'), filedOn: '2026-11-20' });
      expect(r.statusCode).toBe(422);
      expect(r.body).toContain('data-rule="SUPPLEMENTARY_BEFORE_TRANSFER_REPORT"');
    });
  });

  it('given a 2022 form posted to a 2018 transition, then the dossier says it is not an event of its directive and records nothing', async () => {
    const head = await ledger.store.headPosition();
    const r = await post(`/transiciones/${OPEN_TRANSITION}/instalacion-comision`, { ...doc('installationAct', 'Acta'), installedOn: '2022-11-10' });
    expect(r.statusCode).toBe(422);
    expect(r.body).toMatch(/data-testid="form-errors" data-code="RULE_VIOLATED" data-rule="EVENT_NOT_OF_DIRECTIVE"/);
    expect(await ledger.store.headPosition()).toBe(head);
  });

  describe('the province board', () => {
    it('given Chumbivilcas, then it lists every transition of the province with its municipality, stage, documents and act', async () => {
      const response = await get('/tablero?departamento=Cusco&provincia=Chumbivilcas');
      expect(response.statusCode).toBe(200);
      const html = response.body;
      const row = (id: string) => new RegExp(`<tr data-transition-id="${id}"[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';
      expect(row(TRANSFER)).toContain('Municipalidad Distrital de Capacmarca');
      expect(row(TRANSFER)).toContain('data-signed="true"');
      expect(row('tr-080703-2026')).toContain('data-stage="a"');
      expect(row('tr-080703-2026')).toContain('data-signed="false"');
      expect(row('tr-080703-2026')).toMatch(/Conformación del ETTS/);
      // The 2018 transitions of the demo are there too, under their directive.
      expect(row('tr-080707-2018')).toContain('008-2018-CG/GTN');
      expect([...html.matchAll(/<tr data-transition-id=/g)].length).toBeGreaterThanOrEqual(10);
    });

    it('given a date before the 2026 transfers were opened, then the board does not list them', async () => {
      const html = (await get('/tablero?departamento=Cusco&provincia=Chumbivilcas&asOf=2026-05-31')).body;
      expect(html).not.toContain(`data-transition-id="${TRANSFER}"`);
      expect(html).toContain('data-transition-id="tr-080707-2018"');
      expect(html).toMatch(/name="provincia" value="Chumbivilcas"/);
    });

    it('given a province name longer than any text the ledger holds, then the board is a 400 page naming the parameter', async () => {
      const response = await get(`/tablero?departamento=Cusco&provincia=${'x'.repeat(300)}`);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toContain('«provincia»');
      expect(response.body).toContain('data-code="VALIDATION_FAILED"');
    });

    it('given a province without transitions, then the board says so', async () => {
      const html = (await get('/tablero?departamento=Lima&provincia=Huaral')).body;
      expect(html).toContain('data-testid="board-empty"');
    });

    it('given the home page and a local government page, then both link to the province board', async () => {
      const board = '/tablero?departamento=Cusco&amp;provincia=Chumbivilcas';
      expect((await get('/')).body).toContain(`href="${board}"`);
      expect((await get(`/gobiernos-locales/${LG}`)).body).toContain(`href="${board}"`);
    });

    it('given the board in English, then its headings are English', async () => {
      expect((await get('/tablero?departamento=Cusco&provincia=Chumbivilcas&lang=en')).body).toContain('Transfers of the province of Chumbivilcas (Cusco)');
    });
  });
});
