import { describe, expect, it } from 'vitest';
import { PersistentList } from '../../../projections/persistentList.ts';
import { PersistentMap } from '../../../projections/persistentMap.ts';

/** A loader that counts its calls, so a spec can see when a lazy collection reads its elements. */
function counted<T>(elements: T): { load: () => T; calls: () => number } {
  let calls = 0;
  return { load: () => (calls++, elements), calls: () => calls };
}

describe('lazy persistent collections (what a restored view checkpoint holds out of line)', () => {
  it('given a lazy list, when only its size is asked, then its elements are not loaded; when read, then loaded once and equal to the list they came from', () => {
    const items = Array.from({ length: 100 }, (_, i) => ({ i, position: BigInt(i) }));
    const source = counted(items);
    const lazy = PersistentList.lazy(items.length, source.load);
    expect(lazy.size).toBe(100);
    expect(source.calls()).toBe(0);
    expect(lazy).toEqual(PersistentList.fromArray(items));
    expect(lazy.last()).toEqual(items[99]);
    expect(lazy.append({ i: 100, position: 100n }).toArray()).toEqual([...items, { i: 100, position: 100n }]);
    expect(source.calls()).toBe(1);
  });

  it('given a lazy map, when only its size is asked, then its entries are not loaded; when read, then loaded once and equal to the map they came from', () => {
    const entries = Array.from({ length: 70 }, (_, i): [string, number] => [`o-${i}`, i]);
    const source = counted(entries);
    const lazy = PersistentMap.lazy(entries.length, source.load);
    expect(lazy.size).toBe(70);
    expect(source.calls()).toBe(0);
    expect(lazy.get('o-7')).toBe(7);
    expect(lazy.has('o-70')).toBe(false);
    expect(lazy).toEqual(PersistentMap.fromEntries(entries));
    expect(lazy.set('o-70', 70).size).toBe(71);
    expect(source.calls()).toBe(1);
  });
});

describe('a lazy list\'s first element', () => {
  it('given a lazy list (a restored checkpoint\'s items), when its first element is asked, then it is the first element it loads, not undefined', () => {
    const items = Array.from({ length: 40 }, (_, i) => ({ i }));
    expect(PersistentList.lazy(items.length, () => items).first()).toEqual({ i: 0 });
    expect(PersistentList.lazy(items.length, () => items).append({ i: 40 }).first()).toEqual({ i: 0 });
  });
});
