import { createPublicKey, type KeyObject } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type Checkpoint, publicKeyFingerprint, verifyCheckpointSignature } from '../checkpoint.ts';
import { fromHex, HASH_SIZE, leafHash, MemoryMerkleTree, toHex } from '../merkle.ts';
import { verifyConsistency } from '../merkleProofs.ts';
import { BUNDLE_FILES, BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, type BundleManifest, decodeEventLine } from './bundleFormat.ts';
import { type BundleFailure, type BundleReport, MAX_REPORTED_FAILURES } from './bundleReport.ts';
import { EventChecker } from './eventChecks.ts';

export interface VerifyBundleOptions {
  /**
   * Fingerprint of the ledger's key as learnt out of band (published by the municipality, printed
   * on a handover act). Without it, the bundle's own public-key.pem is the trust anchor, and whoever
   * rewrote the events could have re-signed them with a key of their own.
   */
  expectedKeyFingerprint?: string;
}

/**
 * Verifies an audit bundle (FORMAT.md) trusting nothing but public-key.pem: not the server, not the
 * manifest, not the order in which files claim things. Reads the events once, streaming; keeps the
 * Merkle tree (64 bytes an event) and the ids seen. Never throws for a bad bundle: every problem
 * becomes a failure in the report.
 *
 *   1. Read the public key and the checkpoints.
 *   2. Check every event (eventChecks.ts) and add its stored hash as the next Merkle leaf.
 *   3. For every checkpoint: the events reach its treeSize, the recomputed root equals its rootHash,
 *      its signature verifies; and when the events match it, a consistency proof computed from them
 *      verifies from its predecessor's root to its own.
 *   4. Compare the manifest's counts and hashes with what was found.
 */
export async function verifyBundle(dir: string, options: VerifyBundleOptions = {}): Promise<BundleReport> {
  const failures: BundleFailure[] = [];
  let failureCount = 0;
  const fail = (f: BundleFailure) => {
    failureCount++;
    if (failures.length < MAX_REPORTED_FAILURES) failures.push(f);
  };
  const malformed = (message: string) => fail({ kind: 'MALFORMED', message });

  // 1. The key and the checkpoints.
  const publicKey = readPublicKey(dir, malformed);
  const keyFingerprint = publicKey && publicKeyFingerprint(publicKey);
  const expected = options.expectedKeyFingerprint?.toLowerCase();
  if (keyFingerprint && expected !== undefined && keyFingerprint !== expected) {
    fail({ kind: 'BAD_SIGNATURE', message: `public-key.pem has fingerprint ${keyFingerprint}, not the expected ${expected}` });
  }
  const checkpoints = readCheckpoints(dir, malformed);

  // 2. The events, in file order, which must be position order.
  const tree = new MemoryMerkleTree();
  const checker = new EventChecker();
  let lastHash: string | undefined;
  const eventsPath = join(dir, BUNDLE_FILES.events);
  if (!existsSync(eventsPath)) malformed(`${BUNDLE_FILES.events} is missing`);
  else {
    try {
      const lines = createInterface({ input: createReadStream(eventsPath, 'utf8'), crlfDelay: Infinity });
      let lineNo = 0;
      for await (const text of lines) {
        lineNo++;
        const decoded = decodeEventLine(text);
        if (decoded.ok) {
          for (const f of checker.check(decoded.event, lineNo)) fail(f);
          lastHash = decoded.event.hash;
        } else {
          fail({
            kind: 'MALFORMED',
            line: lineNo,
            ...(decoded.position !== undefined && { position: decoded.position }),
            ...(decoded.id !== undefined && { eventId: decoded.id }),
            message: `${BUNDLE_FILES.events} line ${lineNo}: ${decoded.message}`,
          });
          lastHash = decoded.hash;
        }
        // The line holds its place in the global order even when unreadable; an unreadable hash
        // becomes a zero leaf, which can match no honest root.
        tree.append(isHexHash(lastHash) ? leafHash(lastHash) : Buffer.alloc(HASH_SIZE));
      }
    } catch (error) {
      // An unreadable file (a directory, a permission) ends the pass; what was read stands.
      malformed(`${BUNDLE_FILES.events} could not be read to the end: ${(error as Error).message}`);
    }
  }
  const eventCount = tree.size;

  // 3. Every checkpoint against the events, the key, and its predecessor.
  let previous: Checkpoint | undefined;
  for (const c of checkpoints) {
    const at = { treeSize: c.treeSize };
    const covered = c.treeSize <= eventCount;
    const recomputed = covered ? toHex(tree.root(c.treeSize)) : undefined;
    if (!covered) {
      fail({ kind: 'TRUNCATED', ...at, message: `the checkpoint covers ${c.treeSize} events; the bundle holds ${eventCount}` });
    } else if (recomputed !== c.rootHash) {
      const message = `the first ${c.treeSize} events have root ${recomputed}; the checkpoint states ${c.rootHash}`;
      fail({ kind: 'ROOT_MISMATCH', ...at, message });
    }
    if (publicKey && !verifyCheckpointSignature(c, publicKey)) {
      const message = c.keyFingerprint !== keyFingerprint
        ? `the checkpoint names key ${c.keyFingerprint}, not public-key.pem (${keyFingerprint})`
        : 'the signature does not verify with public-key.pem';
      fail({ kind: 'BAD_SIGNATURE', ...at, message });
    }
    // A proof computed from the events is this checkpoint's own proof only when the events match
    // it. Then a failure means the predecessor was never a prefix of this tree: history was
    // rewritten or forked between the two. When they do not match, ROOT_MISMATCH has said it.
    if (previous && recomputed === c.rootHash) {
      const proof = tree.consistencyProof(previous.treeSize, c.treeSize);
      if (!verifyConsistency(previous.treeSize, c.treeSize, fromHex(previous.rootHash), fromHex(c.rootHash), proof)) {
        const message = `tree size ${previous.treeSize} (root ${previous.rootHash}) is no prefix of tree size ${c.treeSize} (root ${c.rootHash})`;
        fail({ kind: 'INCONSISTENT_CHECKPOINTS', ...at, message });
      }
    }
    previous = c;
  }

  // 4. The manifest. Unsigned, so it can only add failures, never excuse one.
  const manifest = readManifest(dir, malformed);
  if (manifest) {
    const counts = `the manifest lists ${manifest.eventCount} events; the bundle holds ${eventCount}`;
    if (manifest.eventCount > eventCount) fail({ kind: 'TRUNCATED', message: counts });
    else if (manifest.eventCount < eventCount) malformed(counts);
    else {
      if (manifest.headEventHash !== (lastHash ?? null)) {
        malformed(`the manifest's headEventHash ${manifest.headEventHash} is not the last event's hash ${lastHash}`);
      }
      const root = toHex(tree.root());
      if (manifest.merkleRoot !== root) {
        fail({ kind: 'ROOT_MISMATCH', treeSize: eventCount, message: `the events have root ${root}; the manifest states ${manifest.merkleRoot}` });
      }
    }
    if (manifest.checkpointCount !== checkpoints.length) {
      malformed(`the manifest lists ${manifest.checkpointCount} checkpoints; ${BUNDLE_FILES.checkpoints} holds ${checkpoints.length}`);
    }
    if (keyFingerprint && manifest.keyFingerprint !== keyFingerprint) {
      malformed(`the manifest names key ${manifest.keyFingerprint}; public-key.pem is ${keyFingerprint}`);
    }
  }

  const latest = checkpoints.at(-1);
  return {
    ok: failureCount === 0,
    eventsChecked: eventCount,
    checkpointsChecked: checkpoints.length,
    failures,
    failureCount,
    ...(failures[0] && { firstFailure: failures[0] }),
    ...(keyFingerprint && { keyFingerprint }),
    ...(latest && { latestCheckpoint: { treeSize: latest.treeSize, rootHash: latest.rootHash, timestamp: latest.timestamp } }),
    uncheckpointedEvents: Math.max(0, eventCount - (latest?.treeSize ?? 0)),
  };
}

