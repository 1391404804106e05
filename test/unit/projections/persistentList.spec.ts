import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PersistentList } from '../../../projections/persistentList.ts';

describe('PersistentList', () => {
  it('given any sequence of appends (also from older versions), then every version holds exactly its own elements, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.integer())), (steps) => {
        const versions: [PersistentList<number>, number[]][] = [[PersistentList.empty<number>(), []]];
        for (const [from, value] of steps) {
          // Append to any earlier version, not only the newest: old versions must stay valid.
          const [list, model] = versions[from % versions.length]!;
          versions.push([list.append(value), [...model, value]]);
        }
        for (const [list, model] of versions) {
          expect(list.toArray()).toEqual(model);
          expect([...list]).toEqual(model);
          expect(list.size).toBe(model.length);
          expect(list.last()).toBe(model.at(-1));
          expect(JSON.parse(JSON.stringify(list))).toEqual(model);
        }
      }),
    );
  });

  it('given two lists built differently with the same elements, then they are deeply equal; with different elements, not', () => {
    const values = Array.from({ length: 100 }, (_, i) => ({ i }));
    let stepwise = PersistentList.empty<{ i: number }>();
    for (const v of values) stepwise = stepwise.append({ ...v });
    expect(stepwise).toEqual(PersistentList.of(values));
    expect(stepwise).not.toEqual(PersistentList.of(values.slice(0, 99)));
    expect(stepwise).not.toEqual(PersistentList.of([...values.slice(0, 99), { i: -1 }]));
  });

  it('given any list, then first() is its first element (undefined when empty), whether built by appends or fromArray', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 200 }), (items) => {
        expect(PersistentList.of(items).first()).toBe(items[0]);
        expect(PersistentList.fromArray(items).first()).toBe(items[0]);
      }),
    );
  });

  it('given 100,000 appends, then it holds them all in order', () => {
    let list = PersistentList.empty<number>();
    for (let i = 0; i < 100_000; i++) list = list.append(i);
    const all = list.toArray();
    expect(all.length).toBe(100_000);
    expect(all.every((v, i) => v === i)).toBe(true);
  });

  it('given any array, when built with fromArray, then it equals the list of its appends, layout included', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 200 }), (items) => {
        expect(PersistentList.fromArray(items)).toEqual(PersistentList.of(items));
        expect(PersistentList.fromArray(items).append(1)).toEqual(PersistentList.of([...items, 1]));
      }),
    );
  });
});

describe('PersistentList.appendAll', () => {
  it('given any list and any run of elements, then appendAll gives the list the appends one by one give, and leaves the list as it was', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 100 }), fc.array(fc.array(fc.integer(), { maxLength: 100 }), { maxLength: 5 }), (start, runs) => {
        let all = PersistentList.of(start);
        let one = all;
        let model = [...start];
        for (const run of runs) {
          const before = all;
          all = all.appendAll(run);
          for (const v of run) one = one.append(v);
          expect(before.toArray()).toEqual(model);
          model = [...model, ...run];
          expect(all.toArray()).toEqual(model);
          expect(all).toEqual(one);
          expect(all.size).toBe(model.length);
          expect(all.last()).toBe(model.at(-1));
          expect(all.first()).toBe(model[0]);
        }
      }),
    );
  });

  it('given a list with a lazy prefix, then appendAll does not load it', () => {
    let loads = 0;
    const list = PersistentList.lazy(3, () => (loads++, [1, 2, 3])).appendAll([4, 5]);
    expect(loads).toBe(0);
    expect(list.toArray()).toEqual([1, 2, 3, 4, 5]);
  });
});
