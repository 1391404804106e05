import type Database from 'better-sqlite3';
import { consistencyPath, HASH_SIZE, inclusionPath, leafHash, nodeHash, rangeHashFromSubtrees } from './merkle.ts';
import { MerkleNodeCache } from './merkleNodeCache.ts';
import { Lru } from '../readModels/lru.ts';

/**
 * Nodes kept in memory, dense by level (MerkleNodeCache): 16 MiB holds every level from 2
 * up at 1M events (from 5 up at 8M), so an inclusion proof reads 2 stored nodes instead of 8.
 */
const CACHED_NODE_BYTES = 16 * 2 ** 20;
/** Nodes per range statement when whole levels are read into memory. */
const WARM_CHUNK = 4096;
/** Roots of the tree sizes most asked for (the latest checkpoint's, the head's), by size. */
const CACHED_ROOTS = 1024;

/**
 * The ledger's Merkle tree, kept in SQLite as its perfect subtrees: row (level k, idx i) holds the
 * hash of leaves [i·2^k, (i+1)·2^k), written once, when the leaf that completes it is appended, and
 * never changed. Any root or proof is then assembled from O(log n) stored nodes (a ragged right edge
 * adds at most one node per level), without reading events. About two rows per event.
 *
 * The table lives beside the events in the same file. Appending a leaf in the same transaction as
 * its event keeps the two in step; `append` joins the caller's transaction when there is one.
 *
 * Since nothing stored ever changes, nodes and roots read once are kept in memory (bounded),
 * and a size seen once is not asked again; none of it is taken from inside a transaction, whose
 * writes may yet roll back.
 */
export class MerkleNodeStore {
  /** Reads of nodes from SQLite (statements run) since construction; tests hold proofs and tiles to their budgets with it. */
  nodeReads = 0;

  private readonly stmts;
  private readonly appendTx;
  private readonly kept: MerkleNodeCache;
  /** By tree size: a root of a size the tree holds never changes either. */
  private readonly roots = new Lru<number, Buffer>(CACHED_ROOTS);
  /** A size seen outside any transaction: committed, and leaves are never removed, so always held. */
  private committedSize = 0;

  /** `cachedNodeBytes`: the bound of the nodes kept in memory (default 16 MiB). */
  constructor(private readonly db: Database.Database, options: { cachedNodeBytes?: number } = {}) {
    this.kept = new MerkleNodeCache(options.cachedNodeBytes ?? CACHED_NODE_BYTES);
    db.exec(`CREATE TABLE IF NOT EXISTS merkle_nodes (
      level INTEGER NOT NULL,
      idx   INTEGER NOT NULL,
      hash  BLOB    NOT NULL,
      PRIMARY KEY (level, idx)
    ) WITHOUT ROWID`);
    // The event store turns safe integers on for the whole handle; our counters fit in a double.
    this.stmts = {
      get: db.prepare<[number, number], Buffer>('SELECT hash FROM merkle_nodes WHERE level = ? AND idx = ?').pluck().safeIntegers(false),
      // Concatenated by SQLite (ORDER BY in the aggregate: SQLite 3.44+), one value for the whole
      // range: a JavaScript value per row costs about three times as much as the read itself.
      range: db.prepare<[number, number, number], Buffer | null>(
        "SELECT CAST(group_concat(hash, '' ORDER BY idx) AS BLOB) FROM merkle_nodes WHERE level = ? AND idx >= ? AND idx < ?",
      ).pluck().safeIntegers(false),
      insert: db.prepare<[number, number, Buffer]>('INSERT INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)'),
      size: db.prepare<[], number | null>('SELECT max(idx) + 1 FROM merkle_nodes WHERE level = 0').pluck().safeIntegers(false),
    };
    this.appendTx = db.transaction((hashes: readonly string[]): number => {
      let index = this.size();
      for (const h of hashes) this.appendLeaf(index++, leafHash(h));
      return index;
    });
  }

  /** Number of leaves (events) in the tree. */
  size(): number {
    const size = this.stmts.size.get() ?? 0;
    if (!this.db.inTransaction) this.committedSize = Math.max(this.committedSize, size);
    return size;
  }

