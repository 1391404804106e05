import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { transitionDossierView } from '../../../projections/transitionDossierView.ts';
import { complianceBoard } from '../../../projections/complianceBoard.ts';
import { TransitionComplianceView as ComplianceSchema, ComplianceBoard as BoardSchema, TransitionDossierView as DossierSchema } from '../../../projections/readModelSchemas.ts';
import { transitionCompliance, type TransitionComplianceView } from '../../../projections/transitionCompliance.ts';
import type { LedgerEvent } from '../../../src/domain/events/catalogue.ts';
import {
  accountabilityFiled, commissionInstalled, document, etteDesignated, ettsDesignated, ettsInstalled, quinota2026, readyToSign, supplementaryFiled,
  TRANSFER, transferActSigned, transferReportFiled, transitionOpened,
} from '../domain/transferFixtures.ts';
import {
  actSigned, commissionFormed, itemRecorded, lgRegistered, observationRaised, observationResolved, quinotaAfterElections, TRANSITION,
} from '../domain/fixtures.ts';
import { given } from './given.ts';

/** The status of every document, by id, and the current stage: what a checklist shows at a glance. */
function checklist(c: TransitionComplianceView | undefined) {
  return {
    currentStage: c?.currentStage,
    stages: Object.fromEntries(c!.stages.map((s) => [s.stageId, s.status])),
    documents: Object.fromEntries(c!.stages.flatMap((s) => s.documents.map((d) => [d.documentId, d.status]))),
  };
}
const doc = (c: TransitionComplianceView | undefined, id: string) => c!.stages.flatMap((s) => s.documents).find((d) => d.documentId === id)!;

const updatedReport = accountabilityFiled({ version: 'updated', constancia: 'Constancia N° 0003-2026 (ilustrativo)', report: document('Informe de Rendición de Cuentas actualizado'), filedOn: '2026-10-01' });
const onlyEtts: LedgerEvent[] = [...quinota2026(), transitionOpened(), ettsDesignated()];
const reportsFiled: LedgerEvent[] = [
  ...onlyEtts,
  ettsInstalled(),
  accountabilityFiled(),
  updatedReport,
  transferReportFiled({ report: document('Informe de Transferencia de Gestión', { publishedAt: 'https://www.muniquinota.gob.pe/transparencia/itg-2026.pdf' }) }),
];
const withObservations: LedgerEvent[] = [
  ...readyToSign(),
  updatedReport,
  observationRaised({ transitionId: TRANSFER, observationId: 'ob-1', raisedOn: '2026-11-12' }),
  observationRaised({ transitionId: TRANSFER, observationId: 'ob-2', raisedOn: '2026-11-13' }),
  observationResolved({ transitionId: TRANSFER, observationId: 'ob-1', resolvedOn: '2026-11-18' }),
];
const signed: LedgerEvent[] = [...withObservations, supplementaryFiled(), transferActSigned()];

