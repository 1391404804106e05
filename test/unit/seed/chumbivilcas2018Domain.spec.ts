import { describe, expect, it } from 'vitest';
import { submitAll } from './submitToDomain.ts';
import { streamOf, type LedgerEvent } from '../../../src/domain/events/catalogue.ts';
import { chumbivilcas2018, type SeedFact } from '../../../src/seed/chumbivilcas2018.ts';

describe('Chumbivilcas 2018 scenario through the domain rules', () => {
  const facts = chumbivilcas2018();
  const today = new Date().toISOString().slice(0, 10);

  it('every fact is accepted by decide, in the scenario order', () => {
    expect(() => submitAll(facts, today)).not.toThrow();
  });

  it('is accepted too when grouped into per-stream batches, streams in order of first appearance', () => {
    const byStream = new Map<string, SeedFact[]>();
    for (const f of facts) {
      const stream = streamOf({ type: f.type, data: f.data } as LedgerEvent)!;
      byStream.set(stream, [...(byStream.get(stream) ?? []), f]);
    }
    expect(byStream.size).toBeLessThan(facts.length);
    expect(() => submitAll([...byStream.values()].flat(), today)).not.toThrow();
  });

  it('the rules do bite: the act of Quiñota signed before its observations are resolved is refused', () => {
    const signed = facts.findIndex((f) => f.type === 'HandoverActSigned' && (f.data as { transitionId: string }).transitionId === 'tr-080707-2018');
    const firstResolution = facts.findIndex((f) => f.type === 'HandoverObservationResolved' && (f.data as { transitionId: string }).transitionId === 'tr-080707-2018');
    const early = [...facts.slice(0, firstResolution), facts[signed]!];
    expect(() => submitAll(early, today)).toThrow(expect.objectContaining({ code: 'RULE_VIOLATED', rule: 'OBSERVATIONS_OPEN' }));
  });

  it('the rules do bite: an allocation moved before its term’s inheritance decision is refused as PLAN_INHERITANCE_PENDING', () => {
    const decision = facts.findIndex((f) => f.type === 'PlanInheritanceDecided');
    const reordered = [...facts.slice(0, decision), ...facts.slice(decision + 1), facts[decision]!];
    expect(() => submitAll(reordered, today)).toThrow(expect.objectContaining({ code: 'RULE_VIOLATED', rule: 'PLAN_INHERITANCE_PENDING' }));
  });

  it('the rules do bite: seeded on a day before the 2019 allocations, they are refused as dated after recording', () => {
    expect(() => submitAll(facts, '2019-02-01')).toThrow(expect.objectContaining({ rule: 'DATED_AFTER_RECORDING' }));
  });
});
