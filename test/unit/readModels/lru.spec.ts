import { describe, expect, it } from 'vitest';
import { Lru, WeightedLru } from '../../../src/readModels/lru.ts';

describe('Lru', () => {
  it('given more entries than its capacity, when one more is set, then the least recently used is dropped', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1); // now b is the least recently used
    lru.set('c', 3);
    expect([lru.get('a'), lru.get('b'), lru.get('c'), lru.size]).toEqual([1, undefined, 3, 2]);
  });
});

describe('WeightedLru', () => {
  it('given entries weighing up to its budget, when a heavier set overflows it, then the least recently used go until it fits', () => {
    const lru = new WeightedLru<string, string>(10);
    lru.set('a', 'aaaa', 4);
    lru.set('b', 'bbbb', 4);
    expect(lru.get('a')).toBe('aaaa');
    lru.set('c', 'cccccc', 6);
    expect([lru.get('a'), lru.get('b'), lru.get('c')]).toEqual(['aaaa', undefined, 'cccccc']);
    // Read in that order just now: a is the least recently used.
    lru.set('d', 'dd', 2);
    expect([lru.get('a'), lru.get('c'), lru.get('d')]).toEqual([undefined, 'cccccc', 'dd']);
  });

  it('given an entry heavier than the whole budget, when it is set, then it is not kept and nothing is dropped for it', () => {
    const lru = new WeightedLru<string, string>(10);
    lru.set('a', 'aaaa', 4);
    lru.set('big', 'x'.repeat(11), 11);
    expect([lru.get('a'), lru.get('big')]).toEqual(['aaaa', undefined]);
  });

  it('given a key set again, then its old weight is given back', () => {
    const lru = new WeightedLru<string, string>(10);
    lru.set('a', 'aaaaaaaa', 8);
    lru.set('a', 'aa', 2);
    lru.set('b', 'bbbbbbbb', 8);
    expect([lru.get('a'), lru.get('b')]).toEqual(['aa', 'bbbbbbbb']);
  });
});
