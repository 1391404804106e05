import { catalogue, type EventData, type EventType, type LedgerEvent } from '../../../src/domain/events/catalogue.ts';

/**
 * Builders of valid catalogue events for the rule specs. Every builder parses its data with the
 * catalogue's zod schema, so a spec can never pass because of a malformed fixture.
 * Names and dates are illustrative; ubigeos are real (Chumbivilcas 080701, Quiñota 080707).
 */

export const CHUMBIVILCAS = '080701';
export const QUINOTA = '080707';
export const OUTGOING = '2015-2018';
export const INCOMING = '2019-2022';
export const PLAN = 'cdp-quinota-2021';
export const TRANSITION = 'transition-quinota-2018';
export const TABLE = 'mesa-chumbivilcas';
export const PROJECT = 'riego-quinota';

type Of<K extends EventType> = Extract<LedgerEvent, { type: K }>;

function fact<K extends EventType>(type: K, data: EventData<K>): Of<K> {
  return { type, data: catalogue[type].schema.parse(data) } as Of<K>;
}

export const lgRegistered = (o: Partial<EventData<'LocalGovernmentRegistered'>> = {}) =>
  fact('LocalGovernmentRegistered', {
    lgId: QUINOTA,
    name: 'Municipalidad Distrital de Quiñota',
    level: 'district',
    province: 'Chumbivilcas',
    department: 'Cusco',
    ...o,
  });

export const termStarted = (o: Partial<EventData<'AuthorityTermStarted'>> = {}) =>
  fact('AuthorityTermStarted', { lgId: QUINOTA, termId: OUTGOING, mayor: 'Alcalde (ilustrativo)', startedOn: '2015-01-01', ...o });

export const termEnded = (o: Partial<EventData<'AuthorityTermEnded'>> = {}) =>
  fact('AuthorityTermEnded', { lgId: QUINOTA, termId: OUTGOING, endedOn: '2018-12-31', ...o });

export const planDrafted = (o: Partial<EventData<'PlanDrafted'>> = {}) =>
  fact('PlanDrafted', {
    planId: PLAN,
    lgId: QUINOTA,
    kind: 'CDP',
    title: 'Plan de Desarrollo Concertado de Quiñota al 2021',
    horizon: { from: 2017, to: 2021 },
    objectives: [
      { code: 'OE1', text: 'Mejorar la producción agropecuaria' },
      { code: 'OE2', text: 'Mejorar la calidad educativa' },
    ],
    draftedOn: '2016-03-01',
    ...o,
  });

export const planUpdated = (o: Partial<EventData<'PlanUpdated'>> = {}) =>
  fact('PlanUpdated', { planId: PLAN, version: 2, summary: 'Actualización del PDC', updatedOn: '2017-03-01', ...o });

export const planAdopted = (o: Partial<EventData<'PlanAdopted'>> = {}) =>
  fact('PlanAdopted', { planId: PLAN, version: 1, instrument: 'Ordenanza Municipal (ilustrativa)', adoptedOn: '2016-06-01', ...o });

export const planRecognized = (o: Partial<EventData<'PlanRecognizedAsPublicPolicy'>> = {}) =>
  fact('PlanRecognizedAsPublicPolicy', { planId: PLAN, instrument: 'Ordenanza Municipal (ilustrativa)', recognizedOn: '2017-06-01', ...o });

export const inheritanceDecided = (o: Partial<EventData<'PlanInheritanceDecided'>> = {}) =>
  fact('PlanInheritanceDecided', { planId: PLAN, lgId: QUINOTA, termId: INCOMING, decision: 'continue', decidedOn: '2019-02-01', ...o });

export const commissionFormed = (o: Partial<EventData<'TransitionCommissionFormed'>> = {}) =>
  fact('TransitionCommissionFormed', {
    transitionId: TRANSITION,
    lgId: QUINOTA,
    outgoingTermId: OUTGOING,
    incomingTermId: INCOMING,
    members: [
      { name: 'Saliente (ilustrativo)', role: 'Presidente', side: 'outgoing' },
      { name: 'Entrante (ilustrativo)', role: 'Presidente', side: 'incoming' },
    ],
    formedOn: '2018-11-15',
    ...o,
  });

