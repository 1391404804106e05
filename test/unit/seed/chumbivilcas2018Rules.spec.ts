import { describe, expect, it } from 'vitest';
import { occurredOn, streamOf, type LedgerEvent } from '../../../src/domain/events/catalogue.ts';
import { termOn, type Term } from '../../../src/domain/terms.ts';
import { chumbivilcas2018, type SeedFact } from '../../../src/seed/chumbivilcas2018.ts';
import { dataOf, only } from './seedFacts.ts';

const facts = chumbivilcas2018();

interface PlanState {
  lgId: string;
  version: number;
  horizon: { from: number; to: number };
  objectives: Map<number, string[]>;
  adopted?: { version: number; on: string };
  inheritance: Map<string, string>;
}

interface TransitionState {
  formedOn: string;
  items: Set<string>;
  open: Set<string>;
  signed: boolean;
}

/**
 * Replays the scenario in order, failing on the first fact that refers to something not yet
 * introduced or breaks a business rule as the scenario's brief words it. Deliberately independent
 * of src/domain (chumbivilcas2018Domain.spec.ts runs the real rules): a second reading of the rules
 * catches a seed that only passes because of a gap in the deciders.
 */
function replay(all: readonly SeedFact[]): void {
  const lgs = new Set<string>();
  const terms = new Map<string, Term[]>();
  const plans = new Map<string, PlanState>();
  const tables = new Set<string>();
  const projects = new Map<string, string[]>();
  const transitions = new Map<string, TransitionState>();
  const introduced = new Set<string>();
  const today = new Date().toISOString().slice(0, 10);
  const need = (ok: boolean, why: string, f: SeedFact) => {
    if (!ok) throw new Error(`${f.type} ${JSON.stringify(f.data)}: ${why}`);
  };
  const introduce = (kind: string, id: string, f: SeedFact) => {
    need(!introduced.has(`${kind}:${id}`), `duplicate ${kind} ${id}`, f);
    introduced.add(`${kind}:${id}`);
  };

  for (const f of all) {
    const e = { type: f.type, data: f.data } as LedgerEvent;
    const day = occurredOn(e);
    need(day === null || day <= today, 'dated after today', f);
    switch (e.type) {
      case 'LocalGovernmentRegistered':
        introduce('lg', e.data.lgId, f);
        lgs.add(e.data.lgId);
        terms.set(e.data.lgId, []);
        break;
      case 'AuthorityTermStarted': {
        const mine = terms.get(e.data.lgId);
        need(mine !== undefined, 'unknown lg', f);
        const start = e.data.startedOn;
        need(mine!.every((t) => t.endedOn !== undefined && t.endedOn < start), 'overlapping term', f);
        mine!.push({ termId: e.data.termId, startedOn: start });
        break;
      }
      case 'AuthorityTermEnded': {
        const term = terms.get(e.data.lgId)?.find((t) => t.termId === e.data.termId);
        need(term !== undefined && term.endedOn === undefined && term.startedOn <= e.data.endedOn, 'no open term to end', f);
        term!.endedOn = e.data.endedOn;
        break;
      }
      case 'PlanDrafted':
        need(lgs.has(e.data.lgId), 'unknown lg', f);
        introduce('plan', e.data.planId, f);
        plans.set(e.data.planId, {
          lgId: e.data.lgId,
          version: 1,
          horizon: e.data.horizon,
          objectives: new Map([[1, e.data.objectives.map((o) => o.code)]]),
          inheritance: new Map(),
        });
        break;
      case 'PlanUpdated': {
        const plan = plans.get(e.data.planId);
        need(plan !== undefined && e.data.version === plan.version + 1, 'version not consecutive', f);
        plan!.version = e.data.version;
        plan!.objectives.set(e.data.version, e.data.objectives?.map((o) => o.code) ?? plan!.objectives.get(e.data.version - 1)!);
        break;
      }
      case 'PlanAdopted': {
        const plan = plans.get(e.data.planId);
        need(plan !== undefined && e.data.version <= plan.version, 'adopted at a version that does not exist', f);
        plan!.adopted = { version: e.data.version, on: e.data.adoptedOn };
        break;
      }
      case 'PlanRecognizedAsPublicPolicy':
        need(plans.get(e.data.planId)?.adopted !== undefined, 'recognized before adopted', f);
        break;
      case 'PlanInheritanceDecided': {
        const plan = plans.get(e.data.planId);
        need(plan?.adopted !== undefined && plan.lgId === e.data.lgId, 'inherits a plan not adopted by that lg', f);
        const term = termOn(terms.get(e.data.lgId) ?? [], e.data.decidedOn);
        need(term?.termId === e.data.termId, 'decided by a term not in office', f);
        need(plan!.adopted!.on < term!.startedOn, 'plan adopted by the deciding term itself', f);
        need(!plan!.inheritance.has(e.data.termId), 'decided twice', f);
        plan!.inheritance.set(e.data.termId, e.data.decision);
        break;
      }
      case 'TechnicalTableEstablished':
        need(e.data.lgIds.every((l) => lgs.has(l)), 'unknown lg', f);
        introduce('table', e.data.tableId, f);
        tables.add(e.data.tableId);
        break;
      case 'TechnicalTableMemberJoined':
        need(tables.has(e.data.tableId), 'unknown table', f);
        break;
      case 'ProjectRegistered':
        need(e.data.lgIds.every((l) => lgs.has(l)), 'unknown lg', f);
        introduce('project', e.data.projectId, f);
        projects.set(e.data.projectId, e.data.lgIds);
        break;
      case 'FundingCommitted':
        need(projects.has(e.data.projectId), 'unknown project', f);
        need(e.data.tableId === undefined || tables.has(e.data.tableId), 'unknown table', f);
        introduce('commitment', e.data.commitmentId, f);
        break;
      case 'TransitionCommissionFormed': {
        const known = (terms.get(e.data.lgId) ?? []).map((t) => t.termId);
        need(known.includes(e.data.outgoingTermId) && known.includes(e.data.incomingTermId), 'unknown term', f);
        need(termOn(terms.get(e.data.lgId)!, e.data.formedOn)?.termId === e.data.outgoingTermId, 'outgoing term not in office', f);
        introduce('transition', e.data.transitionId, f);
        transitions.set(e.data.transitionId, { formedOn: e.data.formedOn, items: new Set(), open: new Set(), signed: false });
        break;
      }
      case 'CommissionDecisionRecorded':
      case 'HandoverItemRecorded':
      case 'HandoverObservationRaised':
      case 'HandoverObservationResolved':
      case 'HandoverActSigned': {
        const t = transitions.get(e.data.transitionId);
        need(t !== undefined && !t.signed && (day ?? '') >= t.formedOn, 'outside an open transition', f);
        if (e.type === 'CommissionDecisionRecorded') introduce('decision', e.data.decisionId, f);
        if (e.type === 'HandoverItemRecorded') {
          introduce('item', e.data.itemId, f);
          if (e.data.category === 'plan') need(plans.has(e.data.ref ?? ''), 'unknown plan', f);
          if (e.data.category === 'project') need(projects.has(e.data.ref ?? ''), 'unknown project', f);
          t!.items.add(e.data.itemId);
        }
        if (e.type === 'HandoverObservationRaised') {
          need(e.data.itemId === undefined || t!.items.has(e.data.itemId), 'unknown item', f);
          introduce('observation', e.data.observationId, f);
          t!.open.add(e.data.observationId);
        }
        if (e.type === 'HandoverObservationResolved') {
          need(t!.open.delete(e.data.observationId), 'resolves an observation that is not open', f);
        }
        if (e.type === 'HandoverActSigned') {
          need(t!.open.size === 0, 'signed with open observations', f);
          t!.signed = true;
        }
        break;
      }
      case 'BudgetAllocated': {
        const plan = plans.get(e.data.planId);
        need(plan?.adopted !== undefined && plan.lgId === e.data.lgId, 'plan not adopted by that lg', f);
        need(plan!.horizon.from <= e.data.fiscalYear && e.data.fiscalYear <= plan!.horizon.to, 'fiscal year outside the horizon', f);
        const term = termOn(terms.get(e.data.lgId)!, e.data.allocatedOn);
        need(term !== undefined, 'nobody in office', f);
        if (plan!.adopted!.on < term!.startedOn) {
          need(['continue', 'revise'].includes(plan!.inheritance.get(term!.termId) ?? ''), 'inherited plan not continued', f);
        }
        need(projects.get(e.data.projectId)?.includes(e.data.lgId) === true, 'project does not include the lg', f);
        const codes = plan!.objectives.get(plan!.adopted!.version) ?? [];
        need(e.data.objectiveCode === undefined || codes.includes(e.data.objectiveCode), 'unknown objective', f);
        introduce('allocation', e.data.allocationId, f);
        break;
      }
      case 'EntryRetracted':
        need(false, 'a seed retracts nothing', f);
        break;
      default: {
        const exhaustive: never = e;
        throw new Error(`unhandled ${String(exhaustive)}`);
      }
    }
  }
  for (const [id, t] of transitions) if (!t.signed) throw new Error(`transition ${id} never signed`);
}

