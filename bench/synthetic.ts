import { randomUUID } from 'node:crypto';
import { catalogue, streamOf, type EventType, type LedgerEvent } from '../src/domain/events/catalogue.ts';
import type { EventToAppend } from '../src/eventStore/eventStore.ts';

/**
 * Synthetic ledgers shaped like real transitions: ~1,900 local governments, each with its terms, a
 * CDP, a few co-funded projects, one transition commission with hundreds of handover items,
 * observations raised and resolved, the act, the new term's inheritance decision, and participatory
 * allocations. Every event passes its catalogue schema, so folds and rules see real data.
 */

/** One atomic batch of one stream, in log order. */
export interface SyntheticBatch {
  stream: string;
  events: LedgerEvent[];
}

export const LG_COUNT = 1900;
const PROJECTS_PER_LG = 5;
const OBSERVATIONS_PER_LG = 10;
const ALLOCATIONS_PER_LG = 30;
/** Events per local government besides the handover items. */
// registration and term 2, plan 2, projects 3 each, commission 1, observations and act, terms 2, decision 1, allocations.
const FIXED_PER_LG = 2 + 2 + PROJECTS_PER_LG * 3 + 1 + (2 * OBSERVATIONS_PER_LG + 1) + 2 + 1 + ALLOCATIONS_PER_LG;

export const lgIdOf = (i: number): string => String(100000 + i);