export const decisionRecorded = (o: Partial<EventData<'CommissionDecisionRecorded'>> = {}) =>
  fact('CommissionDecisionRecorded', {
    transitionId: TRANSITION,
    decisionId: 'd-1',
    subject: 'Cronograma',
    decision: 'Sesionar cada semana',
    decidedOn: '2018-11-20',
    ...o,
  });

export const itemRecorded = (o: Partial<EventData<'HandoverItemRecorded'>> = {}) =>
  fact('HandoverItemRecorded', {
    transitionId: TRANSITION,
    itemId: 'i-1',
    category: 'document',
    description: 'Acervo documentario',
    recordedOn: '2018-11-25',
    ...o,
  });

export const observationRaised = (o: Partial<EventData<'HandoverObservationRaised'>> = {}) =>
  fact('HandoverObservationRaised', {
    transitionId: TRANSITION,
    observationId: 'o-1',
    text: 'Falta el inventario',
    raisedOn: '2018-12-01',
    ...o,
  });

export const observationResolved = (o: Partial<EventData<'HandoverObservationResolved'>> = {}) =>
  fact('HandoverObservationResolved', {
    transitionId: TRANSITION,
    observationId: 'o-1',
    resolution: 'Inventario entregado',
    resolvedOn: '2018-12-10',
    ...o,
  });

export const actSigned = (o: Partial<EventData<'HandoverActSigned'>> = {}) =>
  fact('HandoverActSigned', { transitionId: TRANSITION, signatories: ['Saliente', 'Entrante'], signedOn: '2018-12-20', ...o });

export const tableEstablished = (o: Partial<EventData<'TechnicalTableEstablished'>> = {}) =>
  fact('TechnicalTableEstablished', {
    tableId: TABLE,
    name: 'Mesa Técnica para el Desarrollo de Chumbivilcas',
    scope: 'provincial-development',
    lgIds: [QUINOTA],
    members: [{ name: 'Gobierno nacional', sector: 'public' }],
    establishedOn: '2018-03-01',
    ...o,
  });

export const memberJoined = (o: Partial<EventData<'TechnicalTableMemberJoined'>> = {}) =>
  fact('TechnicalTableMemberJoined', {
    tableId: TABLE,
    member: { name: 'Empresa minera (ilustrativa)', sector: 'private' },
    joinedOn: '2018-04-01',
    ...o,
  });

export const projectRegistered = (o: Partial<EventData<'ProjectRegistered'>> = {}) =>
  fact('ProjectRegistered', {
    projectId: PROJECT,
    title: 'Riego tecnificado en Quiñota',
    sector: 'agriculture',
    lgIds: [QUINOTA],
    registeredOn: '2018-04-01',
    ...o,
  });

export const fundingCommitted = (o: Partial<EventData<'FundingCommitted'>> = {}) =>
  fact('FundingCommitted', {
    commitmentId: 'c-1',
    projectId: PROJECT,
    funder: 'MINAGRI',
    amount: '5187500.00',
    currency: 'PEN',
    committedOn: '2018-05-01',
    ...o,
  });

export const budgetAllocated = (o: Partial<EventData<'BudgetAllocated'>> = {}) =>
  fact('BudgetAllocated', {
    allocationId: 'a-1',
    lgId: QUINOTA,
    fiscalYear: 2019,
    projectId: PROJECT,
    planId: PLAN,
    process: 'participatory',
    amount: '100000.00',
    currency: 'PEN',
    allocatedOn: '2019-03-01',
    ...o,
  });

export const entryRetracted = (o: Partial<EventData<'EntryRetracted'>> = {}) =>
  fact('EntryRetracted', {
    eventId: '00000000-0000-4000-8000-00000000ffff',
    reason: 'Registrado por error',
    retractedOn: '2019-04-01',
    ...o,
  });

/** Quiñota with its 2015-2018 term ended and its 2019-2022 term in office. */
export const quinotaAfterElections = (): LedgerEvent[] => [
  lgRegistered(),
  termStarted(),
  termEnded(),
  termStarted({ termId: INCOMING, mayor: 'Alcaldesa (ilustrativa)', startedOn: '2019-01-01' }),
];

/** Quiñota in the 2015-2018 term with its CDP adopted on 2016-06-01. */
export const quinotaWithAdoptedPlan = (): LedgerEvent[] => [lgRegistered(), termStarted(), planDrafted(), planAdopted()];
