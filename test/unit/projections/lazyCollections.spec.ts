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

  it('given a list with lazy chunks, when items are appended (across a chunk boundary), then nothing loads; when read, then it loads once and equals the eager list', () => {
    const items = Array.from({ length: 70 }, (_, i) => ({ i, position: BigInt(i) }));
    const source = counted(items.slice(0, 64));
    let list = PersistentList.withLazyChunks(items.length, items.slice(64), source.load);
    const more = Array.from({ length: 40 }, (_, k) => ({ i: 70 + k, position: BigInt(70 + k) }));
    for (const item of more) list = list.append(item);
    expect(list.size).toBe(110);
    expect(source.calls()).toBe(0);
    expect(list.toArray()).toEqual([...items, ...more]);
    expect(source.calls()).toBe(1);
    expect(list).toEqual(PersistentList.fromArray([...items, ...more]));
    expect(list.first()).toEqual(items[0]);
    expect(source.calls()).toBe(1);
  });

  it('given lazy chunks that load the wrong number of elements, when read, then it throws rather than answer with a shifted list', () => {
    const list = PersistentList.withLazyChunks(33, [{ i: 32 }], () => [{ i: 0 }]);
    expect(() => list.toArray()).toThrow(/expected 32 elements/);
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
