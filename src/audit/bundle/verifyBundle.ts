import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Checkpoint, publicKeyFingerprint, verifyCheckpointSignature } from '../checkpoint.ts';
import { toCheckpoint } from '../log/checkpointEvent.ts';
import { parseNote, parseVerifierKey, rawEd25519, type VerifierKey } from '../note/signedNote.ts';
import { canonicalJson } from '../canonicalJson.ts';
import { cosignaturesOf, type TrustedCheckpoint } from './bundleTrust.ts';
import { isWellFormedValue, readEventLines } from './eventLines.ts';
import { fromHex, HASH_SIZE, leafHash, MemoryMerkleTree, toHex } from '../merkle.ts';
import { verifyConsistency } from '../merkleProofs.ts';
import { BUNDLE_FILES, decodeEventLine, encodeEventLine } from './bundleFormat.ts';
import { isHexHash, readCheckpoints, readManifest, readPublicKey } from './bundleFiles.ts';
import { type BundleFailure, type BundleReport, MAX_REPORTED_FAILURES } from './bundleReport.ts';
import { EventChecker } from './eventChecks.ts';

export interface VerifyBundleOptions {
  /**
   * Fingerprint of the ledger's key as learnt out of band (published by the municipality, printed
   * on a handover act). Without it, the bundle's own public-key.pem is the trust anchor, and whoever
   * rewrote the events could have re-signed them with a key of their own.
   */
  expectedKeyFingerprint?: string;
  /**
   * The ledger's note verifier key `<origin>+<key id>+<key>` learnt out of band: pins the key, as
   * the fingerprint does, and the origin every version 2 checkpoint must name.
   */
  expectedVerifierKey?: string;
  /** Accept events after the last checkpoint (counted in the report) instead of failing UNSIGNED_TAIL. Default false. */
  allowUnsignedTail?: boolean;
  /** Checkpoints the auditor held before: the bundle must reach each and agree with it. */
  trustedCheckpoints?: readonly TrustedCheckpoint[];
  /** Witness cosigner keys (type 0x04) whose cosignatures count toward `quorum`. */
  witnesses?: readonly VerifierKey[];
  /** Valid cosignatures by distinct `witnesses` required on the latest checkpoint. Default: 0 without witnesses, 1 with. */
  quorum?: number;
}

