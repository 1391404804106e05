import { createHash } from 'node:crypto';
import { sha256 } from './sha256.ts';

/**
 * The Merkle tree over the ledger's global order, exactly as RFC 9162 §2.1 (Certificate
 * Transparency v2) defines it, with SHA-256. Leaf i is the i-th event in position order (0-based);
 * its input is the 32 raw bytes of the event's hash. Domain separation (0x00 for leaves, 0x01 for
 * interior nodes) keeps a leaf from ever being passed off as a node, and vice versa.
 *
 * The PATH and PROOF recursions are written once, over an abstract `mth(start, end)`, so the
 * in-memory reference here and the stored-node tree (merkleNodeStore.ts) build proofs of the same shape.
 */

export const HASH_SIZE = 32;

/** MTH({}) = SHA-256 of the empty string. */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

const HEX_HASH = /^[0-9a-f]{64}$/;

/** Hash of a leaf whose input is arbitrary bytes: SHA-256(0x00 || data). */
export function leafHashOfBytes(data: Uint8Array): Buffer {
  const input = Buffer.allocUnsafe(1 + data.length);
  input[0] = 0x00;
  input.set(data, 1);
  return sha256(input);
}

/** Leaf hash of one event: SHA-256(0x00 || the 32 raw bytes of its lowercase-hex hash). */
export function leafHash(eventHashHex: string): Buffer {
  if (!HEX_HASH.test(eventHashHex)) fromHex(eventHashHex); // throws the same TypeError
  const input = Buffer.allocUnsafe(1 + HASH_SIZE);
  input[0] = 0x00;
  input.write(eventHashHex, 1, 'hex');
  return sha256(input);
}

/** Interior node: SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  const input = Buffer.allocUnsafe(1 + left.length + right.length);
  input[0] = 0x01;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return sha256(input);
}

/** Lowercase hex of a hash. */
export function toHex(hash: Uint8Array): string {
  return Buffer.from(hash).toString('hex');
}

/** The 32 bytes of a lowercase-hex SHA-256; throws on anything else (no silent truncation by Buffer.from). */
export function fromHex(hex: string): Buffer {
  if (!HEX_HASH.test(hex)) throw new TypeError(`not a lowercase hex SHA-256: ${JSON.stringify(hex)}`);
  return Buffer.from(hex, 'hex');
}

/** The largest power of two strictly less than n (n > 1): RFC 9162's split point k. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[n]) (RFC 9162 §2.1.1), computed from the leaf hashes. The reference: O(n). */
export function merkleRoot(leaves: readonly Buffer[]): Buffer {
  const n = leaves.length;
  if (n === 0) return EMPTY_ROOT;
  if (n === 1) return leaves[0]!;
  const k = splitPoint(n);
  return nodeHash(merkleRoot(leaves.slice(0, k)), merkleRoot(leaves.slice(k)));
}

/** Computes MTH(D[start:end]) of some tree; how depends on the tree (leaves in memory, stored nodes). */
export type RangeHasher = (start: number, end: number) => Buffer;

/**
 * PATH(m, D[n]) (RFC 9162 §2.1.3.1): the audit path of leaf `index` in the tree of size `treeSize`,
 * ordered from the leaf's sibling up to the root's child.
 */
export function inclusionPath(index: number, treeSize: number, mth: RangeHasher): Buffer[] {
  assertSize(treeSize);
  if (!Number.isSafeInteger(index) || index < 0 || index >= treeSize) {
    throw new RangeError(`leaf index ${index} is outside a tree of size ${treeSize}`);
  }
  const path = (m: number, start: number, n: number): Buffer[] => {
    if (n === 1) return [];
    const k = splitPoint(n);
    return m < k
      ? [...path(m, start, k), mth(start + k, start + n)]
      : [...path(m - k, start + k, n - k), mth(start, start + k)];
  };
  return path(index, 0, treeSize);
}

/**
 * PROOF(m, D[n]) (RFC 9162 §2.1.4.1): the consistency proof between the trees of sizes m and n.
 * Empty when m is 0 or m equals n (nothing to prove).
 */
export function consistencyPath(m: number, n: number, mth: RangeHasher): Buffer[] {
  assertSize(n);
  if (!Number.isSafeInteger(m) || m < 0 || m > n) throw new RangeError(`cannot prove size ${m} consistent with size ${n}`);
  if (m === 0 || m === n) return [];
  const subproof = (m: number, start: number, n: number, complete: boolean): Buffer[] => {
    if (m === n) return complete ? [] : [mth(start, start + n)];
    const k = splitPoint(n);
    return m <= k
      ? [...subproof(m, start, k, complete), mth(start + k, start + n)]
      : [...subproof(m - k, start + k, n - k, false), mth(start, start + k)];
  };
  return subproof(m, 0, n, true);
}