function readPublicKey(dir: string, malformed: (m: string) => void): KeyObject | undefined {
  const text = readText(dir, BUNDLE_FILES.publicKey, malformed);
  if (text === undefined) return undefined;
  try {
    const key = createPublicKey(text);
    if (key.asymmetricKeyType === 'ed25519') return key;
    malformed(`${BUNDLE_FILES.publicKey} holds a ${key.asymmetricKeyType ?? 'unknown'} key, not Ed25519`);
  } catch {
    malformed(`${BUNDLE_FILES.publicKey} is not a PEM public key`);
  }
  return undefined;
}

/** The well-formed checkpoints, in file order; the rest are reported. */
function readCheckpoints(dir: string, malformed: (m: string) => void): Checkpoint[] {
  const raw = readJson(dir, BUNDLE_FILES.checkpoints, malformed);
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    malformed(`${BUNDLE_FILES.checkpoints} is not an array`);
    return [];
  }
  const out: Checkpoint[] = [];
  raw.forEach((c: unknown, i) => {
    const where = `${BUNDLE_FILES.checkpoints}[${i}]`;
    if (!isCheckpoint(c)) return malformed(`${where} is not a checkpoint {treeSize, rootHash, timestamp, keyFingerprint, signature}`);
    const before = out.at(-1);
    if (before && c.treeSize < before.treeSize) return malformed(`${where} has treeSize ${c.treeSize}, below its predecessor's ${before.treeSize}`);
    out.push(c);
  });
  return out;
}

function readManifest(dir: string, malformed: (m: string) => void): BundleManifest | undefined {
  const m = readJson(dir, BUNDLE_FILES.manifest, malformed) as Partial<BundleManifest> | undefined;
  if (m === undefined) return undefined;
  if (m?.format !== BUNDLE_FORMAT || m.formatVersion !== BUNDLE_FORMAT_VERSION) {
    malformed(`${BUNDLE_FILES.manifest} is not format ${BUNDLE_FORMAT} version ${BUNDLE_FORMAT_VERSION}`);
    return undefined;
  }
  if (!Number.isSafeInteger(m.eventCount) || !Number.isSafeInteger(m.checkpointCount) || typeof m.merkleRoot !== 'string') {
    malformed(`${BUNDLE_FILES.manifest} lacks eventCount, checkpointCount or merkleRoot`);
    return undefined;
  }
  return m as BundleManifest;
}

function readJson(dir: string, file: string, malformed: (m: string) => void): unknown {
  const text = readText(dir, file, malformed);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    malformed(`${file} is not JSON`);
    return undefined;
  }
}

function readText(dir: string, file: string, malformed: (m: string) => void): string | undefined {
  try {
    return readFileSync(join(dir, file), 'utf8');
  } catch {
    malformed(`${file} is missing or unreadable`);
    return undefined;
  }
}

function isCheckpoint(c: unknown): c is Checkpoint {
  if (typeof c !== 'object' || c === null) return false;
  const o = c as Record<string, unknown>;
  return (
    Number.isSafeInteger(o.treeSize) && (o.treeSize as number) >= 0 &&
    isHexHash(o.rootHash) && isHexHash(o.keyFingerprint) &&
    typeof o.timestamp === 'string' && typeof o.signature === 'string'
  );
}

function isHexHash(h: unknown): h is string {
  return typeof h === 'string' && /^[0-9a-f]{64}$/.test(h);
}
