import type { EventData } from '../../domain/events/catalogue.ts';
import type { FiledDocument } from '../../domain/events/filedDocument.ts';
import type { SeedFact } from '../seedFact.ts';
import { LOCAL_GOVERNMENTS, type ChumbivilcasLg } from '../chumbivilcas2018/localGovernments.ts';
import { addDays } from '../chumbivilcas2018/transitions.ts';
import { ILLUSTRATIVE_PORTAL, illustrativeDocument } from './illustrativeDocument.ts';
import { PROGRESS, type TransferProgress } from './progress.ts';
import { DIRECTIVE, INCOMING_TERM, OUTGOING_TERM, ids, seedFact } from './scenario.ts';
import { teamsOf } from './teams.ts';

type Item = Omit<EventData<'HandoverItemRecorded'>, 'transitionId'>;

/** One transfer per local government, 2023-2026 to 2027-2030, as far as PROGRESS says it has gone. */
export function transferFacts(): SeedFact[] {
  return LOCAL_GOVERNMENTS.flatMap((l) => {
    const progress = PROGRESS[l.lgId];
    if (!progress) throw new Error(`no transfer progress for ${l.lgId} in the Chumbivilcas 2026 scenario`);
    return transferOf(l, progress);
  });
}

/** The facts of one transfer in the order of the directive's stages: a (ETTS), b (reports), c (commission, review). */
function transferOf(l: ChumbivilcasLg, p: TransferProgress): SeedFact[] {
  const transitionId = ids.transition(l.lgId);
  const doc = documentsOf(l);
  const teams = teamsOf(l.lgId);
  const facts: SeedFact[] = [
    seedFact('TransitionOpened', transitionId, {
      transitionId,
      lgId: l.lgId,
      directive: DIRECTIVE,
      outgoingTermId: OUTGOING_TERM,
      incomingTermId: INCOMING_TERM,
      openedOn: p.ettsDesignated,
    }),
    seedFact('TransferTeamDesignated', `${transitionId}/outgoing`, {
      transitionId,
      side: 'outgoing',
      members: teams.outgoing,
      instrument: doc('resolucion-etts', `Resolución de Alcaldía N° ${number(l, 1)} que conforma el ETTS`),
      designatedOn: p.ettsDesignated,
    }),
  ];
  // Stage a: the ETTS installed.
  if (p.ettsInstalled) {
    facts.push(
      seedFact('TransferTeamInstalled', `${transitionId}/outgoing`, {
        transitionId,
        side: 'outgoing',
        installationAct: doc('acta-instalacion-etts', `Acta de Instalación del ETTS N° ${number(l, 2)}`),
        installedOn: p.ettsInstalled,
      }),
    );
  }
  // Stage b: the mayor's accountability report, then the transfer report, each with its constancia.
  if (p.accountabilityReport) {
    facts.push(
      seedFact('AccountabilityReportFiled', `${transitionId}/initial`, {
        transitionId,
        version: 'initial',
        constancia: `Constancia de Presentación N° ${number(l, 3)}`,
        report: doc('informe-rendicion-cuentas', `Informe de Rendición de Cuentas de Titulares por Cese en el Cargo N° ${number(l, 3)}`),
        filedOn: p.accountabilityReport,
      }),
    );
  }
  if (p.transferReport) {
    facts.push(
      seedFact('TransferReportFiled', transitionId, {
        transitionId,
        constancia: `Constancia de Presentación N° ${number(l, 4)}`,
        report: doc('informe-transferencia', `Informe de Transferencia de Gestión N° ${number(l, 4)}`),
        sections: [
          { section: 'I', summary: 'Estado de los sistemas administrativos: presupuesto, abastecimiento, tesorería, contabilidad, personal e inversiones.', documents: [doc('anexo-seccion-i', `Anexo de la sección I del informe N° ${number(l, 4)}`)] },
          { section: 'II', summary: 'Indicadores de eficacia de los servicios municipales y su avance al 30 de setiembre de 2026.', documents: [] },
          { section: 'III', summary: 'Servicios públicos que presta la municipalidad: limpieza pública, agua y saneamiento rural, registro civil y caminos vecinales.', documents: [] },
          { section: 'IV', summary: 'Resultados de la gestión 2023-2026 por servicio, con las metas alcanzadas.', documents: [] },
          { section: 'V', summary: 'Información para la continuidad de los servicios: contratos vigentes, obras en ejecución y compromisos con la población.', documents: [] },
        ],
        filedOn: p.transferReport,
      }),
    );
  }
  // Stage c: the ETTE, then the commission, its installation decision, the handover and the review.
  if (p.etteDesignated) {
    facts.push(
      seedFact('TransferTeamDesignated', `${transitionId}/incoming`, {
        transitionId,
        side: 'incoming',
        members: teams.incoming,
        instrument: doc('designacion-ette', `Carta N° ${number(l, 5)} del alcalde electo que designa el ETTE`),
        designatedOn: p.etteDesignated,
      }),
    );
  }
  if (p.commissionInstalled) facts.push(...commissionFacts(l, p, p.commissionInstalled, doc));
  if (p.supplementaryReport) {
    const reportId = ids.supplementary(l.lgId, 1);
    facts.push(
      seedFact('SupplementaryReportFiled', reportId, {
        transitionId,
        reportId,
        summary: 'Información que el ETTS completa a pedido de la comisión: sustento de obligaciones pendientes de pago y saldos de obras.',
        report: doc('informe-complementario-01', `Informe Complementario N° ${number(l, 7)}`),
        filedOn: p.supplementaryReport,
      }),
    );
  }
  return facts;
}

