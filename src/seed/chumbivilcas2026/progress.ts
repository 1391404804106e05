import type { EventData } from '../../domain/events/catalogue.ts';

/** An observation the ETTE raises on the first handover item of a category; resolved when it has a resolution. */
export interface ObservationPlan {
  on: EventData<'HandoverItemRecorded'>['category'];
  text: string;
  resolution?: string;
}

/**
 * How far each transfer stands on the day the demo is recorded (2026-12-01; the 2027-2030 terms
 * begin on 2027-01-01, so no act is signed). A step left out has not happened yet. Every date is
 * illustrative and no later than 2026-11-30; within a transfer each step is dated on or after the
 * steps it needs, so a seeder that skips the facts dated after its recording day keeps a consistent story.
 */
export interface TransferProgress {
  /** TransitionOpened and the ETTS designated by the outgoing mayor's resolution, the same day. */
  ettsDesignated: string;
  ettsInstalled?: string;
  /** The initial Informe de Rendición de Cuentas (the updated one comes after the term ends). */
  accountabilityReport?: string;
  transferReport?: string;
  /** The ETTE, designated by the mayor-elect. */
  etteDesignated?: string;
  /** The commission installed; the handover items follow over the next week. */
  commissionInstalled?: string;
  /** Raised on the incoming side's review of the handover items. */
  observations?: ObservationPlan[];
  supplementaryReport?: string;
}

export const PROGRESS: Readonly<Record<string, TransferProgress>> = {
  // The provincial municipality: the furthest along, with a supplementary report.
  '080701': {
    ettsDesignated: '2026-05-18',
    ettsInstalled: '2026-05-25',
    accountabilityReport: '2026-06-30',
    transferReport: '2026-10-16',
    etteDesignated: '2026-11-04',
    commissionInstalled: '2026-11-09',
    observations: [
      {
        on: 'budget',
        text: 'El ETTE observa que el reporte de ejecución presupuestal 2026 no detalla los saldos de obras por administración directa.',
        resolution: 'El ETTS entregó la relación de obras por administración directa con sus saldos al 31 de octubre de 2026.',
      },
      {
        on: 'obligation',
        text: 'Se solicita el sustento de tres obligaciones pendientes de pago registradas en el Informe de Transferencia de Gestión.',
      },
    ],
    supplementaryReport: '2026-11-27',
  },
  // Only the ETTS designated.
  '080702': { ettsDesignated: '2026-09-14' },
  // ETTS installed, accountability report filed.
  '080703': { ettsDesignated: '2026-06-08', ettsInstalled: '2026-06-15', accountabilityReport: '2026-07-10' },
  // ETTS installed, accountability and transfer reports filed.
  '080704': { ettsDesignated: '2026-05-25', ettsInstalled: '2026-06-01', accountabilityReport: '2026-06-29', transferReport: '2026-10-20' },
  // Reports filed and the ETTE designated; the commission not installed yet.
  '080705': {
    ettsDesignated: '2026-06-01',
    ettsInstalled: '2026-06-08',
    accountabilityReport: '2026-07-06',
    transferReport: '2026-10-23',
    etteDesignated: '2026-11-10',
  },
  // Commission installed, one observation open.
  '080706': {
    ettsDesignated: '2026-06-15',
    ettsInstalled: '2026-06-22',
    accountabilityReport: '2026-07-13',
    transferReport: '2026-10-27',
    etteDesignated: '2026-11-05',
    commissionInstalled: '2026-11-12',
    observations: [
      {
        on: 'asset',
        text: 'El inventario de bienes al 31 de octubre de 2026 no consigna el estado de conservación de la maquinaria pesada.',
      },
    ],
  },
  // Quiñota: commission installed, one observation resolved and one open.
  '080707': {
    ettsDesignated: '2026-05-20',
    ettsInstalled: '2026-05-27',
    accountabilityReport: '2026-06-24',
    transferReport: '2026-10-15',
    etteDesignated: '2026-11-02',
    commissionInstalled: '2026-11-06',
    observations: [
      {
        on: 'asset',
        text: 'El ETTE solicita verificar en el almacén municipal el cargador frontal y el volquete consignados en el inventario.',
        resolution: 'Ambos equipos verificaron la maquinaria en el almacén municipal y se actualizó el inventario con su estado de conservación.',
      },
      {
        on: 'staff',
        text: 'La relación de personal no incluye a los servidores contratados bajo el régimen CAS durante 2026.',
      },
    ],
  },
  // Commission installed, handover items recorded, no observation.
  '080708': {
    ettsDesignated: '2026-06-10',
    ettsInstalled: '2026-06-17',
    accountabilityReport: '2026-07-08',
    transferReport: '2026-10-29',
    etteDesignated: '2026-11-06',
    commissionInstalled: '2026-11-13',
  },
};
