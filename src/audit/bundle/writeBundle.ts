import { createPublicKey } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { StoredEvent } from '../../records/storedEvent.ts';
import type { Checkpoint } from '../checkpoint.ts';
import { publicKeyFingerprint } from '../checkpoint.ts';
import { leafHash, MemoryMerkleTree, toHex } from '../merkle.ts';
import { BUNDLE_FILES, BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, type BundleManifest, encodeEventLine } from './bundleFormat.ts';

export interface WriteBundleInput {
  /** Every event from the first position on, in position order. */
  events: AsyncIterable<StoredEvent> | Iterable<StoredEvent>;
  /** Signed checkpoints, in increasing treeSize. */
  checkpoints: readonly Checkpoint[];
  /** SPKI PEM of the key that signed them. */
  publicKeyPem: string;
  /**
   * Called once every event is written, with their count and hex root; a checkpoint it returns
   * is appended to `checkpoints` (export signs one, so the bundle has no unsigned tail).
   */
  finalCheckpoint?: (treeSize: number, rootHash: string) => Promise<Checkpoint | undefined>;
  /** Defaults to now. */
  createdAt?: string;
  notes?: string[];
}

export interface WriteBundleResult {
  dir: string;
  manifest: BundleManifest;
}

const FLUSH_BYTES = 1 << 20;

/**
 * Writes an audit bundle into `dir` (created if needed; existing bundle files are never
 * overwritten). Events are streamed, so memory grows only with the Merkle tree (64 bytes an event).
 * manifest.json is written last: a bundle without one was interrupted.
 *
 * The bundle is written as given; verifyBundle, not this function, judges it. Export at least up
 * to the last checkpoint, or the verifier will report the bundle TRUNCATED.
 */
export async function writeBundle(dir: string, input: WriteBundleInput): Promise<WriteBundleResult> {
  mkdirSync(dir, { recursive: true });
  const fingerprint = publicKeyFingerprint(createPublicKey(input.publicKeyPem));
  const tree = new MemoryMerkleTree();
  let first: StoredEvent | undefined;
  let last: StoredEvent | undefined;

  const fd = openSync(join(dir, BUNDLE_FILES.events), 'wx');
  try {
    let pending: string[] = [];
    let pendingBytes = 0;
    const flush = () => {
      if (pending.length > 0) writeAll(fd, pending.join(''));
      pending = [];
      pendingBytes = 0;
    };
    for await (const event of input.events) {
      const line = `${encodeEventLine(event)}\n`;
      pending.push(line);
      pendingBytes += line.length;
      if (pendingBytes >= FLUSH_BYTES) flush();
      tree.append(leafHash(event.hash));
      first ??= event;
      last = event;
    }
    flush();
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }

  const final = input.finalCheckpoint && (await input.finalCheckpoint(tree.size, toHex(tree.root())));
  const checkpoints = final ? [...input.checkpoints, final] : input.checkpoints;
  writeFileExclusive(join(dir, BUNDLE_FILES.checkpoints), `${JSON.stringify(checkpoints, null, 2)}\n`);
  writeFileExclusive(join(dir, BUNDLE_FILES.publicKey), input.publicKeyPem.endsWith('\n') ? input.publicKeyPem : `${input.publicKeyPem}\n`);
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    createdAt: input.createdAt ?? new Date().toISOString(),
    eventCount: tree.size,
    checkpointCount: checkpoints.length,
    firstPosition: first ? first.position.toString() : null,
    lastPosition: last ? last.position.toString() : null,
    headEventHash: last ? last.hash : null,
    merkleRoot: toHex(tree.root()),
    keyFingerprint: fingerprint,
    notes: input.notes ?? [],
  };
  writeFileExclusive(join(dir, BUNDLE_FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
  return { dir, manifest };
}

function writeFileExclusive(path: string, text: string): void {
  const fd = openSync(path, 'wx');
  try {
    writeAll(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** writeSync may write less than asked (a full disk, a signal); loop until every byte is down. */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}
