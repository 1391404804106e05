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
    expect(html).toContain('continuar (2019-01-25)');
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

  it('given an unknown transition or format=pdf, when the report is asked, then 404 NOT_FOUND or 400 VALIDATION_FAILED', async () => {
    expect((await ledger.get('/api/transitions/tr-nope/report')).json().code).toBe('NOT_FOUND');
    const pdf = await ledger.get('/api/transitions/tr-080707-2018/report?format=pdf');
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().code).toBe('VALIDATION_FAILED');
  });
});
