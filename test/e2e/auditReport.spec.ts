import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLedger } from '../../src/seed/seedLedger.ts';
import { startAuditTestLedger, type AuditTestLedger } from './support/auditTestLedger.ts';

const HOSTILE = '<script>alert("x")</script> & <b>';

describe('the transition audit report', () => {
  let ledger: AuditTestLedger;
  let checkpoint: { treeSize: number; rootHash: string };
  beforeAll(async () => {
    ledger = await startAuditTestLedger();
    await seedLedger(ledger.record, 'chumbivilcas-2018');
    checkpoint = (await ledger.post('/api/audit/checkpoints')).json();
  });
  afterAll(async () => ledger.close());

  it('given a signed transition, when its report is asked, then printable Spanish HTML with the commission, timeline, inherited plans, allocations and the covering checkpoint', async () => {
    const res = await ledger.get('/api/transitions/tr-080707-2018/report');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const html = res.body;
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('Informe de auditoría de la transferencia');
    expect(html).toContain('Comisión de transferencia');
    expect(html).toContain('Nelly Huillca Taco'); // a commission member of the demo
    expect(html).toContain('Cronología');
    expect(html).toContain('Acta firmada');
    expect(html).toContain('Planes heredados');
    expect(html).toContain('pdlc-080707-2017-2021');
    expect(html).toContain('continuar (25 de enero de 2019)');
    expect(html).toContain('pp2019-080707-01');
    expect(html).toContain('Asignaciones que citan estos planes');
    expect(html).toContain(checkpoint.rootHash);
    expect(html).toContain('Este punto de control cubre todos los hechos que muestra este informe.');
    expect(html).toContain(`--expect-key-fingerprint ${ledger.audit.key.fingerprint}`);
    expect(html).toContain('transition-ledger export --bundle ./auditoria-tr-080707-2018');
    expect(html).toContain('@media print');
  });

  it('given ?lang=en, when the report is asked, then it is in English', async () => {
    const html = (await ledger.get('/api/transitions/tr-080707-2018/report?lang=en')).body;
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Transition audit report');
    expect(html).toContain('Inherited plans and the decisions taken on them');
  });

  it('given recorded text with markup, when the report is rendered, then it is escaped, never executed', async () => {
    const formed = await ledger.post('/api/events', {
      type: 'TransitionCommissionFormed',
      data: {
        transitionId: 'tr-080707-2022', lgId: '080707', outgoingTermId: '2019-2022', incomingTermId: '2023-2026',
        members: [{ name: HOSTILE, role: 'Alcaldesa saliente', side: 'outgoing' }, { name: 'Marco Quispe Ccori', role: 'Presidente', side: 'incoming' }],
        formedOn: '2022-11-02',
      },
    });
    expect(formed.statusCode).toBe(201);
    const html = (await ledger.get('/api/transitions/tr-080707-2022/report')).body;
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;');
    // Recorded after the checkpoint: the report says no checkpoint covers it yet.
    expect(html).toContain('Aún no hay un punto de control que cubra el último hecho mostrado');
  });

  it('given an unknown transition or format, when the report is asked, then 404 NOT_FOUND or 400 VALIDATION_FAILED', async () => {
    expect((await ledger.get('/api/transitions/tr-nope/report')).json().code).toBe('NOT_FOUND');
    const docx = await ledger.get('/api/transitions/tr-080707-2018/report?format=docx');
    expect(docx.statusCode).toBe(400);
    expect(docx.json().code).toBe('VALIDATION_FAILED');
  });
});

describe('the transition audit report as a document worth signing', () => {
  let ledger: AuditTestLedger;
  let checkpoint: { treeSize: number; rootHash: string };
  beforeAll(async () => {
    ledger = await startAuditTestLedger();
    await seedLedger(ledger.record, 'chumbivilcas-2018');
    // The incoming term of tr-080707-2018 has since ended: the report must still name what it inherited.
    const ended = await ledger.post('/api/events', { type: 'AuthorityTermEnded', data: { lgId: '080707', termId: '2019-2022', endedOn: '2022-12-31' } });
    expect(ended.statusCode).toBe(201);
    checkpoint = (await ledger.post('/api/audit/checkpoints')).json();
  });
  afterAll(async () => ledger.close());

  it('given the incoming term has ended, when the report is asked, then it lists the plans that term inherited and its decisions', async () => {
    const html = (await ledger.get('/api/transitions/tr-080707-2018/report')).body;
    expect(html).not.toContain('Ninguno.');
    expect(html).toContain('pdlc-080707-2017-2021');
    expect(html).toContain('Decisión de la gestión 2019-2022');
  });

  it('given the report, when it is read, then dates, amounts, categories and instants are written as a Peruvian official reads them', async () => {
    const html = (await ledger.get('/api/transitions/tr-080707-2018/report')).body;
    expect(html).toContain('27 de diciembre de 2018');
    expect(html).toMatch(/S\/ 312 480,00/);
    expect(html).not.toMatch(/\[(budget|asset|staff|document|plan|project|obligation|other)\]/);
    expect(html).toContain('Presupuesto');
    expect(html).toContain('hora de Lima');
    // No raw UTC instant and no ISO day in the text a person reads (ids and hashes aside).
    const text = html.replace(/<code[^>]*>[\s\S]*?<\/code>|<pre>[\s\S]*?<\/pre>|<style>[\s\S]*?<\/style>|<[^>]+>/g, ' ');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
    // Ids never break mid-word; only hashes may wrap anywhere.
    expect(html).toMatch(/code\.id\s*\{[^}]*white-space:\s*nowrap/);
    expect(html).not.toMatch(/code, pre \{[^}]*word-break: break-all/);
  });

  it('given asOf or atPosition, when the report is asked, then it shows the transition at that point and says so', async () => {
    const before = await ledger.get('/api/transitions/tr-080707-2018/report?asOf=2018-12-20');
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain('al 20 de diciembre de 2018');
    expect(before.body).not.toContain('Acta firmada');
    const [first] = (await ledger.get('/api/events?stream=transition-tr-080707-2018')).json().events;
    const formed = await ledger.get(`/api/transitions/tr-080707-2018/report?atPosition=${first.position}`);
    expect(formed.statusCode).toBe(200);
    expect(formed.body).toContain(`hasta la posición ${first.position}`);
    expect(formed.body).not.toContain('Acta firmada');
    const bad = await ledger.get('/api/transitions/tr-080707-2018/report?asOf=2018-02-30');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('querystring/asOf');
  });

  it('given format=pdf, when the report is asked, then a PDF carrying the covering checkpoint and a QR code of its public page', async () => {
    const res = await ledger.get('/api/transitions/tr-080707-2018/report?format=pdf');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/Subtype \/Image/); // the QR code
    const text = pdfText(pdf);
    if (text === undefined) return console.warn('pdftotext (poppler-utils) is not installed: the PDF text is not checked');
    expect(text).toContain('Informe de auditoría de la transferencia');
    expect(text).toContain('Nelly Huillca Taco');
    expect(text).toContain('27 de diciembre de 2018');
    expect(text).toContain('S/ 312 480,00');
    expect(text).toContain('transition-ledger'); // the checkpoint's origin
    expect(text).toContain(String(checkpoint.treeSize));
    expect(text.replace(/\s+/g, '')).toContain(checkpoint.rootHash);
    expect(text).toContain('/transiciones/tr-080707-2018');
  });
});

function pdfText(pdf: Buffer): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'report-pdf-'));
  try {
    writeFileSync(join(dir, 'r.pdf'), pdf);
    const out = spawnSync('pdftotext', [join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
    return out.error ? undefined : out.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
