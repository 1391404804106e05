import { catalogue, type EventData, type EventType, type LedgerEvent } from '../../../src/domain/events/catalogue.ts';
import type { FiledDocument } from '../../../src/domain/events/filedDocument.ts';
import { lgRegistered, QUINOTA, termEnded, termStarted } from './fixtures.ts';

/**
 * Builders of the 2022 transfer process (Directiva 016-2022-CG/PREVI) for Quiñota's 2023-2026 →
 * 2027-2030 transfer. Every builder parses with the catalogue's schema; names, numbers and digests
 * are illustrative.
 */
export const OUTGOING_2023 = '2023-2026';
export const INCOMING_2027 = '2027-2030';
export const TRANSFER = 'tr-080707-2026';

type Of<K extends EventType> = Extract<LedgerEvent, { type: K }>;
function fact<K extends EventType>(type: K, data: EventData<K>): Of<K> {
  return { type, data: catalogue[type].schema.parse(data) } as Of<K>;
}

/** A document with a digest derived from its title, so each fixture document is distinct. */
export function document(title: string, o: Partial<FiledDocument> = {}): FiledDocument {
  const hex = [...Buffer.from(title.padEnd(32, '.').slice(0, 32), 'utf8').subarray(0, 32)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return { title, sha256: hex.padEnd(64, '0').slice(0, 64), sizeBytes: 1000 + title.length, contraloriaRef: `CGR-${title.length}`, ...o };
}

/** Quiñota registered, its 2019-2022 term ended and its 2023-2026 term in office. */
export const quinota2026 = (): LedgerEvent[] => [
  lgRegistered(),
  termStarted({ termId: '2019-2022', startedOn: '2019-01-01' }),
  termEnded({ termId: '2019-2022', endedOn: '2022-12-31' }),
  termStarted({ termId: OUTGOING_2023, startedOn: '2023-01-01' }),
];

export const transitionOpened = (o: Partial<EventData<'TransitionOpened'>> = {}) =>
  fact('TransitionOpened', {
    transitionId: TRANSFER,
    lgId: QUINOTA,
    directive: '016-2022-CG/PREVI',
    outgoingTermId: OUTGOING_2023,
    incomingTermId: INCOMING_2027,
    openedOn: '2026-06-01',
    ...o,
  });

const member = (name: string, role: 'lead' | 'member', kind: 'official' | 'servant' | 'citizen' = 'official') => ({ name, role, kind });

export const ettsDesignated = (o: Partial<EventData<'TransferTeamDesignated'>> = {}) =>
  fact('TransferTeamDesignated', {
    transitionId: TRANSFER,
    side: 'outgoing',
    members: [member('Gerente Municipal (ilustrativo)', 'lead'), member('Jefe de Presupuesto (ilustrativo)', 'member')],
    instrument: document('Resolución de Alcaldía N° 101-2026-MDQ'),
    designatedOn: '2026-06-02',
    ...o,
  });

export const etteDesignated = (o: Partial<EventData<'TransferTeamDesignated'>> = {}) =>
  fact('TransferTeamDesignated', {
    transitionId: TRANSFER,
    side: 'incoming',
    members: [member('Responsable ETTE (ilustrativo)', 'lead', 'citizen'), member('Integrante 2 (ilustrativo)', 'member', 'citizen'), member('Integrante 3 (ilustrativo)', 'member', 'servant')],
    instrument: document('Documento de conformación del ETTE'),
    designatedOn: '2026-11-02',
    ...o,
  });

export const ettsInstalled = (o: Partial<EventData<'TransferTeamInstalled'>> = {}) =>
  fact('TransferTeamInstalled', { transitionId: TRANSFER, side: 'outgoing', installationAct: document('Acta de Instalación del ETTS'), installedOn: '2026-06-03', ...o });

export const accountabilityFiled = (o: Partial<EventData<'AccountabilityReportFiled'>> = {}) =>
  fact('AccountabilityReportFiled', {
    transitionId: TRANSFER,
    version: 'initial',
    constancia: 'Constancia N° 0001-2026 (ilustrativo)',
    report: document('Informe de Rendición de Cuentas inicial'),
    filedOn: '2026-07-15',
    ...o,
  });

const section = (s: 'I' | 'II' | 'III' | 'IV' | 'V') => ({ section: s, summary: `Sección ${s} (ilustrativo)`, documents: [] });
export const ALL_SECTIONS = (['I', 'II', 'III', 'IV', 'V'] as const).map(section);

export const transferReportFiled = (o: Partial<EventData<'TransferReportFiled'>> = {}) =>
  fact('TransferReportFiled', {
    transitionId: TRANSFER,
    constancia: 'Constancia N° 0002-2026 (ilustrativo)',
    report: document('Informe de Transferencia de Gestión'),
    sections: ALL_SECTIONS,
    filedOn: '2026-10-20',
    ...o,
  });

export const commissionInstalled = (o: Partial<EventData<'TransferCommissionInstalled'>> = {}) =>
  fact('TransferCommissionInstalled', { transitionId: TRANSFER, installationAct: document('Acta de Instalación de la Comisión'), installedOn: '2026-11-10', ...o });

export const supplementaryFiled = (o: Partial<EventData<'SupplementaryReportFiled'>> = {}) =>
  fact('SupplementaryReportFiled', {
    transitionId: TRANSFER,
    reportId: 'ic-1',
    summary: 'Información de noviembre y diciembre (ilustrativo)',
    report: document('Informe Complementario 1'),
    filedOn: '2026-11-20',
    ...o,
  });

export const ALL_SIGNATORIES = [
  { role: 'incoming-head' as const, name: 'Alcalde electo (ilustrativo)' },
  { role: 'outgoing-head' as const, name: 'Alcalde saliente (ilustrativo)' },
  { role: 'responsible-official' as const, name: 'Funcionario responsable (ilustrativo)' },
  { role: 'incoming-team-lead' as const, name: 'Responsable ETTE (ilustrativo)' },
];

export const transferActSigned = (o: Partial<EventData<'TransferActSigned'>> = {}) =>
  fact('TransferActSigned', { transitionId: TRANSFER, signatories: ALL_SIGNATORIES, act: document('Acta de Transferencia de Gestión'), signedOn: '2026-11-25', ...o });

/** Opened, both teams designated, the ETTS installed, both reports filed, the commission installed. */
export const readyToSign = (): LedgerEvent[] => [
  ...quinota2026(),
  transitionOpened(),
  ettsDesignated(),
  ettsInstalled(),
  accountabilityFiled(),
  transferReportFiled(),
  etteDesignated(),
  commissionInstalled(),
];
