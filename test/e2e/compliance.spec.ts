import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../../src/domain/events/catalogue.ts';
import { lgRegistered, observationRaised, termStarted } from '../unit/domain/fixtures.ts';
import {
  accountabilityFiled, ALL_SIGNATORIES, commissionInstalled, document, etteDesignated, ettsDesignated, ettsInstalled, quinota2026, supplementaryFiled,
  TRANSFER, transferActSigned, transferReportFiled, transitionOpened,
} from '../unit/domain/transferFixtures.ts';
import { startPersonalDataLedger, type PersonalDataLedger } from './support/personalDataLedger.ts';

const PORTAL = 'https://www.muniquinota.gob.pe/transparencia/informe-transferencia-2026.pdf';
const CUSCO_TRANSFER = 'tr-080101-2026';
const ETTE_LEAD = { subjectId: 'persona-ette-1', value: 'Responsable ETTE Ilustrativa' };

/** Quiñota's 2026 transfer, fact by fact in the order a municipality records it; Cusco's opened beside it. */
const steps: LedgerEvent[] = [
  ...quinota2026(),
  lgRegistered({ lgId: '080101', name: 'Municipalidad Provincial del Cusco', level: 'provincial', province: 'Cusco', department: 'Cusco' }),
  termStarted({ lgId: '080101', termId: '2023-2026', startedOn: '2023-01-01' }),
  transitionOpened(),
  transitionOpened({ transitionId: CUSCO_TRANSFER, lgId: '080101', openedOn: '2026-06-05' }),
  ettsDesignated(),
  ettsInstalled(),
  accountabilityFiled(),
  accountabilityFiled({ version: 'updated', constancia: 'Constancia N° 0003-2026 (ilustrativo)', report: document('Informe de Rendición de Cuentas actualizado'), filedOn: '2026-10-01' }),
  transferReportFiled({ report: document('Informe de Transferencia de Gestión', { publishedAt: PORTAL }) }),
  etteDesignated(),
  commissionInstalled(),
  observationRaised({ transitionId: TRANSFER, observationId: 'ob-1', text: 'Falta el inventario de maquinaria', raisedOn: '2026-11-12' }),
  supplementaryFiled(),
  transferActSigned({ signatories: ALL_SIGNATORIES.map((s) => (s.role === 'incoming-team-lead' ? { ...s, name: ETTE_LEAD } : s)) }),
];