/** PATH(index, D[leaves.length]) from leaf hashes held in memory. */
export function inclusionProof(index: number, leaves: readonly Buffer[]): Buffer[] {
  return inclusionPath(index, leaves.length, (s, e) => merkleRoot(leaves.slice(s, e)));
}

/** PROOF(m, D[leaves.length]) from leaf hashes held in memory. */
export function consistencyProof(m: number, leaves: readonly Buffer[]): Buffer[] {
  return consistencyPath(m, leaves.length, (s, e) => merkleRoot(leaves.slice(s, e)));
}

/**
 * Reads the hash of a perfect subtree: the 2^level leaves from index·2^level on. Only subtrees
 * that are complete in the tree being read may be asked for.
 */
export type PerfectSubtreeReader = (level: number, index: number) => Buffer;

/**
 * MTH(D[start:end]) from stored perfect subtrees. Every range the RFC recursions ask for starts at
 * a multiple of its split point, so the left half is always one stored node and only the ragged
 * right edge is hashed on the fly: O(log n) reads.
 */
export function rangeHashFromSubtrees(read: PerfectSubtreeReader, start: number, end: number): Buffer {
  const n = end - start;
  if (n <= 0) return EMPTY_ROOT;
  const level = exactLog2(n);
  if (level !== undefined && start % n === 0) return read(level, start / n);
  const k = splitPoint(n);
  return nodeHash(rangeHashFromSubtrees(read, start, start + k), rangeHashFromSubtrees(read, start + k, end));
}

/** k when n = 2^k, else undefined. By doubling, not Math.log2, which rounds near 2^53. */
function exactLog2(n: number): number | undefined {
  let level = 0;
  let p = 1;
  while (p < n) {
    p *= 2;
    level++;
  }
  return p === n ? level : undefined;
}

function assertSize(treeSize: number): void {
  if (!Number.isSafeInteger(treeSize) || treeSize < 0) throw new RangeError(`invalid tree size ${treeSize}`);
}

/**
 * A whole tree in memory as its perfect subtrees, level by level: appending is O(1) amortized, and
 * roots and proofs for any size up to the current one cost O(log n) hashes. The offline verifier
 * uses it to check many checkpoints over one pass of the events. Each level is one growing buffer
 * of 32-byte hashes (not a Buffer per node), so a million events take about 64 MB.
 */
export class MemoryMerkleTree {
  /** levels[k] holds, at offset 32·i, the hash of leaves [i·2^k, (i+1)·2^k). */
  private readonly levels: { bytes: Buffer; count: number }[] = [];
  private leaves = 0;

  get size(): number {
    return this.leaves;
  }

  append(leaf: Uint8Array): void {
    if (leaf.length !== HASH_SIZE) throw new TypeError(`a leaf hash has ${HASH_SIZE} bytes, not ${leaf.length}`);
    let level = 0;
    let index = this.leaves++;
    let node: Buffer = Buffer.from(leaf);
    this.push(0, node);
    // A right child completes its parent; carry upward while we keep completing.
    while (index % 2 === 1) {
      node = nodeHash(this.node(level, index - 1), node);
      level++;
      index = (index - 1) / 2;
      this.push(level, node);
    }
  }

  root(treeSize: number = this.size): Buffer {
    this.assertWithin(treeSize);
    return this.mth(0, treeSize);
  }

  inclusionProof(index: number, treeSize: number = this.size): Buffer[] {
    this.assertWithin(treeSize);
    return inclusionPath(index, treeSize, this.mth);
  }

  consistencyProof(m: number, n: number = this.size): Buffer[] {
    this.assertWithin(n);
    return consistencyPath(m, n, this.mth);
  }

  private readonly mth: RangeHasher = (start, end) => rangeHashFromSubtrees((level, index) => this.node(level, index), start, end);

  private node(level: number, index: number): Buffer {
    const offset = index * HASH_SIZE;
    return Buffer.from(this.levels[level]!.bytes.subarray(offset, offset + HASH_SIZE));
  }

  private push(level: number, hash: Buffer): void {
    const l = (this.levels[level] ??= { bytes: Buffer.alloc(HASH_SIZE * 64), count: 0 });
    if ((l.count + 1) * HASH_SIZE > l.bytes.length) {
      const grown = Buffer.alloc(l.bytes.length * 2);
      l.bytes.copy(grown);
      l.bytes = grown;
    }
    hash.copy(l.bytes, l.count * HASH_SIZE);
    l.count++;
  }

  private assertWithin(treeSize: number): void {
    assertSize(treeSize);
    if (treeSize > this.size) throw new RangeError(`tree size ${treeSize} exceeds the ${this.size} leaves held`);
  }
}
