import { describe, expect, it } from 'vitest';
import { MerkleNodeCache } from '../../../src/audit/merkleNodeCache.ts';

const hash = (n: number) => Buffer.alloc(32, n);

describe('MerkleNodeCache', () => {
  it('given more nodes than it may keep, when they are set, then it keeps the most recently used up to its bound', () => {
    const cache = new MerkleNodeCache(3);
    cache.set(8, 0, hash(1));
    cache.set(8, 1, hash(2));
    cache.set(9, 0, hash(3));
    // A read counts as a use: (8, 0) outlives (8, 1).
    expect(cache.get(8, 0)).toEqual(hash(1));
    cache.set(10, 0, hash(4));
    expect(cache.size).toBe(3);
    expect(cache.get(8, 1)).toBeUndefined();
    expect(cache.get(8, 0)).toEqual(hash(1));
    expect(cache.get(9, 0)).toEqual(hash(3));
    expect(cache.get(10, 0)).toEqual(hash(4));
  });

  it('given nodes of different levels at one index, when read, then each level answers its own', () => {
    const cache = new MerkleNodeCache(10);
    cache.set(8, 5, hash(8));
    cache.set(9, 5, hash(9));
    expect(cache.get(8, 5)).toEqual(hash(8));
    expect(cache.get(9, 5)).toEqual(hash(9));
    expect(cache.get(10, 5)).toBeUndefined();
  });

  it('given an index too large for an exact key, when set, then it is not kept rather than kept under another node’s key', () => {
    const cache = new MerkleNodeCache(10);
    cache.set(8, 2 ** 47, hash(1));
    expect(cache.size).toBe(0);
    expect(cache.get(8, 2 ** 47)).toBeUndefined();
  });
});
