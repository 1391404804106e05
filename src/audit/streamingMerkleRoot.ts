import { EMPTY_ROOT, HASH_SIZE, nodeHash } from './merkle.ts';

/**
 * RFC 9162 tree head (MTH, merkle.ts) over leaves pushed one at a time, in one pass and O(log n)
 * memory: a stack of the perfect subtrees the leaves so far decompose into, largest first. Two
 * subtrees of equal size merge into their parent as soon as the right one is complete; the root
 * folds the stack from the right, which is how the RFC's split at the largest power of two unrolls.
 */
export class StreamingMerkleRoot {
  private readonly stack: { size: number; hash: Uint8Array }[] = [];
  private leaves = 0;

  get size(): number {
    return this.leaves;
  }

  /** Appends one leaf hash (leafHash in merkle.ts). */
  push(leaf: Uint8Array): void {
    if (leaf.length !== HASH_SIZE) throw new TypeError(`a leaf hash has ${HASH_SIZE} bytes, not ${leaf.length}`);
    this.leaves++;
    let size = 1;
    let hash = leaf;
    while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.size === size) {
      hash = nodeHash(this.stack.pop()!.hash, hash);
      size *= 2;
    }
    this.stack.push({ size, hash });
  }

  /**
   * Appends the leaves of `leaves` (HASH_SIZE bytes each) whose MTH is `root`. When their number
   * is a power of two and the size so far a multiple of it, they are one perfect subtree of the
   * tree, whose root is `root`: it is pushed as one node (a worker computed it). Otherwise leaf by leaf.
   */
  pushAll(leaves: Uint8Array, root: Uint8Array): void {
    const n = leaves.length / HASH_SIZE;
    if (!Number.isInteger(n) || n === 0) {
      if (leaves.length % HASH_SIZE !== 0) throw new TypeError(`leaves of ${HASH_SIZE} bytes each, not ${leaves.length} bytes`);
      return;
    }
    if ((n & (n - 1)) !== 0 || this.leaves % n !== 0) {
      for (let i = 0; i < n; i++) this.push(leaves.subarray(HASH_SIZE * i, HASH_SIZE * (i + 1)));
      return;
    }
    if (root.length !== HASH_SIZE) throw new TypeError(`a subtree root has ${HASH_SIZE} bytes, not ${root.length}`);
    this.leaves += n;
    let size = n;
    let hash = root;
    while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.size === size) {
      hash = nodeHash(this.stack.pop()!.hash, hash);
      size *= 2;
    }
    this.stack.push({ size, hash });
  }

  /** MTH of the leaves pushed so far. */
  root(): Buffer {
    if (this.stack.length === 0) return EMPTY_ROOT;
    let acc = this.stack[this.stack.length - 1]!.hash;
    for (let i = this.stack.length - 2; i >= 0; i--) acc = nodeHash(this.stack[i]!.hash, acc);
    return Buffer.from(acc);
  }
}