  /**
   * Reads into memory, from the top of the tree down, every whole level the memory bound still has
   * room for, one range statement per 4,096 nodes (about 0.1 s at 1M events): proofs then read only
   * the levels below from the file, from their first request on. Nodes appended later are kept as
   * they are read. Returns the lowest level read.
   */
  warm(): number {
    // Inside a transaction the nodes may yet roll back: nothing is kept from there.
    if (this.db.inTransaction) return Number.POSITIVE_INFINITY;
    const size = this.size();
    let level = Math.floor(Math.log2(Math.max(1, size))) + 1;
    while (level > 0) {
      const count = Math.floor(size / 2 ** (level - 1));
      if (!this.kept.hasRoomFor(count)) break;
      level--;
      this.kept.reserve(level, count);
      for (let first = 0; first < count; first += WARM_CHUNK) {
        const hashes = this.subtrees(level, first, Math.min(WARM_CHUNK, count - first));
        for (let i = 0; i * HASH_SIZE < hashes.length; i++) this.kept.set(level, first + i, hashes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE));
      }
    }
    return level;
  }

  /** Whether the tree holds at least `treeSize` leaves; within a size already seen committed, without a query. */
  holds(treeSize: number): boolean {
    if (!Number.isSafeInteger(treeSize) || treeSize < 0) return false;
    return treeSize <= this.committedSize || treeSize <= this.size();
  }

  /** Appends the leaf of one event (by its hex hash) and returns its 0-based leaf index. */
  append(eventHashHex: string): number {
    return this.appendTx([eventHashHex]) - 1;
  }

  /** Appends several leaves atomically, in order; returns the new size. */
  appendMany(eventHashesHex: readonly string[]): number {
    return this.appendTx(eventHashesHex);
  }

  /** MTH of the first `treeSize` leaves. */
  root(treeSize: number = this.size()): Buffer {
    this.assertWithin(treeSize);
    const kept = this.roots.get(treeSize);
    if (kept !== undefined) return kept;
    const root = this.mth(0, treeSize);
    if (!this.db.inTransaction) this.roots.set(treeSize, root);
    return root;
  }

  /** PATH(index, D[treeSize]) (RFC 9162 §2.1.3.1). */
  inclusionProof(index: number, treeSize: number = this.size()): Buffer[] {
    this.assertWithin(treeSize);
    return inclusionPath(index, treeSize, (s, e) => this.mth(s, e));
  }

  /** PROOF(m, D[n]) (RFC 9162 §2.1.4.1). */
  consistencyProof(m: number, n: number = this.size()): Buffer[] {
    this.assertWithin(n);
    return consistencyPath(m, n, (s, e) => this.mth(s, e));
  }

  /**
   * The stored hash of leaves [idx·2^level, (idx+1)·2^level); only for a subtree the tree completes.
   * Hashes this store returns may be shared with its cache: read them, never write into them.
   */
  subtree(level: number, idx: number): Buffer {
    return this.read(level, idx);
  }

  /**
   * The stored hashes of `count` consecutive perfect subtrees of one level from `first`, concatenated,
   * in one statement (a tile is 256 of them); only for subtrees the tree completes.
   */
  subtrees(level: number, first: number, count: number): Buffer {
    if (count === 0) return Buffer.alloc(0);
    this.nodeReads++;
    const hashes = this.stmts.range.get(level, first, first + count);
    if (hashes?.length !== count * HASH_SIZE) throw new Error(`merkle_nodes is missing nodes of level ${level} in [${first}, ${first + count})`);
    return hashes;
  }

  /** Stores leaf `index` and every perfect subtree it completes (level k, idx index >> k). */
  private appendLeaf(index: number, leaf: Buffer): void {
    this.stmts.insert.run(0, index, leaf);
    let level = 0;
    let i = index;
    let node = leaf;
    // A right child (odd index) completes its parent, whose left child is already stored.
    while (i % 2 === 1) {
      node = nodeHash(this.read(level, i - 1), node);
      level++;
      i = (i - 1) / 2;
      this.stmts.insert.run(level, i, node);
    }
  }

  private mth(start: number, end: number): Buffer {
    return rangeHashFromSubtrees((level, idx) => this.read(level, idx), start, end);
  }

  private read(level: number, idx: number): Buffer {
    const kept = this.kept.get(level, idx);
    if (kept !== undefined) return kept;
    this.nodeReads++;
    const hash = this.stmts.get.get(level, idx);
    // Only complete subtrees are asked for, so a missing row means a damaged table, not a bad request.
    if (hash === undefined) throw new Error(`merkle_nodes is missing node (${level}, ${idx})`);
    // Inside a transaction the node may be one it wrote and will roll back: kept only once committed.
    if (!this.db.inTransaction) this.kept.set(level, idx, hash);
    return hash;
  }

  private assertWithin(treeSize: number): void {
    // Within a size already seen committed, no query: the tree still holds it.
    if (Number.isSafeInteger(treeSize) && treeSize >= 0 && treeSize <= this.committedSize) return;
    const size = this.size();
    if (!Number.isSafeInteger(treeSize) || treeSize < 0 || treeSize > size) {
      throw new RangeError(`tree size ${treeSize} is outside the stored tree of size ${size}`);
    }
  }
}
