import { describe, expect, it } from 'vitest';
import { MerkleNodeCache } from '../../../src/audit/merkleNodeCache.ts';

const hash = (n: number) => Buffer.alloc(32, n);

describe('MerkleNodeCache', () => {
  it('given nodes of different levels at one index, when read, then each level answers its own, and an unread node is not there', () => {
    const cache = new MerkleNodeCache(2 ** 20);
    cache.set(8, 5, hash(8));
    cache.set(9, 5, hash(9));
    cache.set(0, 0, hash(1));
    expect(cache.get(8, 5)).toEqual(hash(8));
    expect(cache.get(9, 5)).toEqual(hash(9));
    expect(cache.get(0, 0)).toEqual(hash(1));
    expect(cache.get(8, 4)).toBeUndefined();
    expect(cache.get(8, 1000)).toBeUndefined();
    expect(cache.get(10, 5)).toBeUndefined();
  });

  it('given a kept node, when the hash it was set from is changed afterwards, then the kept copy is the one set', () => {
    const cache = new MerkleNodeCache(2 ** 20);
    const h = hash(7);
    cache.set(3, 2, h);
    h.fill(0);
    expect(cache.get(3, 2)).toEqual(hash(7));
  });

  it('given the nodes of a tree larger than its bound, when they are set level by level, then it stays within the bound by dropping the lowest levels and keeps every upper one', () => {
    const bound = 64 * 1024;
    const cache = new MerkleNodeCache(bound);
    const leaves = 10_000;
    for (let level = 0; leaves >> level > 0; level++) {
      for (let idx = 0; idx < leaves >> level; idx++) cache.set(level, idx, hash((level * 31 + idx) % 251));
      expect(cache.allocatedBytes).toBeLessThanOrEqual(bound);
    }
    // 10,000 leaves at 33 bytes a node: levels 0–3 (18,750 nodes) cannot fit 64 KiB (1,985 nodes), level 6 and up (~310) must.
    const lowest = cache.lowestLevel;
    expect(lowest).toBeGreaterThanOrEqual(4);
    expect(lowest).toBeLessThanOrEqual(6);
    for (let level = 0; leaves >> level > 0; level++) {
      for (const idx of [0, (leaves >> level) - 1]) {
        expect(cache.get(level, idx), `(${level}, ${idx})`).toEqual(level < lowest ? undefined : hash((level * 31 + idx) % 251));
      }
    }
    // A dropped level is not kept again.
    cache.set(2, 0, hash(1));
    expect(cache.get(2, 0)).toBeUndefined();
  });

  it('given nodes read from the bottom of the tree up and then a lower level again, when the bound is passed, then the upper levels survive', () => {
    const cache = new MerkleNodeCache(33 * 1000);
    for (let idx = 0; idx < 100; idx++) cache.set(4, idx, hash(4));
    for (let idx = 0; idx < 900; idx++) cache.set(1, idx, hash(1));
    expect(cache.get(4, 99)).toEqual(hash(4));
    expect(cache.get(1, 899)).toBeUndefined();
    expect(cache.lowestLevel).toBe(2);
    expect(cache.allocatedBytes).toBeLessThanOrEqual(33 * 1000);
  });

  it('given a level grown to where doubling no longer fits, when one more node is set, then it takes all the room left at once rather than be copied again for every node', () => {
    const cache = new MerkleNodeCache(33 * 1000);
    for (let idx = 0; idx <= 600; idx++) cache.set(0, idx, hash(idx % 200));
    expect(cache.allocatedBytes).toBe(33 * 1000);
    for (let idx = 601; idx < 1000; idx++) cache.set(0, idx, hash(idx % 200));
    expect(cache.allocatedBytes).toBe(33 * 1000);
    for (const idx of [0, 600, 999]) expect(cache.get(0, idx)).toEqual(hash(idx % 200));
    // Past the bound: the level cannot be kept any more, and is dropped.
    cache.set(0, 1000, hash(1));
    expect(cache.lowestLevel).toBe(1);
    expect(cache.allocatedBytes).toBe(0);
  });
});
