import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  EMPTY_ROOT,
  fromHex,
  inclusionProof,
  leafHash,
  leafHashOfBytes,
  MemoryMerkleTree,
  merkleRoot,
  nodeHash,
  toHex,
} from '../../../src/audit/merkle.ts';
import { verifyConsistency, verifyInclusion } from '../../../src/audit/merkleProofs.ts';

// Certificate Transparency's reference vectors (RFC 6962 reference implementation, reused by
// certificate-transparency-go and transparency-dev/merkle): eight leaf inputs, then the root of
// every prefix and a few proofs. Leaf indices here are 0-based.
const CT_INPUTS = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const CT_LEAVES = CT_INPUTS.map((h) => leafHashOfBytes(Buffer.from(h, 'hex')));
const CT_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const CT_INCLUSION = [
  { index: 0, size: 8, path: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
  { index: 5, size: 8, path: ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
  { index: 2, size: 3, path: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  { index: 1, size: 5, path: ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'] },
];
const CT_CONSISTENCY = [
  { first: 1, second: 1, path: [] as string[] },
  { first: 1, second: 8, path: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
  { first: 6, second: 8, path: ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
  { first: 2, second: 5, path: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'] },
];

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** Leaves as the ledger makes them: from the hex hash of an event. */
const LEAVES = Array.from({ length: 64 }, (_, i) => leafHash(sha256(`event-${i}`)));
const ROOTS = Array.from({ length: 65 }, (_, n) => merkleRoot(LEAVES.slice(0, n)));

/** A copy of `proof` with one bit of element `at` flipped. */
const flip = (proof: Buffer[], at: number) => proof.map((p, i) => (i === at ? Buffer.from(p.map((b, j) => (j === 0 ? b ^ 1 : b))) : p));

describe('merkle hashing (RFC 9162 §2.1.1)', () => {
  it('given the CT reference leaves, then every prefix has the published root', () => {
    for (let n = 0; n <= 8; n++) expect(toHex(merkleRoot(CT_LEAVES.slice(0, n))), `size ${n}`).toBe(CT_ROOTS[n]);
  });

  it('the empty tree hashes to SHA-256 of the empty string', () => {
    expect(toHex(EMPTY_ROOT)).toBe(sha256(''));
  });

  it('a leaf is SHA-256(0x00 || 32 raw bytes of the event hash), a node SHA-256(0x01 || l || r)', () => {
    const h = sha256('x');
    expect(toHex(leafHash(h))).toBe(createHash('sha256').update(Buffer.concat([Buffer.of(0), Buffer.from(h, 'hex')])).digest('hex'));
    const [a, b] = [LEAVES[0]!, LEAVES[1]!];
    expect(toHex(nodeHash(a, b))).toBe(createHash('sha256').update(Buffer.concat([Buffer.of(1), a, b])).digest('hex'));
  });

  it('refuses event hashes that are not 64 lowercase hex digits', () => {
    for (const bad of ['', 'ab', sha256('x').toUpperCase(), `${sha256('x')}0`, 'z'.repeat(64)]) {
      expect(() => leafHash(bad)).toThrow(TypeError);
    }
    expect(fromHex(sha256('x')).length).toBe(32);
  });
});

describe('inclusion proofs (RFC 9162 §2.1.3)', () => {
  it('given the CT reference vectors, then PATH matches and verifies', () => {
    for (const v of CT_INCLUSION) {
      const leaves = CT_LEAVES.slice(0, v.size);
      expect(inclusionProof(v.index, leaves).map(toHex)).toEqual(v.path);
      expect(verifyInclusion(CT_LEAVES[v.index]!, v.index, v.size, v.path.map(fromHex), fromHex(CT_ROOTS[v.size]!))).toBe(true);
    }
  });

  it('every leaf of every tree of size 1..64 is proven included, and only at its own index', () => {
    for (let n = 1; n <= 64; n++) {
      const leaves = LEAVES.slice(0, n);
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(i, leaves);
        expect(verifyInclusion(LEAVES[i]!, i, n, proof, ROOTS[n]!), `${i}/${n}`).toBe(true);
        if (n > 1) expect(verifyInclusion(LEAVES[i]!, (i + 1) % n, n, proof, ROOTS[n]!), `wrong index ${i}/${n}`).toBe(false);
        expect(verifyInclusion(LEAVES[(i + 1) % 64]!, i, n, proof, ROOTS[n]!), `wrong leaf ${i}/${n}`).toBe(false);
      }
    }
  });

  it('rejects tampered proofs: a flipped bit, a dropped or extra element, swapped elements, a wrong root or size', () => {
    for (let n = 2; n <= 64; n++) {
      const leaves = LEAVES.slice(0, n);
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(i, leaves);
        const ok = (p: Buffer[], size = n, root = ROOTS[n]!) => verifyInclusion(LEAVES[i]!, i, size, p, root);
        for (let at = 0; at < proof.length; at++) expect(ok(flip(proof, at)), `flip ${at} ${i}/${n}`).toBe(false);
        expect(ok(proof.slice(0, -1)), `short ${i}/${n}`).toBe(false);
        expect(ok([...proof, LEAVES[0]!]), `long ${i}/${n}`).toBe(false);
        if (proof.length >= 2) expect(ok([proof[1]!, proof[0]!, ...proof.slice(2)]), `swap ${i}/${n}`).toBe(false);
        expect(ok(proof, n, ROOTS[n - 1]!), `root ${i}/${n}`).toBe(false);
        if (i < n - 1) expect(ok(proof, n - 1, ROOTS[n - 1]!), `size ${i}/${n}`).toBe(false);
      }
    }
  });

  it('rejects malformed input instead of throwing', () => {
    const proof = inclusionProof(3, LEAVES.slice(0, 8));
    expect(verifyInclusion(LEAVES[3]!, 8, 8, proof, ROOTS[8]!)).toBe(false);
    expect(verifyInclusion(LEAVES[3]!, -1, 8, proof, ROOTS[8]!)).toBe(false);
    expect(verifyInclusion(LEAVES[3]!.subarray(1), 3, 8, proof, ROOTS[8]!)).toBe(false);
    expect(verifyInclusion(LEAVES[3]!, 3, 8, [proof[0]!.subarray(1), ...proof.slice(1)], ROOTS[8]!)).toBe(false);
    expect(verifyInclusion(LEAVES[0]!, 0, 0, [], EMPTY_ROOT)).toBe(false);
    expect(() => inclusionProof(8, LEAVES.slice(0, 8))).toThrow(RangeError);
  });
});

describe('consistency proofs (RFC 9162 §2.1.4)', () => {
  it('given the CT reference vectors, then PROOF matches and verifies', () => {
    for (const v of CT_CONSISTENCY) {
      expect(consistencyProof(v.first, CT_LEAVES.slice(0, v.second)).map(toHex)).toEqual(v.path);
      const ok = verifyConsistency(v.first, v.second, fromHex(CT_ROOTS[v.first]!), fromHex(CT_ROOTS[v.second]!), v.path.map(fromHex));
      expect(ok, `${v.first}->${v.second}`).toBe(true);
    }
  });

  it('every pair 0 ≤ m ≤ n ≤ 64 is proven consistent, and not against a different old root', () => {
    for (let n = 0; n <= 64; n++) {
      for (let m = 0; m <= n; m++) {
        const proof = consistencyProof(m, LEAVES.slice(0, n));
        expect(verifyConsistency(m, n, ROOTS[m]!, ROOTS[n]!, proof), `${m}->${n}`).toBe(true);
        if (m > 0 && m < n) {
          const otherOld = merkleRoot([...LEAVES.slice(0, m - 1), LEAVES[63]!]);
          expect(verifyConsistency(m, n, otherOld, ROOTS[n]!, proof), `forged old ${m}->${n}`).toBe(false);
        }
      }
    }
  });

  it('for m ≤ n ≤ 20, each proof element is the MTH of the subtree the RFC names', () => {
    // An independent recomputation of PROOF: the recursion of §2.1.4.1 over explicit subarrays.
    const subproof = (m: number, d: Buffer[], complete: boolean): Buffer[] => {
      if (m === d.length) return complete ? [] : [merkleRoot(d)];
      let k = 1;
      while (k * 2 < d.length) k *= 2;
      return m <= k
        ? [...subproof(m, d.slice(0, k), complete), merkleRoot(d.slice(k))]
        : [...subproof(m - k, d.slice(k), false), merkleRoot(d.slice(0, k))];
    };
    for (let n = 1; n <= 20; n++) {
      for (let m = 1; m <= n; m++) {
        expect(consistencyProof(m, LEAVES.slice(0, n)).map(toHex), `${m}->${n}`).toEqual(subproof(m, LEAVES.slice(0, n), true).map(toHex));
      }
    }
  });

  it('rejects tampered proofs: a flipped bit, a dropped or extra element, swapped elements', () => {
    for (let n = 2; n <= 64; n++) {
      for (let m = 1; m < n; m++) {
        const proof = consistencyProof(m, LEAVES.slice(0, n));
        const ok = (p: Buffer[]) => verifyConsistency(m, n, ROOTS[m]!, ROOTS[n]!, p);
        for (let at = 0; at < proof.length; at++) expect(ok(flip(proof, at)), `flip ${at} ${m}->${n}`).toBe(false);
        expect(ok(proof.slice(0, -1)), `short ${m}->${n}`).toBe(false);
        expect(ok([...proof, LEAVES[0]!]), `long ${m}->${n}`).toBe(false);
        if (proof.length >= 2 && !proof[0]!.equals(proof[1]!)) expect(ok([proof[1]!, proof[0]!, ...proof.slice(2)]), `swap ${m}->${n}`).toBe(false);
      }
    }
  });

  it('handles the edges: equal sizes, the empty tree, a shrinking tree', () => {
    expect(verifyConsistency(4, 4, ROOTS[4]!, ROOTS[4]!, [])).toBe(true);
    expect(verifyConsistency(4, 4, ROOTS[4]!, ROOTS[5]!, [])).toBe(false);
    expect(verifyConsistency(4, 4, ROOTS[4]!, ROOTS[4]!, [LEAVES[0]!])).toBe(false);
    expect(verifyConsistency(0, 8, EMPTY_ROOT, ROOTS[8]!, [])).toBe(true);
    expect(verifyConsistency(0, 8, EMPTY_ROOT, ROOTS[8]!, [LEAVES[0]!])).toBe(false);
    expect(verifyConsistency(8, 4, ROOTS[8]!, ROOTS[4]!, [])).toBe(false);
    expect(verifyConsistency(3, 8, ROOTS[3]!, ROOTS[8]!, [])).toBe(false);
    expect(() => consistencyProof(9, LEAVES.slice(0, 8))).toThrow(RangeError);
  });
});

describe('MemoryMerkleTree', () => {
  it('gives the reference root and proofs for every size it has passed through', () => {
    const tree = new MemoryMerkleTree();
    for (const leaf of LEAVES) tree.append(leaf);
    for (let n = 0; n <= 64; n++) {
      expect(toHex(tree.root(n)), `root ${n}`).toBe(toHex(ROOTS[n]!));
      for (let i = 0; i < n; i++) expect(tree.inclusionProof(i, n).map(toHex)).toEqual(inclusionProof(i, LEAVES.slice(0, n)).map(toHex));
      for (let m = 0; m <= n; m++) expect(tree.consistencyProof(m, n).map(toHex)).toEqual(consistencyProof(m, LEAVES.slice(0, n)).map(toHex));
    }
    expect(() => tree.root(65)).toThrow(RangeError);
  });
});
