import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Checkpoint } from '../checkpoint.ts';
import { BUNDLE_FILES, BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, type BundleManifest } from './bundleFormat.ts';

/** Reading the small files of a bundle (FORMAT.md §4); every problem is reported through `malformed`, never thrown. */

export function readPublicKey(dir: string, malformed: (m: string) => void): KeyObject | undefined {
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
export function readCheckpoints(dir: string, malformed: (m: string) => void): Checkpoint[] {
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
    if (before && c.treeSize <= before.treeSize) return malformed(`${where} has treeSize ${c.treeSize}, not above its predecessor's ${before.treeSize}`);
    out.push(c);
  });
  return out;
}

export function readManifest(dir: string, malformed: (m: string) => void): BundleManifest | undefined {
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
    typeof o.timestamp === 'string' && typeof o.signature === 'string' &&
    (o.origin === undefined || typeof o.origin === 'string') && (o.note === undefined || typeof o.note === 'string')
  );
}

export function isHexHash(h: unknown): h is string {
  return typeof h === 'string' && /^[0-9a-f]{64}$/.test(h);
}
