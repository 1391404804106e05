import { describe, it } from 'vitest';
import { transitionDossierView } from '../../../projections/transitionDossierView.ts';
import type { Fact } from '../../support/storedEvents.ts';
import { given } from './given.ts';
import { ettsDesignated, quinota2026, TRANSFER, transitionOpened } from '../domain/transferFixtures.ts';
import { CDP, QUINOTA, TRANSITION, commissionFormed, registered } from './quinota.ts';

const handover: Fact[] = [
  ...registered,
  commissionFormed,
  { type: 'HandoverItemRecorded', data: { transitionId: TRANSITION, itemId: 'i1', category: 'plan', ref: CDP, description: 'PDC vigente y su ordenanza', recordedOn: '2018-11-12' } },
  { type: 'HandoverItemRecorded', data: { transitionId: TRANSITION, itemId: 'i2', category: 'asset', description: 'Inventario de maquinaria', recordedOn: '2018-11-13' } },
  { type: 'HandoverObservationRaised', data: { transitionId: TRANSITION, observationId: 'o1', itemId: 'i2', text: 'Falta un tractor en el inventario', raisedOn: '2018-11-20' } },
  { type: 'HandoverObservationRaised', data: { transitionId: TRANSITION, observationId: 'o2', text: 'Actas de sesiones incompletas', raisedOn: '2018-11-21' } },
  { type: 'CommissionDecisionRecorded', data: { transitionId: TRANSITION, decisionId: 'd1', subject: 'Plan de trabajo', decision: 'Sesionar cada lunes', decidedOn: '2018-11-06' } },
  { type: 'HandoverObservationResolved', data: { transitionId: TRANSITION, observationId: 'o1', resolution: 'El tractor está en reparación; se adjunta orden', resolvedOn: '2018-12-10' } },
  { type: 'HandoverActSigned', data: { transitionId: TRANSITION, signatories: ['Alcalde A (ilustrativo)', 'Alcaldesa B (ilustrativa)'], signedOn: '2018-12-20' } },
];

const o1 = { observationId: 'o1', itemId: 'i2', text: 'Falta un tractor en el inventario', raisedOn: '2018-11-20' };
const o2 = { observationId: 'o2', itemId: null, text: 'Actas de sesiones incompletas', raisedOn: '2018-11-21', resolution: null };

describe('transitionDossierView', () => {
  it('shows the whole dossier once the act is signed', () => {
    given(handover).expect((v) => transitionDossierView(v, TRANSITION)).toEqual({
      atPosition: '10',
      transitionId: TRANSITION, directive: '008-2018-CG/GTN', lgId: QUINOTA, outgoingTermId: '2015-2018', incomingTermId: '2019-2022',
      formedOn: '2018-11-05', status: 'signed',
      commission: {
        outgoing: [{ name: 'Gerente municipal saliente (ilustrativo)', role: 'presidente' }],
        incoming: [
          { name: 'Regidor electo (ilustrativo)', role: 'presidente' },
          { name: 'Tesorero electo (ilustrativo)', role: 'miembro' },
        ],
      },
      decisions: [{ decisionId: 'd1', subject: 'Plan de trabajo', decision: 'Sesionar cada lunes', decidedOn: '2018-11-06' }],
      items: [
        { itemId: 'i1', category: 'plan', ref: CDP, description: 'PDC vigente y su ordenanza', recordedOn: '2018-11-12' },
        { itemId: 'i2', category: 'asset', ref: null, description: 'Inventario de maquinaria', recordedOn: '2018-11-13' },
      ],
      observations: {
        open: [o2],
        resolved: [{ ...o1, resolution: { resolution: 'El tractor está en reparación; se adjunta orden', resolvedOn: '2018-12-10' } }],
      },
      act: { signatories: ['Alcalde A (ilustrativo)', 'Alcaldesa B (ilustrativa)'], signedOn: '2018-12-20' },
      filings: [],
    });
  });

  it('shows both observations open before the resolution, and no act', () => {
    given(handover).at({ asOf: '2018-12-01' }).expect((v) => transitionDossierView(v, TRANSITION)).toMatchObject({
      asOf: '2018-12-01', status: 'open', observations: { open: [{ ...o1, resolution: null }, o2], resolved: [] }, act: null,
    });
  });

  it('as known at a position before the observations, shows none', () => {
    given(handover).at({ atPosition: 5n }).expect((v) => transitionDossierView(v, TRANSITION)).toMatchObject({
      atPosition: '5', items: [{ itemId: 'i1' }, { itemId: 'i2' }], observations: { open: [], resolved: [] },
    });
  });

  it('is undefined before the commission was formed', () => {
    given(handover).at({ asOf: '2018-11-04' }).expect((v) => transitionDossierView(v, TRANSITION)).toBeUndefined();
  });

  it('given a 2022 transition, shows its directive and its filings with their positions', () => {
    const designated = ettsDesignated();
    given([...quinota2026(), transitionOpened(), designated]).expect((v) => transitionDossierView(v, TRANSFER)).toMatchObject({
      directive: '016-2022-CG/PREVI',
      formedOn: '2026-06-01',
      commission: { outgoing: [], incoming: [] },
      act: null,
      filings: [{ type: 'TransferTeamDesignated', position: '6', data: { side: 'outgoing', members: designated.data.members, instrument: designated.data.instrument } }],
    });
  });
});
