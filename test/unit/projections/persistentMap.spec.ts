import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PersistentMap } from '../../../projections/persistentMap.ts';

describe('PersistentMap', () => {
  it('agrees with Map on any sequence of sets, and never changes an earlier version', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 4 }), fc.integer())), (writes) => {
        const model = new Map<string, number>();
        let map = PersistentMap.empty<number>();
        const snapshots: [PersistentMap<number>, Map<string, number>][] = [];
        for (const [k, v] of writes) {
          snapshots.push([map, new Map(model)]);
          model.set(k, v);
          map = map.set(k, v);
        }
        snapshots.push([map, model]);
        for (const [m, expected] of snapshots) {
          expect(m.size).toBe(expected.size);
          for (const [k, v] of expected) expect(m.get(k)).toBe(v);
          expect([...m.values()].sort()).toEqual([...expected.values()].sort());
        }
      }),
    );
  });

  it('keeps keys whose 32-bit hashes collide apart', () => {
    // 'k32728' and 'k261234' share an FNV-1a hash, so they end in one bucket at the trie's bottom.
    const one = PersistentMap.empty<string>().set('k32728', 'a').set('k261234', 'b');
    const two = one.set('k32728', 'c');
    expect([one.get('k32728'), one.get('k261234'), one.size]).toEqual(['a', 'b', 2]);
    expect([two.get('k32728'), two.get('k261234'), two.size]).toEqual(['c', 'b', 2]);
  });

  it('holds many keys (deep tries)', () => {
    let map = PersistentMap.empty<number>();
    for (let i = 0; i < 50_000; i++) map = map.set(`alloc-${i}`, i);
    expect(map.size).toBe(50_000);
    expect(map.get('alloc-31415')).toBe(31415);
    expect(map.get('alloc-50000')).toBeUndefined();
  });

  it('given any entries, when listed and rebuilt with fromEntries, then the map is the same', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 6 }), fc.integer()), (record) => {
        let map = PersistentMap.empty<number>();
        for (const [k, v] of Object.entries(record)) map = map.set(k, v);
        expect(Object.fromEntries(map.entries())).toEqual(record);
        expect(PersistentMap.fromEntries(map.entries())).toEqual(map);
      }),
    );
  });

  it('given entries with repeated and colliding keys, when built at once with fromEntries, then the trie is the one set by set builds', () => {
    const entries: Array<[string, number]> = Array.from({ length: 5_000 }, (_, i) => [`item-${i % 4_000}`, i]);
    entries.push(['k32728', 1], ['k261234', 2], ['k32728', 3]);
    let stepwise = PersistentMap.empty<number>();
    for (const [k, v] of entries) stepwise = stepwise.set(k, v);
    const atOnce = PersistentMap.fromEntries(entries);
    expect(atOnce).toEqual(stepwise);
    expect(Object.entries(atOnce)).toEqual(Object.entries(stepwise));
    expect([atOnce.size, atOnce.get('item-10'), atOnce.get('k32728')]).toEqual([4_002, 4_010, 3]);
  });
});