function commissionFacts(l: ChumbivilcasLg, p: TransferProgress, installedOn: string, doc: DocumentOf): SeedFact[] {
  const transitionId = ids.transition(l.lgId);
  const items = handoverItems(l, installedOn);
  const observations = (p.observations ?? []).map((o, i) => {
    const item = items.find((it) => it.category === o.on);
    if (!item) throw new Error(`observation on a missing ${o.on} item in ${transitionId}`);
    return { ...o, observationId: ids.observation(l.lgId, i + 1), itemId: item.itemId, i };
  });
  return [
    seedFact('TransferCommissionInstalled', transitionId, {
      transitionId,
      installationAct: doc('acta-instalacion-comision', `Acta de Instalación de la Comisión de Transferencia N° ${number(l, 6)}`),
      installedOn,
    }),
    seedFact('CommissionDecisionRecorded', ids.decision(l.lgId, 1), {
      transitionId,
      decisionId: ids.decision(l.lgId, 1),
      subject: 'Instalación de la Comisión de Transferencia',
      decision:
        'Se instala la Comisión de Transferencia con ambos titulares y ambos equipos de trabajo, y se aprueba el cronograma ' +
        'de revisión de la información, conforme a la Directiva N° 016-2022-CG/PREVI.',
      decidedOn: installedOn,
    }),
    ...items.map((item) => seedFact('HandoverItemRecorded', item.itemId, { transitionId, ...item })),
    ...observations.map((o) =>
      seedFact('HandoverObservationRaised', o.observationId, {
        transitionId,
        observationId: o.observationId,
        itemId: o.itemId,
        text: o.text,
        raisedOn: addDays(installedOn, 8 + o.i),
      }),
    ),
    ...observations.flatMap((o) =>
      o.resolution
        ? [
            seedFact('HandoverObservationResolved', o.observationId, {
              transitionId,
              observationId: o.observationId,
              resolution: o.resolution,
              resolvedOn: addDays(installedOn, 12 + o.i),
            }),
          ]
        : [],
    ),
  ];
}

/** What the ETTS hands over to the commission, one category a day in the week after its installation. */
function handoverItems(l: ChumbivilcasLg, installedOn: string): Item[] {
  const items: Omit<Item, 'itemId' | 'recordedOn'>[] = [
    { category: 'budget', description: 'Presupuesto Institucional Modificado 2026 y reporte de ejecución presupuestal al 31 de octubre de 2026.' },
    { category: 'document', description: 'Acervo documentario 2023-2026: actas de sesiones de concejo, ordenanzas, acuerdos y resoluciones de alcaldía.' },
    { category: 'asset', description: 'Inventario de bienes muebles, inmuebles y maquinaria al 31 de octubre de 2026.' },
    { category: 'obligation', description: 'Relación de obligaciones pendientes de pago y de contratos vigentes al 31 de octubre de 2026.' },
    { category: 'staff', description: 'Cuadro para asignación de personal y relación del personal nombrado y contratado en 2026.' },
    { category: 'plan', description: `Plan de Desarrollo Local Concertado vigente de la ${l.name} y su reporte de seguimiento 2026.` },
  ];
  return items.map((item, i) => ({ ...item, itemId: ids.item(l.lgId, i + 1), recordedOn: addDays(installedOn, i + 1) }));
}

type DocumentOf = (slug: string, title: string) => FiledDocument;

/** The documents of one municipality: titles and numbers marked illustrative, published under example.org. */
function documentsOf(l: ChumbivilcasLg): DocumentOf {
  return (slug, title) =>
    illustrativeDocument({
      title: `${title} (ilustrativo)`,
      contraloriaRef: `CGR-ILUSTRATIVO-${l.lgId}-2026-${slug}`,
      publishedAt: `${ILLUSTRATIVE_PORTAL}/${l.lgId}/transferencia-2026/${slug}.txt`,
    });
}

/** An illustrative instrument number in the municipality's series, e.g. `004-2026-MDQ`. */
function number(l: ChumbivilcasLg, n: number): string {
  return `${String(n).padStart(3, '0')}-2026-${l.acronym}`;
}
