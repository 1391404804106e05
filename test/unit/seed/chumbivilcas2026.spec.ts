import { describe, expect, it } from 'vitest';
import { submitAll } from './submitToDomain.ts';
import { occurredOn } from '../../../src/domain/events/catalogue.ts';
import { namespaceOf } from '../../../src/domain/idNamespace.ts';
import { chumbivilcas2018 } from '../../../src/seed/chumbivilcas2018.ts';
import { CHUMBIVILCAS_2026_NOTE, chumbivilcas2026 } from '../../../src/seed/chumbivilcas2026.ts';
import { SEEDS } from '../../../src/seed/seedLedger.ts';
import { dataOf } from './seedFacts.ts';

describe('the Chumbivilcas 2026 scenario', () => {
  const facts = chumbivilcas2026();
  const demo = SEEDS.chumbivilcas();

  it('given the 2018 story, when the 2026 facts follow it, then decide accepts every one on 2026-12-01', () => {
    expect(() => submitAll(demo, '2026-12-01')).not.toThrow();
  });

  it('given any earlier recording day, when the facts dated after it are left out, then decide still accepts the rest in order', () => {
    for (const day of ['2026-05-19', '2026-06-30', '2026-10-18', '2026-11-08', '2026-11-20']) {
      expect(() => submitAll(demo.filter((f) => (occurredOn(f) ?? '') <= day), day), day).not.toThrow();
    }
  });

  it('keeps the 2018 facts exactly: the demo begins with them, ids and data, and no 2026 id collides with one', () => {
    const facts2018 = chumbivilcas2018();
    expect(demo.slice(0, facts2018.length)).toEqual(facts2018);
    const ids2018 = new Set(facts2018.map((f) => f.id));
    expect(facts.filter((f) => ids2018.has(f.id))).toEqual([]);
    expect(new Set(demo.map((f) => f.id)).size).toBe(demo.length);
  });

  it('dates every fact on or before 2026-11-30 and signs no act', () => {
    expect(facts.filter((f) => (occurredOn(f) ?? '') > '2026-11-30')).toEqual([]);
    expect(facts.filter((f) => f.type === 'TransferActSigned' || f.type === 'HandoverActSigned')).toEqual([]);
  });

  it('opens one transition per municipality under 016-2022-CG/PREVI, its id in that municipality’s namespace', () => {
    const opened = dataOf(facts, 'TransitionOpened');
    expect(opened.map((t) => t.transitionId)).toEqual(['080701', '080702', '080703', '080704', '080705', '080706', '080707', '080708'].map((lg) => `tr-${lg}-2026`));
    for (const t of opened) {
      expect(t).toMatchObject({ directive: '016-2022-CG/PREVI', outgoingTermId: '2023-2026', incomingTermId: '2027-2030' });
      expect(namespaceOf(t.transitionId)).toBe(t.lgId);
    }
  });

  it('marks every invented person and document as illustrative', () => {
    const names = [
      ...dataOf(facts, 'AuthorityTermStarted').map((t) => t.mayor),
      ...dataOf(facts, 'TransferTeamDesignated').flatMap((d) => d.members.map((m) => m.name)),
    ];
    expect(names.length).toBe(8 + 8 * 3 + 5 * 3);
    expect(names.filter((n) => typeof n !== 'string' || !n.endsWith(' (ilustrativo)'))).toEqual([]);
    expect(JSON.stringify(facts)).not.toMatch(/https?:\/\/(?!example\.org\/ilustrativo\/)/);
  });

  it('says in Spanish what is illustrative', () => {
    expect(CHUMBIVILCAS_2026_NOTE).toContain('Directiva N° 016-2022-CG/PREVI');
    expect(CHUMBIVILCAS_2026_NOTE).toContain('ilustrativos');
    expect(CHUMBIVILCAS_2026_NOTE).toContain('example.org');
  });
});
