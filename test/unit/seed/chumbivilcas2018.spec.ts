import { validate as isUuid, version as uuidVersion } from 'uuid';
import { describe, expect, it } from 'vitest';
import { catalogue, occurredOn, streamOf, type LedgerEvent } from '../../../src/domain/events/catalogue.ts';
import { toCentimos } from '../../../src/domain/money.ts';
import { CHUMBIVILCAS_2018_NOTE, chumbivilcas2018 } from '../../../src/seed/chumbivilcas2018.ts';
import { dataOf, only } from './seedFacts.ts';

const facts = chumbivilcas2018();
const CDP_OF = (lgId: string) => only(dataOf(facts, 'PlanDrafted'), (p) => p.lgId === lgId && p.kind === 'CDP', `CDP of ${lgId}`);

describe('Chumbivilcas 2018 scenario: shape of the facts', () => {
  it('every fact passes its catalogue schema unchanged (already NFC, trimmed, single-line)', () => {
    for (const f of facts) {
      expect(catalogue[f.type].schema.parse(f.data), `${f.type} ${JSON.stringify(f.data)}`).toEqual(f.data);
    }
  });

  it('ids are unique UUID v5, stable across calls', () => {
    const ids = facts.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(isUuid(id)).toBe(true);
      expect(uuidVersion(id)).toBe(5);
    }
    expect(chumbivilcas2018()).toEqual(facts);
    // Pinned: a changed namespace or key scheme would make re-seeding an existing ledger record everything twice.
    expect(facts[0]).toMatchObject({ id: 'c5f72f4c-6fd7-507e-9744-f885b5aa869d', type: 'LocalGovernmentRegistered' });
  });

  it('spells Quiñota correctly and carries no trace of the mis-encoding', () => {
    const json = JSON.stringify(facts);
    expect(json).not.toContain('Ʊ');
    expect(json).toContain('Municipalidad Distrital de Quiñota');
  });
});