describe('transitionCompliance under Directiva 016-2022-CG/PREVI', () => {
  it('given only the ETTS designated, then its resolution is done and stage a is current', () => {
    given(onlyEtts).expect((v) => checklist(transitionCompliance(v, TRANSFER))).toEqual({
      currentStage: 'a',
      stages: { a: 'pending', b: 'pending', c: 'pending', d: 'pending' },
      documents: {
        'etts-resolution': 'done',
        'etts-installation-act': 'pending',
        'accountability-report-initial': 'pending',
        'accountability-report-updated': 'pending',
        'transfer-report': 'pending',
        'ette-designation': 'pending',
        'commission-installation-act': 'pending',
        'supplementary-report': 'not-applicable',
        'transfer-act': 'pending',
      },
    });
  });

  it('given only the ETTS designated, then the resolution carries its date, event, position and document', () => {
    given(onlyEtts).expect((v) => doc(transitionCompliance(v, TRANSFER), 'etts-resolution')).toMatchObject({
      required: 'always',
      repeatable: false,
      count: 1,
      evidence: [{
        on: '2026-06-02',
        eventType: 'TransferTeamDesignated',
        position: '6',
        constancia: null,
        document: { title: 'Resolución de Alcaldía N° 101-2026-MDQ', sha256: document('Resolución de Alcaldía N° 101-2026-MDQ').sha256, sizeBytes: 1038, contraloriaRef: 'CGR-38', publishedAt: null },
      }],
      source: { citation: expect.stringContaining('Directiva N° 016-2022-CG/PREVI') },
    });
  });

  it('given the reports filed, then stages a and b are done, c is current, and the transfer report shows its constancia and portal', () => {
    const g = given(reportsFiled);
    g.expect((v) => checklist(transitionCompliance(v, TRANSFER))).toMatchObject({
      currentStage: 'c', stages: { a: 'done', b: 'done', c: 'pending', d: 'pending' },
    });
    g.expect((v) => doc(transitionCompliance(v, TRANSFER), 'transfer-report').evidence).toEqual([{
      on: '2026-10-20',
      eventType: 'TransferReportFiled',
      position: '10',
      constancia: 'Constancia N° 0002-2026 (ilustrativo)',
      document: expect.objectContaining({ publishedAt: 'https://www.muniquinota.gob.pe/transparencia/itg-2026.pdf' }),
    }]);
  });

  it('given the reports filed, when read as of a date before the updated report, then that report is pending and b is current', () => {
    given(reportsFiled).at({ asOf: '2026-09-30' }).expect((v) => checklist(transitionCompliance(v, TRANSFER))).toMatchObject({
      currentStage: 'b',
      documents: { 'accountability-report-initial': 'done', 'accountability-report-updated': 'pending', 'transfer-report': 'pending' },
    });
  });

  it('given the commission installed with observations, then d is current, the act pending and every role missing', () => {
    const g = given(withObservations);
    g.expect((v) => checklist(transitionCompliance(v, TRANSFER))).toMatchObject({
      currentStage: 'd', stages: { a: 'done', b: 'done', c: 'done', d: 'pending' }, documents: { 'supplementary-report': 'not-applicable', 'transfer-act': 'pending' },
    });
    g.expect((v) => transitionCompliance(v, TRANSFER)!.signatories).toMatchObject({
      byRole: true, note: null, present: [], missing: [{ role: 'incoming-head' }, { role: 'outgoing-head' }, { role: 'responsible-official' }, { role: 'incoming-team-lead' }],
    });
    g.expect((v) => complianceBoard(v).transitions).toEqual([{
      transitionId: TRANSFER, lgId: '080707', name: 'Municipalidad Distrital de Quiñota', level: 'district', province: 'Chumbivilcas', department: 'Cusco',
      directive: '016-2022-CG/PREVI', formedOn: '2026-06-01',
      currentStage: { stageId: 'd', title: expect.objectContaining({ en: 'Transfer act prepared and filed' }) },
      documents: { done: 7, pending: 1, notApplicable: 1 }, signed: false, signedOn: null, openObservations: 1,
    }]);
  });

  it('given the act signed, then every stage is done, no stage is current, and all four roles are present by name', () => {
    const g = given(signed);
    g.expect((v) => transitionCompliance(v, TRANSFER)).toMatchObject({
      status: 'signed', currentStage: null, stages: [{ current: false }, { current: false }, { current: false }, { current: false }],
      signatories: {
        byRole: true,
        present: [
          { role: 'incoming-head', name: 'Alcalde electo (ilustrativo)', title: { es: 'Titular entrante', en: 'Incoming head' } },
          { role: 'outgoing-head', name: 'Alcalde saliente (ilustrativo)' },
          { role: 'responsible-official', name: 'Funcionario responsable (ilustrativo)' },
          { role: 'incoming-team-lead', name: 'Responsable ETTE (ilustrativo)' },
        ],
        missing: [],
      },
    });
    g.expect((v) => doc(transitionCompliance(v, TRANSFER), 'supplementary-report')).toMatchObject({ status: 'done', count: 1, evidence: [{ eventType: 'SupplementaryReportFiled', on: '2026-11-20' }] });
    g.expect((v) => complianceBoard(v).transitions[0]).toMatchObject({ currentStage: null, documents: { done: 9, pending: 0, notApplicable: 0 }, signed: true, signedOn: '2026-11-25' });
  });

  it('given the act signed, when read at the position before it, then the act is pending again', () => {
    given(signed).at({ atPosition: BigInt(signed.length - 1) }).expect((v) => checklist(transitionCompliance(v, TRANSFER))).toMatchObject({
      currentStage: 'd', documents: { 'transfer-act': 'pending', 'supplementary-report': 'done' },
    });
  });

  it('given any stage, then the views encode with their published schemas, as the HTTP edge does', () => {
    for (const facts of [onlyEtts, reportsFiled, withObservations, signed]) {
      const v = given(facts).view();
      expect(z.safeEncode(ComplianceSchema, transitionCompliance(v, TRANSFER)!).error).toBeUndefined();
      expect(z.safeEncode(BoardSchema, complianceBoard(v, { province: 'Chumbivilcas' })).error).toBeUndefined();
      expect(z.safeEncode(DossierSchema, transitionDossierView(v, TRANSFER)!).error).toBeUndefined();
    }
  });

  it('is undefined for a transition not opened at that point', () => {
    given(onlyEtts).at({ asOf: '2026-05-31' }).expect((v) => transitionCompliance(v, TRANSFER)).toBeUndefined();
  });
});