/** Batches totalling exactly `total` events (at least FIXED_PER_LG per local government), in log order. */
export function* syntheticLedger(total: number, lgCount = Math.min(LG_COUNT, Math.max(1, Math.floor(total / (FIXED_PER_LG + 10))))): Generator<SyntheticBatch> {
  const itemsTotal = total - lgCount * FIXED_PER_LG;
  if (itemsTotal < 0) throw new Error(`need at least ${lgCount * FIXED_PER_LG} events for ${lgCount} local governments`);
  const itemsOf = (i: number) => Math.floor(itemsTotal / lgCount) + (i < itemsTotal % lgCount ? 1 : 0);
  const lgs = Array.from({ length: lgCount }, (_, i) => i);

  // 1. Registration, the outgoing term, its plan and projects.
  for (const i of lgs) {
    const lgId = lgIdOf(i);
    yield batch([
      ev('LocalGovernmentRegistered', { lgId, name: `Municipalidad Distrital ${lgId}`, level: i % 10 === 0 ? 'provincial' : 'district', province: `Provincia ${Math.floor(i / 10)}`, department: `Departamento ${Math.floor(i / 80)}` }),
      ev('AuthorityTermStarted', { lgId, termId: '2015-2018', mayor: `Alcalde saliente ${lgId}`, startedOn: '2015-01-01' }),
    ]);
    const planId = `cdp-${lgId}`;
    yield batch([
      ev('PlanDrafted', { planId, lgId, kind: 'CDP', title: `Plan de Desarrollo Concertado ${lgId} al 2021`, horizon: { from: 2016, to: 2021 }, objectives: [{ code: 'OE1', text: 'Mejorar la producción agropecuaria' }, { code: 'OE2', text: 'Mejorar la calidad educativa' }], draftedOn: '2016-03-01' }),
      ev('PlanAdopted', { planId, version: 1, instrument: `Ordenanza Municipal N° ${i}-2016`, adoptedOn: '2016-06-01' }),
    ]);
    for (let k = 0; k < PROJECTS_PER_LG; k++) {
      const projectId = `pry-${lgId}-${k}`;
      const lgIds = i > 0 && k === 0 ? [lgId, lgIdOf(i - 1)] : [lgId];
      yield batch([
        ev('ProjectRegistered', { projectId, title: `Proyecto ${k} de ${lgId}`, sector: (['agriculture', 'education', 'health', 'transportation', 'sanitation'] as const)[k % 5]!, lgIds, registeredOn: '2017-04-01' }),
        ev('FundingCommitted', { commitmentId: `c-${projectId}-1`, projectId, funder: 'MINAGRI', amount: `${150000 + k * 1000}.50`, currency: 'PEN', committedOn: '2017-05-01' }),
        ev('FundingCommitted', { commitmentId: `c-${projectId}-2`, projectId, funder: 'Gobierno Regional', amount: '48000.00', currency: 'PEN', committedOn: '2017-06-01' }),
      ]);
    }
  }
  // 2. Elections: the commissions form, then items arrive from every local government at once.
  for (const i of lgs) {
    const lgId = lgIdOf(i);
    yield batch([
      ev('TransitionCommissionFormed', { transitionId: `tr-${lgId}-2018`, lgId, outgoingTermId: '2015-2018', incomingTermId: '2019-2022', members: [{ name: 'Gerente municipal', role: 'Presidente', side: 'outgoing' }, { name: 'Regidor electo', role: 'Presidente', side: 'incoming' }], formedOn: '2018-11-15' }),
    ]);
  }
  const done = new Array<number>(lgCount).fill(0);
  for (let remaining = itemsTotal; remaining > 0; ) {
    for (const i of lgs) {
      const n = Math.min(100, itemsOf(i) - done[i]!);
      if (n <= 0) continue;
      const transitionId = `tr-${lgIdOf(i)}-2018`;
      yield batch(Array.from({ length: n }, (_, j) => itemEvent(transitionId, done[i]! + j)));
      done[i]! += n;
      remaining -= n;
    }
  }
  for (const i of lgs) {
    const transitionId = `tr-${lgIdOf(i)}-2018`;
    const ids = Array.from({ length: OBSERVATIONS_PER_LG }, (_, k) => `o-${k}`);
    yield batch([
      ...ids.map((observationId) => ev('HandoverObservationRaised', { transitionId, observationId, text: 'Falta el inventario de bienes muebles del almacén central', raisedOn: '2018-12-01' })),
      ...ids.map((observationId) => ev('HandoverObservationResolved', { transitionId, observationId, resolution: 'Inventario entregado y conciliado', resolvedOn: '2018-12-10' })),
      ev('HandoverActSigned', { transitionId, signatories: ['Alcalde saliente', 'Alcalde electo'], signedOn: '2018-12-20' }),
    ]);
  }
  // 3. The new term: inheritance decision and a participatory budget.
  for (const i of lgs) {
    const lgId = lgIdOf(i);
    yield batch([
      ev('AuthorityTermEnded', { lgId, termId: '2015-2018', endedOn: '2018-12-31' }),
      ev('AuthorityTermStarted', { lgId, termId: '2019-2022', mayor: `Alcaldesa entrante ${lgId}`, startedOn: '2019-01-01' }),
    ]);
    yield batch([ev('PlanInheritanceDecided', { planId: `cdp-${lgId}`, lgId, termId: '2019-2022', decision: 'continue', decidedOn: '2019-02-01' })]);
  }
  for (const i of lgs) {
    const lgId = lgIdOf(i);
    yield batch(Array.from({ length: ALLOCATIONS_PER_LG }, (_, k) =>
      ev('BudgetAllocated', { allocationId: `a-${lgId}-${k}`, lgId, fiscalYear: 2019 + (k % 3), projectId: `pry-${lgId}-${k % PROJECTS_PER_LG}`, planId: `cdp-${lgId}`, objectiveCode: 'OE1', process: 'participatory', amount: `${10000 + k}.00`, currency: 'PEN', allocatedOn: '2019-03-01' })));
  }
}

export function itemEvent(transitionId: string, n: number): LedgerEvent {
  const category = (['document', 'asset', 'budget', 'obligation', 'staff'] as const)[n % 5]!;
  return ev('HandoverItemRecorded', { transitionId, itemId: `item-${n}`, category, description: `Acervo documentario, caja ${n}: expedientes de obras y liquidaciones`, recordedOn: '2018-11-25' });
}

/** Store-port form of synthetic events: what the recorder would have written. */
export function toAppend(events: LedgerEvent[], recordedAt = '2019-03-02T12:00:00.000Z'): EventToAppend[] {
  return events.map((e) => ({ id: randomUUID(), type: e.type, schemaVersion: 1, data: e.data, recordedAt, actor: 'bench', metadata: { role: 'registrar' } }));
}

function batch(events: LedgerEvent[]): SyntheticBatch {
  return { stream: streamOf(events[0]!)!, events };
}

function ev<K extends EventType>(type: K, data: unknown): LedgerEvent {
  return { type, data: catalogue[type].schema.parse(data) } as LedgerEvent;
}
