import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consistencyProof, inclusionProof, leafHash, merkleRoot, toHex } from '../../../src/audit/merkle.ts';
import { MerkleNodeStore } from '../../../src/audit/merkleNodeStore.ts';
import { verifyConsistency, verifyInclusion } from '../../../src/audit/merkleProofs.ts';

const eventHashOf = (i: number) => createHash('sha256').update(`event-${i}`).digest('hex');
const hex = (proof: Buffer[]) => proof.map(toHex);

describe('MerkleNodeStore', () => {
  let dir: string;
  let file: string;
  let db: Database.Database;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'merkle-nodes-'));
    file = join(dir, 'ledger.sqlite');
    db = new Database(file);
    // As the event store opens its handle: safe integers on.
    db.defaultSafeIntegers(true);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given leaves appended one by one, then roots and proofs equal the in-memory reference for every size', () => {
    const store = new MerkleNodeStore(db);
    const hashes = Array.from({ length: 70 }, (_, i) => eventHashOf(i));
    const leaves = hashes.map(leafHash);
    expect(store.size()).toBe(0);
    expect(toHex(store.root(0))).toBe(toHex(merkleRoot([])));
    hashes.forEach((h, i) => expect(store.append(h)).toBe(i));
    expect(store.size()).toBe(70);
    for (let n = 1; n <= 70; n++) {
      const prefix = leaves.slice(0, n);
      expect(toHex(store.root(n)), `root ${n}`).toBe(toHex(merkleRoot(prefix)));
      for (let i = 0; i < n; i++) expect(hex(store.inclusionProof(i, n)), `incl ${i}/${n}`).toEqual(hex(inclusionProof(i, prefix)));
      for (let m = 0; m <= n; m++) expect(hex(store.consistencyProof(m, n)), `cons ${m}->${n}`).toEqual(hex(consistencyProof(m, prefix)));
    }
  });

  it('stores exactly the perfect subtrees: leaf i at level 0, and each completed (level k, i >> k)', () => {
    const store = new MerkleNodeStore(db);
    store.appendMany(Array.from({ length: 6 }, (_, i) => eventHashOf(i)));
    const rows = db.prepare('SELECT level, idx FROM merkle_nodes ORDER BY level, idx').safeIntegers(false).all();
    expect(rows).toEqual([
      ...[0, 1, 2, 3, 4, 5].map((idx) => ({ level: 0, idx })),
      ...[0, 1, 2].map((idx) => ({ level: 1, idx })),
      { level: 2, idx: 0 },
    ]);
  });

  it('survives a reopen of the file, and keeps appending where it stopped', () => {
    new MerkleNodeStore(db).appendMany(Array.from({ length: 13 }, (_, i) => eventHashOf(i)));
    db.close();
    db = new Database(file);
    const store = new MerkleNodeStore(db);
    expect(store.size()).toBe(13);
    expect(store.append(eventHashOf(13))).toBe(13);
    expect(toHex(store.root())).toBe(toHex(merkleRoot(Array.from({ length: 14 }, (_, i) => leafHash(eventHashOf(i))))));
  });

  it('joins the caller’s transaction: a rolled-back append leaves no node behind', () => {
    const store = new MerkleNodeStore(db);
    store.append(eventHashOf(0));
    const failing = db.transaction(() => {
      store.append(eventHashOf(1));
      throw new Error('the event insert failed');
    });
    expect(() => failing()).toThrow('the event insert failed');
    expect(store.size()).toBe(1);
    expect(db.prepare('SELECT count(*) FROM merkle_nodes').pluck().safeIntegers(false).get()).toBe(1);
  });

  it('refuses sizes beyond the stored tree and malformed hashes', () => {
    const store = new MerkleNodeStore(db);
    store.appendMany([eventHashOf(0), eventHashOf(1)]);
    expect(() => store.root(3)).toThrow(RangeError);
    expect(() => store.inclusionProof(2, 2)).toThrow(RangeError);
    expect(() => store.consistencyProof(1, 3)).toThrow(RangeError);
    expect(() => store.append('not-a-hash')).toThrow(TypeError);
    expect(store.size()).toBe(2);
  });

  it('reads O(log n) nodes per root or proof (within the O(log² n) budget), never one per event', () => {
    const store = new MerkleNodeStore(db);
    const n = 5000;
    store.appendMany(Array.from({ length: n }, (_, i) => eventHashOf(i)));
    const log2 = Math.ceil(Math.log2(n));
    // At most one ragged range (≤ log n reads) per proof; every other element is one stored node.
    const budget = 2 * log2 + 2;
    const reads = (f: () => unknown) => {
      const before = store.nodeReads;
      f();
      return store.nodeReads - before;
    };
    let worst = 0;
    for (const size of [1, 2, 3, 1023, 1024, 1025, 2047, 3333, 4095, 4999, 5000]) {
      worst = Math.max(worst, reads(() => store.root(size)));
      for (const i of [0, 1, size >> 1, size - 2, size - 1].filter((i) => i >= 0 && i < size)) {
        const proof = store.inclusionProof(i, size);
        worst = Math.max(worst, reads(() => store.inclusionProof(i, size)));
        expect(verifyInclusion(leafHash(eventHashOf(i)), i, size, proof, store.root(size))).toBe(true);
      }
      for (const m of [1, 2, 7, size >> 1, size - 1].filter((m) => m > 0 && m < size)) {
        worst = Math.max(worst, reads(() => store.consistencyProof(m, size)));
        expect(verifyConsistency(m, size, store.root(m), store.root(size), store.consistencyProof(m, size))).toBe(true);
      }
    }
    expect(worst).toBeGreaterThan(0);
    expect(worst).toBeLessThanOrEqual(budget);
  });

  it('given 1,300 leaves, when consecutive subtrees are read as one range, then each range is the per-node reads concatenated, in one statement', () => {
    const store = new MerkleNodeStore(db);
    store.appendMany(Array.from({ length: 1300 }, (_, i) => eventHashOf(i)));
    const perNode = (level: number, first: number, count: number) => Buffer.concat(Array.from({ length: count }, (_, i) => store.subtree(level, first + i)));
    for (const [level, first, count] of [[0, 0, 256], [0, 256, 256], [0, 1280, 20], [0, 1299, 1], [2, 0, 325], [8, 0, 5], [10, 1, 0]] as const) {
      const before = store.nodeReads;
      const range = store.subtrees(level, first, count);
      expect(store.nodeReads - before, `reads of ${level}/${first}+${count}`).toBeLessThanOrEqual(1);
      expect(range.equals(perNode(level, first, count)), `${level}/${first}+${count}`).toBe(true);
    }
  });

  it('given a range that runs past the stored subtrees, when it is read, then it throws rather than answer a shorter range', () => {
    const store = new MerkleNodeStore(db);
    store.appendMany(Array.from({ length: 300 }, (_, i) => eventHashOf(i)));
    expect(() => store.subtrees(0, 256, 256)).toThrow(/missing nodes/);
    expect(() => store.subtrees(8, 1, 1)).toThrow(/missing nodes/);
  });

  it('given proofs over 5,000 leaves, when asked again of a store that kept its upper nodes, then they are the same and read fewer nodes', () => {
    const store = new MerkleNodeStore(db);
    store.appendMany(Array.from({ length: 5000 }, (_, i) => eventHashOf(i)));
    const all = () => [1025, 3333, 5000].flatMap((size) => [toHex(store.root(size)), ...[0, 700, size - 1].flatMap((i) => hex(store.inclusionProof(i, size))), ...[1, 1000, size - 1].flatMap((m) => hex(store.consistencyProof(m, size)))]);
    const before = store.nodeReads;
    const cold = all();
    const coldReads = store.nodeReads - before;
    const warm = all();
    expect(warm).toEqual(cold);
    expect(store.nodeReads - before - coldReads).toBeLessThan(coldReads);
    // And what a fresh store (nothing kept) answers.
    expect(new MerkleNodeStore(db).nodeReads).toBe(0);
    const fresh = new MerkleNodeStore(db);
    expect([1025, 3333, 5000].map((size) => toHex(fresh.root(size)))).toEqual([1025, 3333, 5000].map((size) => toHex(store.root(size))));
  });

  it('given proofs over 5,000 leaves asked once, when asked again, then they read no stored node (the whole tree fits the memory bound) and are the same', () => {
    const store = new MerkleNodeStore(db);
    store.appendMany(Array.from({ length: 5000 }, (_, i) => eventHashOf(i)));
    const all = () => [1025, 3333, 4999].flatMap((size) => [...[0, 700, size - 1].flatMap((i) => hex(store.inclusionProof(i, size))), ...[1, 1000, size - 1].flatMap((m) => hex(store.consistencyProof(m, size)))]);
    const cold = all();
    const before = store.nodeReads;
    expect(all()).toEqual(cold);
    expect(store.nodeReads - before).toBe(0);
  });

  it('given a memory bound far below the tree, when proofs are asked twice, then the second time reads only the levels below the ones kept, and every proof equals the reference', () => {
    const n = 5000;
    const hashes = Array.from({ length: n }, (_, i) => eventHashOf(i));
    const leaves = hashes.map(leafHash);
    // 33 bytes a node: 4 KiB keeps about 124 nodes, levels 6 and up of 5,000 leaves.
    const store = new MerkleNodeStore(db, { cachedNodeBytes: 4096 });
    store.appendMany(hashes);
    const sizes = [1025, 3333, n];
    const ask = () => sizes.flatMap((size) => [...[0, 700, size - 1].map((i) => hex(store.inclusionProof(i, size))), ...[1, 1000, size - 1].map((m) => hex(store.consistencyProof(m, size)))]);
    const cold = ask();
    expect(cold).toEqual(sizes.flatMap((size) => [...[0, 700, size - 1].map((i) => hex(inclusionProof(i, leaves.slice(0, size)))), ...[1, 1000, size - 1].map((m) => hex(consistencyProof(m, leaves.slice(0, size))))]));
    const before = store.nodeReads;
    expect(ask()).toEqual(cold);
    const warmReads = store.nodeReads - before;
    expect(warmReads).toBeGreaterThan(0);
    // Below level 6 only: at most 6 reads of a leaf's own path and its ragged edge's low levels, per proof.
    expect(warmReads).toBeLessThanOrEqual(sizes.length * 6 * 12);
  });

  it('given a tree larger than the memory bound, when it is warmed, then whole upper levels are read in a few statements and a first proof reads only the levels below them, the same proof as a cold store’s', () => {
    const n = 5000;
    {
      const hashes = Array.from({ length: n }, (_, i) => eventHashOf(i));
      new MerkleNodeStore(db).appendMany(hashes);
    }
    const warmed = new MerkleNodeStore(db, { cachedNodeBytes: 4096 });
    const lowest = warmed.warm();
    // 4 KiB at 33 bytes a node (124 nodes): levels 6 and up of 5,000 leaves (152 nodes) do not fit; 7 and up (74) do.
    expect(lowest).toBe(7);
    expect(warmed.nodeReads).toBeLessThanOrEqual(8);
    const cold = new MerkleNodeStore(db, { cachedNodeBytes: 0 });
    for (const [i, size] of [[0, n], [4321, n], [77, 3000]] as const) {
      const before = warmed.nodeReads;
      expect(hex(warmed.inclusionProof(i, size))).toEqual(hex(cold.inclusionProof(i, size)));
      expect(warmed.nodeReads - before, `${i}/${size}`).toBeLessThanOrEqual(2 * lowest);
    }
    expect(hex(warmed.consistencyProof(1234, n))).toEqual(hex(cold.consistencyProof(1234, n)));
  });

  it('given an append of 512 leaves rolled back after it read upper nodes it wrote, when other leaves are appended, then no node of the rolled-back ones is served', () => {
    const store = new MerkleNodeStore(db);
    const rolledBack = db.transaction(() => {
      store.appendMany(Array.from({ length: 512 }, (_, i) => eventHashOf(i)));
      // Read while the transaction is open: the nodes exist for it, not for anyone after the rollback.
      store.size();
      store.root(512);
      store.inclusionProof(3, 512);
      throw new Error('the event insert failed');
    });
    expect(() => rolledBack()).toThrow('the event insert failed');
    // Nor a size or root it saw inside: the tree is empty again.
    expect(store.size()).toBe(0);
    expect(() => store.root(512)).toThrow(RangeError);
    expect(() => store.inclusionProof(3, 512)).toThrow(RangeError);
    const hashes = Array.from({ length: 600 }, (_, i) => eventHashOf(10_000 + i));
    store.appendMany(hashes);
    const leaves = hashes.map(leafHash);
    for (const size of [256, 512, 600]) expect(toHex(store.root(size)), `root ${size}`).toBe(toHex(merkleRoot(leaves.slice(0, size))));
    expect(hex(store.inclusionProof(3, 600))).toEqual(hex(inclusionProof(3, leaves)));
  });
});
