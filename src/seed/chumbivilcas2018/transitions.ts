import type { EventData } from '../../domain/events/catalogue.ts';
import type { SeedFact } from '../seedFact.ts';
import { COMMISSIONS, OBSERVATIONS, type Commission } from './commissions.ts';
import { INCOMING_TERM, LOCAL_GOVERNMENTS, OUTGOING_TERM, type ChumbivilcasLg } from './localGovernments.ts';
import { LED_CALENDAR, of } from './plans.ts';
import { projectsOf } from './projects.ts';
import { ids, seedFact } from './scenario.ts';

/**
 * One transition per local government after the 2018 elections: the commission is formed in
 * November, hands over plans (the PDLC, and the PDEL where there is one), budget, projects,
 * documents, assets, obligations and staff, resolves every observation, and the act is signed at
 * the end of December, before the outgoing term ends on 2018-12-31. Dates are illustrative.
 */

type Item = Omit<EventData<'HandoverItemRecorded'>, 'transitionId' | 'itemId'>;

export function transitionFacts(): SeedFact[] {
  return LOCAL_GOVERNMENTS.flatMap(transitionOf);
}

function transitionOf(l: ChumbivilcasLg): SeedFact[] {
  const transitionId = ids.transition(l.lgId);
  const c = COMMISSIONS[l.lgId];
  if (!c) throw new Error(`no commission for ${l.lgId} in the Chumbivilcas scenario`);

  const items = handoverItems(l, c).map((item, i) => ({ ...item, transitionId, itemId: `${transitionId}-it${pad(i + 1)}` }));
  const observations = (OBSERVATIONS[l.lgId] ?? []).map((o, i) => {
    const item = items.find((it) => it.category === o.on);
    if (!item) throw new Error(`observation on a missing ${o.on} item in ${transitionId}`);
    return { ...o, observationId: `${transitionId}-obs${pad(i + 1)}`, itemId: item.itemId, i };
  });

  return [
    seedFact('TransitionCommissionFormed', transitionId, {
      transitionId,
      lgId: l.lgId,
      outgoingTermId: OUTGOING_TERM,
      incomingTermId: INCOMING_TERM,
      members: [
        // Roles are named by the office, not the person ("Presidencia", "Gerencia"), as official acts do: the demo's members are women and men.
        { name: c.outgoingPresident, role: 'Presidencia de la comisión saliente; Gerencia Municipal', side: 'outgoing' },
        { name: c.outgoingPlanner, role: 'Jefatura de la Oficina de Planeamiento y Presupuesto', side: 'outgoing' },
        { name: c.incomingPresident, role: 'Presidencia de la comisión entrante; en representación de la autoridad electa', side: 'incoming' },
        { name: c.incomingAlderman, role: 'Integrante del concejo municipal electo', side: 'incoming' },
      ],
      formedOn: c.formedOn,
    }),
    seedFact('CommissionDecisionRecorded', `${transitionId}-dec01`, {
      transitionId,
      decisionId: `${transitionId}-dec01`,
      subject: 'Instalación de la comisión de transferencia',
      decision:
        'Se instala la comisión de transferencia de gestión y se aprueba el cronograma de reuniones y de entrega ' +
        'de información, conforme a la normativa de la Contraloría General de la República.',
      decidedOn: c.formedOn,
    }),
    ...items.map((item) => seedFact('HandoverItemRecorded', item.itemId, item)),
    ...observations.map((o) =>
      seedFact('HandoverObservationRaised', o.observationId, {
        transitionId,
        observationId: o.observationId,
        itemId: o.itemId,
        text: o.text,
        raisedOn: addDays(c.formedOn, 22 + o.i),
      }),
    ),
    ...observations.map((o) =>
      seedFact('HandoverObservationResolved', o.observationId, {
        transitionId,
        observationId: o.observationId,
        resolution: o.resolution,
        resolvedOn: addDays(c.formedOn, 30 + 2 * o.i),
      }),
    ),
    seedFact('CommissionDecisionRecorded', `${transitionId}-dec02`, {
      transitionId,
      decisionId: `${transitionId}-dec02`,
      subject: 'Informe final de transferencia de gestión',
      decision:
        'Se aprueba el informe final de transferencia de gestión, con las observaciones absueltas, y se acuerda ' +
        'la suscripción del acta de transferencia.',
      decidedOn: addDays(c.signedOn, -1),
    }),
    seedFact('HandoverActSigned', transitionId, {
      transitionId,
      signatories: [l.mayor2015, l.mayor2019, c.outgoingPresident, c.incomingPresident],
      signedOn: c.signedOn,
    }),
  ];
}

/** What each commission hands over, in the order it is recorded (all within three weeks of forming). */
function handoverItems(l: ChumbivilcasLg, c: Commission): Item[] {
  const on = (days: number) => addDays(c.formedOn, days);
  const led: Item[] = LED_CALENDAR[l.lgId]
    ? [
        {
          category: 'plan',
          ref: ids.led(l.lgId),
          description:
            `Plan de Desarrollo Económico Local ${of(l)} 2018-2021, reconocido como política pública, con las actas ` +
            'de su Mesa Técnica de Desarrollo Económico Local.',
          recordedOn: on(7),
        },
      ]
    : [];
  const projects: Item[] = projectsOf(l.lgId).map((p) => ({
    category: 'project',
    ref: p.projectId,
    description: `Estado del proyecto «${p.title}», con financiamiento comprometido en 2018 por ${withArticle(p.funder)}.`,
    recordedOn: on(14),
  }));
  return [
    {
      category: 'plan',
      ref: ids.cdp(l.lgId),
      description: `Plan de Desarrollo Local Concertado ${of(l)} al 2021, actualizado en 2018 (versión 2) y vigente.`,
      recordedOn: on(7),
    },
    ...led,
    {
      category: 'budget',
      description: 'Presupuesto Institucional de Apertura 2019 y estado de la ejecución presupuestal 2018 al 30 de noviembre.',
      recordedOn: on(10),
    },
    ...projects,
    {
      category: 'document',
      description: 'Acervo documentario 2015-2018: actas de sesiones de concejo, ordenanzas, acuerdos y resoluciones de alcaldía.',
      recordedOn: on(17),
    },
    {
      category: 'asset',
      description: 'Inventario de bienes muebles, inmuebles y maquinaria al 30 de noviembre de 2018.',
      recordedOn: on(18),
    },
    {
      category: 'obligation',
      description: 'Relación de obligaciones pendientes de pago y de contratos vigentes al 30 de noviembre de 2018.',
      recordedOn: on(19),
    },
    {
      category: 'staff',
      description: 'Cuadro para asignación de personal y relación del personal nombrado y contratado.',
      recordedOn: on(20),
    },
  ];
}

/** `YYYY-MM-DD` plus `days` (negative to go back), in UTC so no time zone moves the day. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** "por el Ministerio…", "por el Programa…", but "por Provías Descentralizado": a proper name takes no article. */
function withArticle(funder: string): string {
  return /^(Ministerio|Programa|Fondo|Gobierno)\b/.test(funder) ? `el ${funder}` : funder;
}