describe('Chumbivilcas 2018 scenario: facts from the source', () => {
  it('registers the eight local governments of the province of Chumbivilcas, Cusco', () => {
    const lgs = dataOf(facts, 'LocalGovernmentRegistered');
    expect(lgs.map((l) => [l.lgId, l.name, l.level])).toEqual([
      ['080701', 'Municipalidad Provincial de Chumbivilcas', 'provincial'],
      ['080702', 'Municipalidad Distrital de Capacmarca', 'district'],
      ['080703', 'Municipalidad Distrital de Chamaca', 'district'],
      ['080704', 'Municipalidad Distrital de Colquemarca', 'district'],
      ['080705', 'Municipalidad Distrital de Livitaca', 'district'],
      ['080706', 'Municipalidad Distrital de Llusco', 'district'],
      ['080707', 'Municipalidad Distrital de Quiñota', 'district'],
      ['080708', 'Municipalidad Distrital de Velille', 'district'],
    ]);
    expect(new Set(lgs.map((l) => `${l.province}/${l.department}`))).toEqual(new Set(['Chumbivilcas/Cusco']));
  });

  it('gives each one a 2015-2018 term ended on 2018-12-31 and a 2019-2022 term started on 2019-01-01', () => {
    const started = dataOf(facts, 'AuthorityTermStarted');
    const ended = dataOf(facts, 'AuthorityTermEnded');
    for (const { lgId } of dataOf(facts, 'LocalGovernmentRegistered')) {
      const mine = started.filter((t) => t.lgId === lgId);
      expect(mine.map((t) => [t.termId, t.startedOn])).toEqual([['2015-2018', '2015-01-01'], ['2019-2022', '2019-01-01']]);
      expect(ended.filter((t) => t.lgId === lgId).map((t) => [t.termId, t.endedOn])).toEqual([['2015-2018', '2018-12-31']]);
    }
  });

  it('updates every PDLC to version 2 and adopts it in 2018, over a horizon that covers 2019', () => {
    for (const { lgId } of dataOf(facts, 'LocalGovernmentRegistered')) {
      const cdp = CDP_OF(lgId);
      expect(cdp.horizon.from).toBeLessThanOrEqual(2019);
      expect(cdp.horizon.to).toBeGreaterThanOrEqual(2019);
      expect(cdp.draftedOn < '2018-01-01').toBe(true);
      const update = only(dataOf(facts, 'PlanUpdated'), (u) => u.planId === cdp.planId, 'update');
      expect(update).toMatchObject({ version: 2 });
      expect(update.updatedOn.startsWith('2018-')).toBe(true);
      expect(update.objectives?.map((o) => o.code)).toEqual(['OE1', 'OE2', 'OE3', 'OE4']);
      const adoption = only(dataOf(facts, 'PlanAdopted'), (a) => a.planId === cdp.planId, 'adoption');
      expect(adoption.version).toBe(2);
      expect(adoption.adoptedOn.startsWith('2018-') && adoption.adoptedOn >= update.updatedOn).toBe(true);
      expect(adoption.instrument).toMatch(/^Ordenanza Municipal N° .*\(ilustrativo\)$/);
    }
  });

  it('commits exactly 166000000.00 PEN in 2018 to exactly 32 projects in the four sectors', () => {
    const projects = dataOf(facts, 'ProjectRegistered');
    const commitments = dataOf(facts, 'FundingCommitted');
    expect(projects).toHaveLength(32);
    expect(new Set(projects.map((p) => p.projectId)).size).toBe(32);
    expect(new Set(projects.map((p) => p.sector))).toEqual(new Set(['agriculture', 'education', 'housing', 'transportation']));
    expect(commitments.map((c) => c.projectId).sort()).toEqual(projects.map((p) => p.projectId).sort());
    const table = only(dataOf(facts, 'TechnicalTableEstablished'), (t) => t.scope === 'provincial-development', 'development table');
    for (const c of commitments) {
      expect(c).toMatchObject({ currency: 'PEN', tableId: table.tableId });
      expect(c.amount).toMatch(/^\d+\.\d{2}$/);
      expect(c.committedOn.startsWith('2018-')).toBe(true);
    }
    expect(commitments.reduce((sum, c) => sum + toCentimos(c.amount), 0n)).toBe(16_600_000_000n);
    // Uneven, illustrative split: no two projects get the same amount.
    expect(new Set(commitments.map((c) => c.amount)).size).toBe(32);
    const lgIds = new Set(dataOf(facts, 'LocalGovernmentRegistered').map((l) => l.lgId));
    for (const p of projects) expect(p.lgIds.every((l) => lgIds.has(l))).toBe(true);
  });

  it('recognizes four LED plans as public policy in 2018 and hands each over in its transition', () => {
    const recognized = dataOf(facts, 'PlanRecognizedAsPublicPolicy');
    expect(recognized).toHaveLength(4);
    for (const r of recognized) {
      const plan = only(dataOf(facts, 'PlanDrafted'), (p) => p.planId === r.planId, 'LED plan');
      expect(plan.kind).toBe('LED');
      expect(r.recognizedOn.startsWith('2018-')).toBe(true);
      const transition = only(dataOf(facts, 'TransitionCommissionFormed'), (t) => t.lgId === plan.lgId, 'transition');
      const items = dataOf(facts, 'HandoverItemRecorded').filter((i) => i.transitionId === transition.transitionId);
      expect(items.some((i) => i.category === 'plan' && i.ref === plan.planId)).toBe(true);
    }
    expect(recognized.map((r) => r.planId)).toContain('pdel-080701-2018-2021');
  });

  it('establishes the development table, a municipal LED roundtable per municipality and the regional LED table', () => {
    const tables = dataOf(facts, 'TechnicalTableEstablished');
    const all = dataOf(facts, 'LocalGovernmentRegistered').map((l) => l.lgId);
    const development = only(tables, (t) => t.scope === 'provincial-development', 'development table');
    expect(development.lgIds).toEqual(all);
    expect(development.establishedOn.startsWith('2018-')).toBe(true);
    expect(new Set(development.members.map((m) => m.sector))).toEqual(
      new Set(['gobierno nacional', 'gobierno regional', 'empresa minera', 'gobierno local', 'sociedad civil']),
    );
    const municipal = tables.filter((t) => t.scope === 'municipal-led');
    expect(municipal.map((t) => t.lgIds)).toEqual(all.map((l) => [l]));
    for (const t of municipal) {
      expect(new Set(t.members.map((m) => m.sector))).toEqual(new Set(['público', 'privado', 'comunitario', 'asociaciones']));
    }
    const regional = only(tables, (t) => t.scope === 'regional-led', 'regional LED table');
    expect(regional.lgIds).toEqual(all);
    const sectors = regional.members.map((m) => m.sector);
    expect(sectors).toContain('productores');
    expect(sectors).toContain('emprendedores');
  });

  it('marks invented people and instruments as illustrative, and the note says what is', () => {
    const names = [
      ...dataOf(facts, 'AuthorityTermStarted').map((t) => t.mayor),
      ...dataOf(facts, 'TransitionCommissionFormed').flatMap((t) => t.members.map((m) => m.name)),
      ...dataOf(facts, 'HandoverActSigned').flatMap((a) => a.signatories),
      ...dataOf(facts, 'PlanAdopted').map((a) => a.instrument),
      ...dataOf(facts, 'PlanRecognizedAsPublicPolicy').map((r) => r.instrument),
    ];
    expect(names.length).toBeGreaterThan(60);
    for (const n of names) expect(n).toContain('(ilustrativo)');
    expect(CHUMBIVILCAS_2018_NOTE).toContain('ilustrativo');
    expect(CHUMBIVILCAS_2018_NOTE).toContain('166 000 000.00');
    expect(CHUMBIVILCAS_2018_NOTE).toContain('Quiñota');
  });
});

/** What the scenario tells beyond the rules (the rules themselves run in chumbivilcas2018Domain.spec.ts, through the real decide). */
describe('Chumbivilcas 2018 scenario: its chronicle', () => {
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
