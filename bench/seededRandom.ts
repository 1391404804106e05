/**
 * Uniform 32-bit integers from a seed (mulberry32): the same sequence in every run, so two runs ask
 * the same reads. The linear congruential step it replaces has low bits of short period: drawn
 * modulo 1,900 it named only 950 local governments, and its (local government, position) pairs
 * fell on about 2,840 distinct states of a local government in 20,000 W7 pinned reads, which
 * flattered every read whose answer or snapshot was kept.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}
