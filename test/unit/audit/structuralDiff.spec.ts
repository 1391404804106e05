import { describe, expect, it } from 'vitest';
import { structuralDiff } from '../../../src/audit/timeTravel/structuralDiff.ts';

describe('structuralDiff', () => {
  it('given equal values, when diffed, then nothing changed', () => {
    expect(structuralDiff({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toEqual([]);
  });

  it('given nested fields changed, added and removed, when diffed, then each leaf is named by its path', () => {
    expect(structuralDiff({ term: { id: '2015-2018', mayor: 'A' }, old: true }, { term: { id: '2019-2022', mayor: 'A' }, extra: null })).toEqual([
      { path: 'term.id', kind: 'changed', before: '2015-2018', after: '2019-2022' },
      { path: 'old', kind: 'removed', before: true },
      { path: 'extra', kind: 'added', after: null },
    ]);
  });

  it('given arrays of objects with a unique …Id, when one is inserted in the middle, then only that one is added', () => {
    const before = { plans: [{ planId: 'a', status: 'adopted' }, { planId: 'c', status: 'drafted' }] };
    const after = { plans: [{ planId: 'a', status: 'adopted' }, { planId: 'b', status: 'drafted' }, { planId: 'c', status: 'adopted' }] };
    expect(structuralDiff(before, after)).toEqual([
      { path: 'plans[planId=c].status', kind: 'changed', before: 'drafted', after: 'adopted' },
      { path: 'plans[planId=b]', kind: 'added', after: { planId: 'b', status: 'drafted' } },
    ]);
  });

  it('given arrays without identity, when diffed, then by index; and a whole subject appearing is one root change', () => {
    expect(structuralDiff([1, 2], [1, 3, 4])).toEqual([
      { path: '[1]', kind: 'changed', before: 2, after: 3 },
      { path: '[2]', kind: 'added', after: 4 },
    ]);
    expect(structuralDiff(undefined, { a: 1 })).toEqual([{ path: '.', kind: 'added', after: { a: 1 } }]);
    expect(structuralDiff({ a: null }, { a: { b: 1 } })).toEqual([{ path: 'a', kind: 'changed', before: null, after: { b: 1 } }]);
  });
});
