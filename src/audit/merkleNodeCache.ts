import { HASH_SIZE } from './merkle.ts';

/** One level's kept nodes: node idx at offset 32·idx of `hashes`, present where `kept[idx]` is 1. */
interface KeptLevel {
  hashes: Buffer;
  kept: Uint8Array;
}

const BYTES_PER_SLOT = HASH_SIZE + 1;
const FIRST_SLOTS = 64;

/**
 * Stored Merkle nodes kept in memory, dense by level: node (level k, idx i) sits at offset 32·i of
 * level k's buffer, so a kept node costs 33 bytes and a lookup is an index, with no map to reorder
 * (the least-recently-used map this replaces was ~6% of a consistency proof's CPU at 1M events).
 *
 * Every level holds about twice the nodes of the one above it, so when the buffers would pass
 * `maxBytes` the lowest level kept is dropped, for good: the levels kept rise as the log grows (at
 * 1M events and 16 MiB, levels 2 and up, leaving 2 stored reads to an inclusion proof) and memory
 * stays within the bound however long the log is. A stored node is a perfect subtree, written once
 * and never changed, so a kept copy is always the stored one. Hashes handed out are views of the
 * kept bytes: read them, never write into them.
 */
export class MerkleNodeCache {
  private readonly levels: (KeptLevel | undefined)[] = [];
  /** Levels below this are no longer kept. */
  private lowest = 0;
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** The lowest level still kept; every level below it is read from the store. */
  get lowestLevel(): number {
    return this.lowest;
  }

  /** Bytes the kept levels take (their buffers, allocated ahead of the nodes read). */
  get allocatedBytes(): number {
    return this.bytes;
  }

  /** Whether `slots` more nodes would fit beside those kept, without dropping a level. */
  hasRoomFor(slots: number): boolean {
    return this.bytes + slots * BYTES_PER_SLOT <= this.maxBytes;
  }

  /** Makes room for nodes 0 … slots − 1 of `level` at once (a whole level about to be set), within the bound as `set` does. */
  reserve(level: number, slots: number): void {
    if (level >= this.lowest && slots > 0) this.levelFor(level, slots, true);
  }

  get(level: number, idx: number): Buffer | undefined {
    const kept = this.levels[level];
    if (kept === undefined || !(idx < kept.kept.length) || kept.kept[idx] !== 1) return undefined;
    return kept.hashes.subarray(idx * HASH_SIZE, (idx + 1) * HASH_SIZE);
  }

  set(level: number, idx: number, hash: Uint8Array): void {
    if (level < this.lowest || hash.length !== HASH_SIZE || !Number.isSafeInteger(idx) || idx < 0) return;
    const kept = this.levelFor(level, idx + 1);
    if (kept === undefined) return;
    kept.hashes.set(hash, idx * HASH_SIZE);
    kept.kept[idx] = 1;
  }

  /** Level `level`'s buffers, grown to hold `slots` nodes, dropping lower levels to stay within the bound; undefined if it cannot be kept. */
  private levelFor(level: number, slots: number, exact = false): KeptLevel | undefined {
    const old = this.levels[level];
    const had = old?.kept.length ?? 0;
    if (slots <= had) return old;
    // Doubling, so that a level read from its start grows O(log n) times; as much as fits (at least
    // `slots`) when doubling does not, so that a level at the bound is not copied again per node.
    const fits = (wanted: number) => this.bytes + (wanted - had) * BYTES_PER_SLOT <= this.maxBytes;
    const grown = () => {
      if (exact) return slots;
      const room = had + Math.floor((this.maxBytes - this.bytes) / BYTES_PER_SLOT);
      return Math.max(slots, Math.min(Math.max(2 * had, FIRST_SLOTS), room));
    };
    let wanted = grown();
    while (!fits(wanted) && this.lowest < level) {
      this.dropLowest();
      wanted = grown();
    }
    if (!fits(wanted)) {
      // Not even this level fits beside the ones above it: it is the lowest, and is dropped too.
      if (this.lowest === level) this.dropLowest();
      return undefined;
    }
    const kept: KeptLevel = { hashes: Buffer.alloc(wanted * HASH_SIZE), kept: new Uint8Array(wanted) };
    if (old) {
      old.hashes.copy(kept.hashes);
      kept.kept.set(old.kept);
    }
    this.levels[level] = kept;
    this.bytes += (wanted - had) * BYTES_PER_SLOT;
    return kept;
  }

  private dropLowest(): void {
    const dropped = this.levels[this.lowest];
    if (dropped) this.bytes -= dropped.kept.length * BYTES_PER_SLOT;
    this.levels[this.lowest] = undefined;
    this.lowest++;
  }
}