describe('transitionCompliance under Directiva 008-2018-CG/GTN', () => {
  const handover: LedgerEvent[] = [
    ...quinotaAfterElections(),
    commissionFormed(),
    itemRecorded(),
    itemRecorded({ itemId: 'i-2', recordedOn: '2018-11-26' }),
    observationRaised(),
    actSigned(),
  ];

  it('given a commission, items and the act, then the documents are evidenced by the commission, the first item and the act; no roles are required', () => {
    given(handover).expect((v) => transitionCompliance(v, TRANSITION)).toMatchObject({
      directive: '008-2018-CG/GTN',
      status: 'signed',
      currentStage: null,
      stages: [
        { stageId: 'commission-formed', status: 'done', documents: [{ documentId: 'commission-formation', status: 'done', count: 1, evidence: [{ eventType: 'TransitionCommissionFormed', on: '2018-11-15', document: null }] }] },
        { stageId: 'handover', status: 'done', documents: [{ documentId: 'handover-items', status: 'done', count: 2, evidence: [{ eventType: 'HandoverItemRecorded', on: '2018-11-25' }] }] },
        { stageId: 'act', status: 'done', documents: [{ documentId: 'handover-act', status: 'done', evidence: [{ eventType: 'HandoverActSigned', on: '2018-12-20' }] }] },
      ],
      signatories: { byRole: false, required: [], present: [], missing: [], note: { es: expect.stringContaining('no exige firmantes por cargo'), en: expect.any(String) } },
    });
  });

  it('given the commission only, when read before any item, then the handover stage is current', () => {
    given(handover).at({ asOf: '2018-11-20' }).expect((v) => checklist(transitionCompliance(v, TRANSITION))).toEqual({
      currentStage: 'handover',
      stages: { 'commission-formed': 'done', handover: 'pending', act: 'pending' },
      documents: { 'commission-formation': 'done', 'handover-items': 'pending', 'handover-act': 'pending' },
    });
  });

  it('given a 2018 and a 2022 transition in two provinces, then the board filters by province, department and directive', () => {
    const facts: LedgerEvent[] = [
      ...handover,
      lgRegistered({ lgId: '080101', name: 'Cusco', level: 'provincial', province: 'Cusco', department: 'Cusco' }),
      ...onlyEtts,
    ];
    const g = given(facts);
    g.expect((v) => complianceBoard(v).transitions.map((t) => t.transitionId)).toEqual([TRANSITION, TRANSFER]);
    g.expect((v) => complianceBoard(v, { directive: '016-2022-CG/PREVI' }).transitions.map((t) => t.transitionId)).toEqual([TRANSFER]);
    g.expect((v) => complianceBoard(v, { province: 'Chumbivilcas', department: 'Cusco' }).transitions.length).toBe(2);
    g.expect((v) => complianceBoard(v, { province: 'Cusco' })).toMatchObject({ filter: { province: 'Cusco' }, transitions: [] });
    g.expect((v) => complianceBoard(v, { directive: '008-2018-CG/GTN' }).transitions[0]).toMatchObject({
      currentStage: null, documents: { done: 3, pending: 0, notApplicable: 0 }, signed: true, signedOn: '2018-12-20', openObservations: 1,
    });
  });
});