describe('Chumbivilcas 2018 scenario: order and business rules', () => {
  it('replays in order: nothing refers to what is not yet introduced, and no rule is broken', () => {
    expect(() => replay(facts)).not.toThrow();
  });

  it('the replay can fail: an allocation before its inheritance decision is refused', () => {
    const decision = facts.findIndex((f) => f.type === 'PlanInheritanceDecided');
    const reordered = [...facts.slice(0, decision), ...facts.slice(decision + 1), facts[decision]!];
    expect(() => replay(reordered)).toThrow(/inherited plan not continued/);
  });

  it('keeps the days of each stream in order, so folds read as a chronicle', () => {
    const last = new Map<string, string>();
    for (const f of facts) {
      const e = { type: f.type, data: f.data } as LedgerEvent;
      const [stream, day] = [streamOf(e), occurredOn(e)];
      if (stream === null || day === null) continue;
      expect(day >= (last.get(stream) ?? ''), `${stream} goes back to ${day}`).toBe(true);
      last.set(stream, day);
    }
  });

  it('signs one act per transition in late December 2018, after every observation it raised is resolved', () => {
    const formed = dataOf(facts, 'TransitionCommissionFormed');
    expect(formed.map((t) => t.transitionId)).toEqual(dataOf(facts, 'LocalGovernmentRegistered').map((l) => `tr-${l.lgId}-2018`));
    for (const t of formed) {
      expect(t.formedOn.startsWith('2018-11-')).toBe(true);
      expect(new Set(t.members.map((m) => m.side))).toEqual(new Set(['outgoing', 'incoming']));
      const act = only(dataOf(facts, 'HandoverActSigned'), (a) => a.transitionId === t.transitionId, 'act');
      expect(act.signedOn >= '2018-12-27' && act.signedOn <= '2018-12-31').toBe(true);
      for (const o of dataOf(facts, 'HandoverObservationRaised').filter((r) => r.transitionId === t.transitionId)) {
        const resolved = only(dataOf(facts, 'HandoverObservationResolved'), (r) => r.observationId === o.observationId, 'resolution');
        expect(resolved.resolvedOn >= o.raisedOn && resolved.resolvedOn < act.signedOn).toBe(true);
      }
      const items = dataOf(facts, 'HandoverItemRecorded').filter((i) => i.transitionId === t.transitionId);
      expect(items.some((i) => i.category === 'plan' && i.ref === `pdlc-${t.lgId}-2017-2021`)).toBe(true);
      expect(new Set(items.map((i) => i.category))).toEqual(new Set(['plan', 'budget', 'project', 'document', 'asset', 'obligation', 'staff']));
    }
    const observed = new Set(dataOf(facts, 'HandoverObservationRaised').map((o) => o.transitionId));
    expect(observed.size).toBeGreaterThanOrEqual(3);
  });

  it.each(['080701', '080707'])('the 2019-2022 authorities of %s continue the PDLC and allocate from it in 2019', (lgId) => {
    const planId = `pdlc-${lgId}-2017-2021`;
    const decision = only(dataOf(facts, 'PlanInheritanceDecided'), (d) => d.lgId === lgId, 'decision');
    expect(decision).toMatchObject({ planId, termId: '2019-2022', decision: 'continue' });
    expect(decision.decidedOn.startsWith('2019-01-')).toBe(true);
    const allocations = dataOf(facts, 'BudgetAllocated').filter((a) => a.lgId === lgId);
    expect(allocations.length).toBeGreaterThanOrEqual(1);
    for (const a of allocations) {
      expect(a).toMatchObject({ planId, process: 'participatory', fiscalYear: 2019, currency: 'PEN' });
      expect(a.objectiveCode).toMatch(/^OE[1-4]$/);
      expect(a.allocatedOn.startsWith('2019-') && a.allocatedOn > decision.decidedOn).toBe(true);
    }
    expect(dataOf(facts, 'PlanInheritanceDecided').map((d) => d.lgId)).toEqual(['080701', '080707']);
  });
});