describe('compliance of a 2022 transfer, through HTTP on a real SQLite ledger', () => {
  let l: PersonalDataLedger;
  const positions = new Map<string, string>();
  const get = (url: string, token?: string) => l.request('GET', url, token);
  const compliance = async (query = '', token?: string) => {
    const r = await get(`/api/transitions/${TRANSFER}/compliance${query}`, token);
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };
  const statusOf = (c: { stages: { documents: { documentId: string; status: string }[] }[] }) =>
    Object.fromEntries(c.stages.flatMap((s) => s.documents.map((d) => [d.documentId, d.status])));

  beforeAll(async () => {
    l = await startPersonalDataLedger();
    for (const step of steps) {
      const r = await l.request('POST', '/api/events', l.tokens.admin, step);
      expect(r.statusCode, `${step.type}: ${r.body}`).toBe(201);
      positions.set(`${step.type}#${positions.size}`, r.json().events[0].position);
    }
  }, 60_000);
  afterAll(async () => l.close());
  const positionOf = (type: string) => [...positions].find(([k]) => k.startsWith(`${type}#`))![1];

  it('given the ETTS designated on 2 June, when read as of that date, then stage a is current and only its resolution is done', async () => {
    const c = await compliance('?asOf=2026-06-02');
    expect(c).toMatchObject({ asOf: '2026-06-02', directive: '016-2022-CG/PREVI', status: 'open', currentStage: 'a' });
    expect(statusOf(c)).toMatchObject({ 'etts-resolution': 'done', 'etts-installation-act': 'pending', 'transfer-report': 'pending', 'supplementary-report': 'not-applicable' });
  });

  it('given the reports filed, when read as of 20 October, then stage c is current and the transfer report carries its evidence', async () => {
    const c = await compliance('?asOf=2026-10-20');
    expect(c.currentStage).toBe('c');
    const report = c.stages.flatMap((s: { documents: unknown[] }) => s.documents).find((d: { documentId: string }) => d.documentId === 'transfer-report');
    expect(report.evidence).toEqual([{
      on: '2026-10-20', eventType: 'TransferReportFiled', position: positionOf('TransferReportFiled'), constancia: 'Constancia N° 0002-2026 (ilustrativo)',
      document: document('Informe de Transferencia de Gestión', { publishedAt: PORTAL }),
    }]);
  });

  it('given the commission installed and an observation raised, when read as of 15 November, then the act is what is left', async () => {
    const c = await compliance('?asOf=2026-11-15');
    expect(c.currentStage).toBe('d');
    expect(statusOf(c)).toMatchObject({ 'commission-installation-act': 'done', 'supplementary-report': 'not-applicable', 'transfer-act': 'pending' });
    expect(c.signatories.missing.map((s: { role: string }) => s.role)).toEqual(['incoming-head', 'outgoing-head', 'responsible-official', 'incoming-team-lead']);
  });

  it('given the act signed, when read at the position before it, then the act is pending; at the head every stage is done', async () => {
    const before = BigInt(positionOf('TransferActSigned')) - 1n;
    const pinned = await get(`/api/transitions/${TRANSFER}/compliance?atPosition=${before}`);
    expect(pinned.headers['cache-control']).toContain('immutable');
    expect(pinned.json()).toMatchObject({ atPosition: String(before), status: 'open', currentStage: 'd' });
    expect(statusOf(pinned.json())).toMatchObject({ 'supplementary-report': 'done', 'transfer-act': 'pending' });
    expect(await compliance()).toMatchObject({ status: 'signed', currentStage: null, signatories: { byRole: true, missing: [] } });
  });

  it('given the signatories’ names sealed, then an anonymous reader sees that they exist, its commission and the registrar see them; the answer is private', async () => {
    const anonymous = await get(`/api/transitions/${TRANSFER}/compliance`);
    expect(anonymous.headers['cache-control']).toBe('private, no-store');
    expect(anonymous.json().signatories.present.map((s: { name: string }) => s.name)).toEqual(['[dato personal]', '[dato personal]', '[dato personal]', '[dato personal]']);
    const commission = await l.grant('comision-quinota-2026', 'commission', { lgId: '080707', transitionIds: [TRANSFER] });
    expect((await compliance('', commission)).signatories.present.map((s: { name: string }) => s.name)).toEqual(ALL_SIGNATORIES.map((s) => (s.role === 'incoming-team-lead' ? ETTE_LEAD.value : s.name)));
    const registrar = await compliance('', l.tokens.admin);
    expect(registrar.signatories.present.find((s: { role: string }) => s.role === 'incoming-team-lead').name).toBe(ETTE_LEAD.value);
    const dossier = (await get(`/api/transitions/${TRANSFER}`, l.tokens.admin)).json();
    expect(dossier).toMatchObject({ directive: '016-2022-CG/PREVI', status: 'signed' });
    expect(dossier.filings.map((f: { type: string }) => f.type)).toEqual([
      'TransferTeamDesignated', 'TransferTeamInstalled', 'AccountabilityReportFiled', 'AccountabilityReportFiled', 'TransferReportFiled',
      'TransferTeamDesignated', 'TransferCommissionInstalled', 'SupplementaryReportFiled', 'TransferActSigned',
    ]);
    expect(dossier.filings.at(-1).data.signatories.at(-1).name).toBe(ETTE_LEAD.value);
    expect((await get(`/api/transitions/${TRANSFER}`)).json().filings[0].data.members[0].name).toBe('[dato personal]');
  });

  it('given an unknown transition, then 404 NOT_FOUND as problem+json', async () => {
    const r = await get('/api/transitions/tr-no-such/compliance');
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('given two provinces, when the board is filtered by province, then only that province’s transitions are listed', async () => {
    const response = await get('/api/compliance?province=Chumbivilcas');
    expect(response.headers['cache-control']).toBe('public, no-cache');
    expect((await l.app.inject({ method: 'GET', url: '/api/compliance?province=Chumbivilcas', headers: { 'if-none-match': String(response.headers.etag) } })).statusCode).toBe(304);
    const board = response.json();
    expect(board).toMatchObject({ filter: { province: 'Chumbivilcas' } });
    expect(board.transitions).toEqual([expect.objectContaining({
      transitionId: TRANSFER, lgId: '080707', province: 'Chumbivilcas', department: 'Cusco', directive: '016-2022-CG/PREVI',
      currentStage: null, documents: { done: 9, pending: 0, notApplicable: 0 }, signed: true, signedOn: '2026-11-25', openObservations: 1,
    })]);
    const cusco = (await get('/api/compliance?department=Cusco&asOf=2026-11-15')).json();
    expect(cusco.transitions.map((t: { transitionId: string; currentStage: { stageId: string } }) => [t.transitionId, t.currentStage.stageId])).toEqual([[TRANSFER, 'd'], [CUSCO_TRANSFER, 'a']]);
    expect((await get('/api/compliance?directive=008-2018-CG/GTN')).json().transitions).toEqual([]);
    expect((await get('/api/compliance?asOf=2026-06-01')).json().transitions.map((t: { transitionId: string }) => t.transitionId)).toEqual([TRANSFER]);
  });

  it('given a board query a client got wrong, then 400 VALIDATION_FAILED', async () => {
    for (const query of ['directive=2030', 'asOf=2026-13-01', 'atPosition=-1', 'region=Cusco']) {
      const r = await get(`/api/compliance?${query}`);
      expect(r.statusCode, query).toBe(400);
      expect(r.json().code, query).toBe('VALIDATION_FAILED');
    }
  });
});