/**
 * Verifies an audit bundle (FORMAT.md) trusting nothing but public-key.pem and what the caller
 * brings (a pinned key, trusted checkpoints, witness keys): not the server, not the manifest, not
 * the order in which files claim things. Reads the events once, streaming; keeps the Merkle tree
 * (64 bytes an event) and the ids seen. Never throws for a bad bundle: every problem becomes a
 * failure in the report.
 *
 *   1. Read the public key and the checkpoints.
 *   2. Check every line (canonical, UTF-8, newline-terminated) and every event (eventChecks.ts),
 *      add its stored hash as the next Merkle leaf, and keep the CheckpointSigned events.
 *   3. For every checkpoint: the events reach its treeSize, the recomputed root equals its rootHash,
 *      its signature verifies; and when the events match it, a consistency proof computed from them
 *      verifies from its predecessor's root to its own.
 *   4. Every CheckpointSigned event of the log by this key is in checkpoints.json, alike.
 *   5. Every event is covered by a checkpoint, unless the unsigned tail is allowed.
 *   6. Trusted checkpoints: the bundle reaches each, with the same root; witnesses: a quorum of
 *      valid cosignatures on the latest checkpoint.
 *   7. Compare the manifest's counts and hashes with what was found.
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
  const pinned = options.expectedVerifierKey === undefined ? undefined : parseVerifierKey(options.expectedVerifierKey);
  if (options.expectedVerifierKey !== undefined && !pinned) malformed(`the expected verifier key ${options.expectedVerifierKey} does not parse (or its key id does not match)`);
  if (pinned && publicKey && !rawEd25519(pinned.publicKey).equals(rawEd25519(publicKey))) {
    fail({ kind: 'BAD_SIGNATURE', message: `public-key.pem (${keyFingerprint}) is not the key of the expected verifier key ${pinned.vkey}` });
  }
  const checkpoints = readCheckpoints(dir, malformed);
  const origins = new Set(checkpoints.flatMap((c) => (c.origin === undefined ? [] : [c.origin])));
  if (origins.size > 1) malformed(`${BUNDLE_FILES.checkpoints} names ${origins.size} origins (${[...origins].join(', ')}); one log has one`);
  if (pinned) for (const o of origins) if (o !== pinned.name) fail({ kind: 'BAD_SIGNATURE', message: `the checkpoints name origin ${o}, not the expected ${pinned.name}` });

  // 2. The events, in file order, which must be position order.
  const tree = new MemoryMerkleTree();
  const checker = new EventChecker();
  let lastHash: string | undefined;
  const loggedCheckpoints: { line: number; leaf: number; checkpoint: ReturnType<typeof toCheckpoint> & object }[] = [];
  const eventsPath = join(dir, BUNDLE_FILES.events);
  if (!existsSync(eventsPath)) malformed(`${BUNDLE_FILES.events} is missing`);
  else {
    try {
      for await (const line of readEventLines(eventsPath)) {
        const lineNo = line.lineNo;
        const decoded = 'error' in line ? { ok: false as const, message: line.error } : decodeEventLine(line.text);
        if (decoded.ok) {
          // One spelling per event: a line that is not the canonical form of what it decodes to
          // could carry bytes the hash does not cover (duplicate keys, escapes, a lone surrogate).
          const problem = !isWellFormedValue(decoded.event.data) || !isWellFormedValue(decoded.event.metadata) || !isWellFormedValue([decoded.event.actor, decoded.event.stream, decoded.event.type, decoded.event.id])
            ? 'text is not well-formed Unicode (a lone surrogate)'
            : 'text' in line && encodeEventLine(decoded.event) !== line.text ? 'line is not the canonical JSON (RFC 8785) of its event' : undefined;
          if (problem) {
            fail({ kind: 'MALFORMED', line: lineNo, position: decoded.event.position.toString(), eventId: decoded.event.id, message: `${BUNDLE_FILES.events} line ${lineNo}: ${problem}` });
          }
          for (const f of checker.check(decoded.event, lineNo)) fail(f);
          lastHash = decoded.event.hash;
          const recorded = toCheckpoint(decoded.event);
          if (recorded) loggedCheckpoints.push({ line: lineNo, leaf: tree.size, checkpoint: recorded });
        } else {
          fail({
            kind: 'MALFORMED',
            line: lineNo,
            ...('position' in decoded && decoded.position !== undefined && { position: decoded.position }),
            ...('id' in decoded && decoded.id !== undefined && { eventId: decoded.id }),
            message: `${BUNDLE_FILES.events} line ${lineNo}: ${decoded.message}`,
          });
          lastHash = 'hash' in decoded ? decoded.hash : undefined;
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

  // 4. The log's own record of what was signed. A CheckpointSigned event by this key that
  // checkpoints.json leaves out is a dropped checkpoint; one that differs, a swapped one.
  for (const { line, checkpoint: logged } of loggedCheckpoints) {
    if (keyFingerprint === undefined || logged.keyFingerprint !== keyFingerprint) continue;
    const listed = checkpoints.find((c) => c.treeSize === logged.treeSize);
    const where = { kind: 'CHECKPOINTS_DISAGREE' as const, line, treeSize: logged.treeSize, eventId: logged.eventId, position: logged.position.toString() };
    if (!listed) fail({ ...where, message: `the log records a checkpoint of tree size ${logged.treeSize} that ${BUNDLE_FILES.checkpoints} leaves out` });
    else if (!sameSignedCheckpoint(listed, logged)) fail({ ...where, message: `the checkpoint of tree size ${logged.treeSize} in ${BUNDLE_FILES.checkpoints} is not the one the log records` });
  }

  // 5. Every event vouched for by a signature, or the tail explicitly allowed. A CheckpointSigned
  // event that step 4 matched needs none: it only records a signature checkpoints.json carries
  // (and every checkpoint's own event necessarily follows the tree it covers).
  const latestSize = checkpoints.reduce((max, c) => Math.max(max, c.treeSize), 0);
  const selfVouched = loggedCheckpoints.filter((l) => l.leaf >= latestSize && l.checkpoint.keyFingerprint === keyFingerprint && checkpoints.some((c) => sameSignedCheckpoint(c, l.checkpoint))).length;
  const unsigned = Math.max(0, eventCount - latestSize - selfVouched);
  if (unsigned > 0 && !options.allowUnsignedTail) {
    fail({ kind: 'UNSIGNED_TAIL', treeSize: eventCount, message: `${unsigned} event(s) after the latest checkpoint (tree size ${latestSize}) are covered by no signature; pass --allow-unsigned-tail to accept them` });
  }

  // 6. What the auditor brought. A trusted checkpoint beyond the bundle is a rollback; one the
  // bundle's events do not reproduce is a fork (a rewritten history, re-signed or not).
  for (const t of options.trustedCheckpoints ?? []) {
    const at = { treeSize: t.treeSize };
    if (!publicKey || !t.signedBy(publicKey)) {
      fail({ kind: 'BAD_SIGNATURE', ...at, message: `the trusted checkpoint ${t.source} is not signed by public-key.pem (${keyFingerprint ?? 'unreadable'})` });
    }
    const origin = checkpoints.at(-1)?.origin;
    if (t.origin !== undefined && origin !== undefined && t.origin !== origin) {
      fail({ kind: 'FORK', ...at, message: `the trusted checkpoint ${t.source} is of origin ${t.origin}; the bundle's is ${origin}` });
    } else if (t.treeSize > eventCount) {
      fail({ kind: 'ROLLBACK', ...at, message: `the trusted checkpoint ${t.source} covers ${t.treeSize} events; the bundle holds ${eventCount}: history was rolled back or cut` });
    } else if (toHex(tree.root(t.treeSize)) !== t.rootHash) {
      fail({ kind: 'FORK', ...at, message: `the bundle's first ${t.treeSize} events have root ${toHex(tree.root(t.treeSize))}; the trusted checkpoint ${t.source} states ${t.rootHash}: history was rewritten` });
    } else if (latestSize > 0 && latestSize < t.treeSize) {
      fail({ kind: 'UNSIGNED_TAIL', ...at, message: `no checkpoint in the bundle reaches the trusted checkpoint ${t.source} (tree size ${t.treeSize})` });
    }
  }
  const witnesses = options.witnesses ?? [];
  const quorum = options.quorum ?? (witnesses.length > 0 ? 1 : 0);
  let cosigned = 0;
  const latest = checkpoints.at(-1);
  if (latest) {
    for (const { witness, verdict } of cosignaturesOf(latest, witnesses)) {
      if (verdict === 'VERIFIED') cosigned++;
      if (verdict === 'BAD_SIGNATURE') fail({ kind: 'BAD_COSIGNATURE', treeSize: latest.treeSize, message: `the cosignature of ${witness.name} on the checkpoint of tree size ${latest.treeSize} does not verify` });
    }
  }
  if (cosigned < quorum) {
    fail({ kind: 'QUORUM_NOT_MET', ...(latest && { treeSize: latest.treeSize }), message: `${cosigned} valid cosignature(s) of the ${witnesses.length} witness key(s) given on the latest checkpoint; ${quorum} required` });
  }

  // 7. The manifest. Unsigned, so it can only add failures, never excuse one.
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

  return {
    ok: failureCount === 0,
    eventsChecked: eventCount,
    checkpointsChecked: checkpoints.length,
    failures,
    failureCount,
    ...(failures[0] && { firstFailure: failures[0] }),
    ...(keyFingerprint && { keyFingerprint }),
    ...(latest && { latestCheckpoint: { treeSize: latest.treeSize, rootHash: latest.rootHash, timestamp: latest.timestamp } }),
    uncheckpointedEvents: unsigned,
    ...(latest?.origin !== undefined && { origin: latest.origin }),
    trustedCheckpointsChecked: options.trustedCheckpoints?.length ?? 0,
    cosignatures: cosigned,
  };
}

/** Same tree head and the same ledger signature; the listed note may carry cosignatures the event does not. */
function sameSignedCheckpoint(listed: Checkpoint, logged: Checkpoint): boolean {
  const head = (c: Checkpoint) => canonicalJson({ treeSize: c.treeSize, rootHash: c.rootHash, timestamp: c.timestamp, keyFingerprint: c.keyFingerprint, signature: c.signature, origin: c.origin ?? null });
  if (head(listed) !== head(logged)) return false;
  if (logged.note === undefined) return listed.note === undefined;
  const a = listed.note === undefined ? undefined : parseNote(listed.note);
  const b = parseNote(logged.note);
  return a !== undefined && b !== undefined && a.text === b.text && b.signatures.every((s) => a.signatures.some((t) => t.line === s.line));
}
