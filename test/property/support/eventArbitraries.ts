import fc from 'fast-check';
import { catalogue, isEventType } from '../../../src/domain/events/catalogue.ts';
import type { StoredEvent } from '../../../src/records/storedEvent.ts';

/**
 * Schema-valid facts over small pools of ids, so that generated logs collide the way real ones do:
 * terms of the same local government, adoptions of the same plan, retractions of earlier events.
 * They need not pass the rules: projections must fold any recorded log, in any order.
 */
const lgId = fc.constantFrom('080701', '080707');
const termId = fc.constantFrom('2015-2018', '2019-2022');
const planId = fc.constantFrom('plan-a', 'plan-b');
const transitionId = fc.constantFrom('tr-a', 'tr-b');
const tableId = fc.constantFrom('mesa-a', 'mesa-b');
const projectId = fc.constantFrom('proy-a', 'proy-b');
const smallId = fc.constantFrom('x1', 'x2', 'x3');
const date = fc.constantFrom('2015-01-01', '2017-06-30', '2018-11-15', '2018-12-31', '2019-01-01', '2019-03-08');
const text = fc.constantFrom('Quiñota', 'Plan de desarrollo', 'Acta', 'Mesa técnica');
const amount = fc.constantFrom('1.00', '1500.50', '846320.00');

const facts = {
  LocalGovernmentRegistered: fc.record({ lgId, name: text, level: fc.constantFrom('provincial', 'district'), province: text, department: text }),
  AuthorityTermStarted: fc.record({ lgId, termId, mayor: text, startedOn: date }),
  AuthorityTermEnded: fc.record({ lgId, termId, endedOn: date }),
  PlanDrafted: fc.record({
    planId, lgId, kind: fc.constantFrom('CDP', 'LED'), title: text,
    horizon: fc.constant({ from: 2017, to: 2021 }), objectives: fc.constant([{ code: 'OE1', text: 'Objetivo' }]), draftedOn: date,
  }),
  PlanUpdated: fc.record({ planId, version: fc.integer({ min: 2, max: 4 }), summary: text, updatedOn: date }),
  PlanAdopted: fc.record({ planId, version: fc.integer({ min: 1, max: 4 }), instrument: text, adoptedOn: date }),
  PlanRecognizedAsPublicPolicy: fc.record({ planId, instrument: text, recognizedOn: date }),
  PlanInheritanceDecided: fc.record({ planId, lgId, termId, decision: fc.constantFrom('continue', 'revise', 'replace'), decidedOn: date }),
  TransitionCommissionFormed: fc.record({
    transitionId, lgId, outgoingTermId: fc.constant('2015-2018'), incomingTermId: fc.constant('2019-2022'),
    members: fc.constant([{ name: 'Ana', role: 'presidenta', side: 'outgoing' }]), formedOn: date,
  }),
  CommissionDecisionRecorded: fc.record({ transitionId, decisionId: smallId, subject: text, decision: text, decidedOn: date }),
  HandoverItemRecorded: fc.record({ transitionId, itemId: smallId, category: fc.constantFrom('plan', 'budget', 'document'), description: text, recordedOn: date }),
  HandoverObservationRaised: fc.record({ transitionId, observationId: smallId, text, raisedOn: date }),
  HandoverObservationResolved: fc.record({ transitionId, observationId: smallId, resolution: text, resolvedOn: date }),
  HandoverActSigned: fc.record({ transitionId, signatories: fc.constant(['Ana']), signedOn: date }),
  TechnicalTableEstablished: fc.record({ tableId, name: text, scope: fc.constant('municipal-led'), lgIds: fc.constant(['080707']), members: fc.constant([]), establishedOn: date }),
  TechnicalTableMemberJoined: fc.record({ tableId, member: fc.constant({ name: 'MEF', sector: 'economía' }), joinedOn: date }),
  ProjectRegistered: fc.record({ projectId, title: text, sector: fc.constantFrom('agriculture', 'education'), lgIds: fc.constant(['080707']), registeredOn: date }),
  FundingCommitted: fc.record({ commitmentId: smallId, projectId, funder: text, amount, currency: fc.constant('PEN'), committedOn: date }),
  BudgetAllocated: fc.record({
    allocationId: smallId, lgId, fiscalYear: fc.constant(2019), projectId, planId,
    process: fc.constantFrom('participatory', 'institutional'), amount, currency: fc.constant('PEN'), allocatedOn: date,
  }),
} as const;

/** One step of a generated log: a fact, a retraction of the n-th earlier event, or an access event the views must ignore. */
type Step = { kind: 'fact'; type: string; data: unknown } | { kind: 'retract'; target: number } | { kind: 'access' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 12, arbitrary: fc.oneof(...Object.entries(facts).map(([type, data]) => data.map((d): Step => ({ kind: 'fact', type, data: d })))) },
  { weight: 2, arbitrary: fc.nat().map((target): Step => ({ kind: 'retract', target })) },
  { weight: 1, arbitrary: fc.constant<Step>({ kind: 'access' }) },
);

/** A log of 1..maxLength stored events with dense positions; every catalogue fact parses with its schema. */
export function storedLog(maxLength = 60): fc.Arbitrary<StoredEvent[]> {
  return fc.array(step, { minLength: 1, maxLength }).map((steps) => {
    const events: StoredEvent[] = [];
    steps.forEach((s, i) => {
      const position = BigInt(i + 1);
      const id = `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
      let type: string;
      let data: unknown;
      if (s.kind === 'fact') {
        type = s.type;
        data = isEventType(type) ? catalogue[type].schema.parse(s.data) : s.data;
      } else if (s.kind === 'retract' && events.length > 0) {
        type = 'EntryRetracted';
        data = { eventId: events[s.target % events.length]!.id, reason: 'corrección', retractedOn: '2019-04-01' };
      } else {
        type = 'AccessTokenGranted';
        data = { tokenId: '0123456789abcdef', name: 'x' };
      }
      events.push({
        id, type, data, position, stream: 's', revision: position - 1n, schemaVersion: 1,
        recordedAt: '2019-04-01T00:00:00.000Z', actor: 'prop', metadata: {}, prevHash: '0'.repeat(64), hash: '0'.repeat(64),
      });
    });
    return events;
  });
}
