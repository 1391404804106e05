/**
 * Stored Merkle nodes kept in memory, the most recently used up to a fixed count. A stored node is
 * a perfect subtree, written once and never changed, so a kept copy is always the stored one; the
 * bound keeps memory flat however long the log grows.
 */
export class MerkleNodeCache {
  /** By idx·64 + level: exact for every idx below 2^47, which `key` checks. */
  private readonly nodes = new Map<number, Buffer>();

  constructor(private readonly maxNodes: number) {}

  get size(): number {
    return this.nodes.size;
  }

  get(level: number, idx: number): Buffer | undefined {
    const key = keyOf(level, idx);
    const hash = key === undefined ? undefined : this.nodes.get(key);
    if (hash === undefined) return undefined;
    // Re-inserted, so that the Map's insertion order is the order of use.
    this.nodes.delete(key!);
    this.nodes.set(key!, hash);
    return hash;
  }

  set(level: number, idx: number, hash: Buffer): void {
    const key = keyOf(level, idx);
    if (key === undefined || this.maxNodes <= 0) return;
    this.nodes.delete(key);
    this.nodes.set(key, hash);
    if (this.nodes.size > this.maxNodes) this.nodes.delete(this.nodes.keys().next().value!);
  }
}

function keyOf(level: number, idx: number): number | undefined {
  return idx < 2 ** 47 && level < 64 ? idx * 64 + level : undefined;
}
