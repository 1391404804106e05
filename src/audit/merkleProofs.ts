import { HASH_SIZE, nodeHash } from './merkle.ts';

/**
 * Proof verification, step for step as RFC 9162 §2.1.3.2 and §2.1.4.2 write it, so a reader can
 * hold this file against the RFC. Sizes and indices are numbers below 2^53; the bit operations are
 * done with arithmetic (`% 2`, halving) because JavaScript's `&` and `>>` truncate to 32 bits.
 * Both functions return false, never throw, on anything malformed.
 */

const lsb = (x: number): boolean => x % 2 === 1;
const half = (x: number): number => Math.floor(x / 2);
const isHash = (h: unknown): h is Uint8Array => h instanceof Uint8Array && h.length === HASH_SIZE;
const isSize = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;

/** True iff `leafHash` is leaf `leafIndex` of the tree of size `treeSize` whose root is `rootHash`. */
export function verifyInclusion(
  leafHash: Uint8Array,
  leafIndex: number,
  treeSize: number,
  inclusionPath: readonly Uint8Array[],
  rootHash: Uint8Array,
): boolean {
  if (!isHash(leafHash) || !isHash(rootHash) || !isSize(leafIndex) || !isSize(treeSize)) return false;
  if (!Array.isArray(inclusionPath) || !inclusionPath.every(isHash)) return false;
  // 1. If leaf_index >= tree_size, fail.
  if (leafIndex >= treeSize) return false;
  // 2. Set fn to leaf_index and sn to tree_size - 1.
  let fn = leafIndex;
  let sn = treeSize - 1;
  // 3. Set r to hash.
  let r: Uint8Array = leafHash;
  // 4. For each value p in the inclusion_path array:
  for (const p of inclusionPath) {
    // a. If sn is 0, stop the iteration and fail the proof verification.
    if (sn === 0) return false;
    // b. If LSB(fn) is set, or if fn is equal to sn, then:
    if (lsb(fn) || fn === sn) {
      // 1. Set r to HASH(0x01 || p || r).
      r = nodeHash(p, r);
      // 2. If LSB(fn) is not set, right-shift fn and sn equally until either LSB(fn) is set or fn is 0.
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      // Otherwise: set r to HASH(0x01 || r || p).
      r = nodeHash(r, p);
    }
    // c. Finally, right-shift both fn and sn one time.
    fn = half(fn);
    sn = half(sn);
  }
  // 5. Succeed iff sn is 0 and r equals root_hash.
  return sn === 0 && Buffer.from(r).equals(rootHash);
}

/**
 * True iff the tree of size `first` with root `firstHash` is a prefix of the tree of size `second`
 * with root `secondHash`. RFC 9162 defines the algorithm for 0 < first < second; the edges follow
 * PROOF's definition: first = second needs an empty proof and equal roots, and first = 0 (the empty
 * tree, a prefix of every tree) needs an empty proof.
 */
export function verifyConsistency(
  first: number,
  second: number,
  firstHash: Uint8Array,
  secondHash: Uint8Array,
  consistencyPath: readonly Uint8Array[],
): boolean {
  if (!isSize(first) || !isSize(second) || !isHash(firstHash) || !isHash(secondHash)) return false;
  if (!Array.isArray(consistencyPath) || !consistencyPath.every(isHash)) return false;
  if (first > second) return false;
  if (first === second) return consistencyPath.length === 0 && Buffer.from(firstHash).equals(secondHash);
  if (first === 0) return consistencyPath.length === 0;

  // 1. If consistency_path is an empty array, stop and fail the proof verification.
  if (consistencyPath.length === 0) return false;
  // 2. If first is an exact power of 2, then prepend first_hash to the consistency_path array.
  const path = isPowerOfTwo(first) ? [firstHash, ...consistencyPath] : [...consistencyPath];
  // 3. Set fn to first - 1 and sn to second - 1.
  let fn = first - 1;
  let sn = second - 1;
  // 4. If LSB(fn) is set, then right-shift both fn and sn equally until LSB(fn) is not set.
  while (lsb(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // 5. Set both fr and sr to the first value in the consistency_path array.
  let fr: Uint8Array = path[0]!;
  let sr: Uint8Array = path[0]!;
  // 6. For each subsequent value c in the consistency_path array:
  for (const c of path.slice(1)) {
    // a. If sn is 0, then stop the iteration and fail the proof verification.
    if (sn === 0) return false;
    // b. If LSB(fn) is set, or if fn is equal to sn, then:
    if (lsb(fn) || fn === sn) {
      // 1. Set fr to HASH(0x01 || c || fr).  2. Set sr to HASH(0x01 || c || sr).
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      // 3. If LSB(fn) is not set, right-shift fn and sn equally until either LSB(fn) is set or fn is 0.
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      // Otherwise: set sr to HASH(0x01 || sr || c).
      sr = nodeHash(sr, c);
    }
    // c. Finally, right-shift both fn and sn one time.
    fn = half(fn);
    sn = half(sn);
  }
  // 7. Succeed iff fr equals first_hash, sr equals second_hash, and sn is 0.
  return sn === 0 && Buffer.from(fr).equals(firstHash) && Buffer.from(sr).equals(secondHash);
}

function isPowerOfTwo(n: number): boolean {
  let p = 1;
  while (p < n) p *= 2;
  return p === n;
}
