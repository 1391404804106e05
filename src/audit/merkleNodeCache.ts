import { Lru } from '../readModels/lru.ts';

/**
 * Stored Merkle nodes kept in memory, the most recently used up to a fixed count. A stored node is
 * a perfect subtree, written once and never changed, so a kept copy is always the stored one; the
 * bound keeps memory flat however long the log grows.
 */
export class MerkleNodeCache {
  /** By idx·64 + level: exact for every idx below 2^47, which `keyOf` checks. */
  private readonly nodes: Lru<number, Buffer>;

  constructor(private readonly maxNodes: number) {
    this.nodes = new Lru(maxNodes);
  }

  get size(): number {
    return this.nodes.size;
  }

  get(level: number, idx: number): Buffer | undefined {
    const key = keyOf(level, idx);
    return key === undefined ? undefined : this.nodes.get(key);
  }

  set(level: number, idx: number, hash: Buffer): void {
    const key = keyOf(level, idx);
    if (key !== undefined && this.maxNodes > 0) this.nodes.set(key, hash);
  }
}

function keyOf(level: number, idx: number): number | undefined {
  return idx < 2 ** 47 && level < 64 ? idx * 64 + level : undefined;
}
