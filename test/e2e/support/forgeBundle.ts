import { createPublicKey, type KeyObject } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLE_FILES } from '../../../src/audit/bundle/bundleFormat.ts';
import { type Checkpoint, publicKeyFingerprint, signCheckpointNote } from '../../../src/audit/checkpoint.ts';
import { eventHash } from '../../../src/audit/eventHash.ts';
import { leafHash, merkleRoot, toHex } from '../../../src/audit/merkle.ts';
import { canonicalJson } from '../../../src/audit/canonicalJson.ts';

type Line = Record<string, unknown>;

export interface Forgery {
  /** Change the first event of this stream and re-hash the stream after it, as a careful forger would. */
  rewriteStream?: string;
  /** Remove every CheckpointSigned event from events.jsonl. */
  dropCheckpointEvents?: boolean;
  /** Replace checkpoints.json: 'none', or sign one checkpoint over every event with this key. */
  checkpoints?: 'none' | { key: KeyObject; origin: string } | ((cps: Checkpoint[]) => Checkpoint[]);
  /** Replace public-key.pem (with the checkpoints' key). */
  publicKeyPem?: string;
}

/**
 * A copy of a bundle changed as someone with write access to it (and perhaps a key) would, the
 * manifest rewritten to match so that only what is signed can betray the change.
 */
export function forgeBundle(genuine: string, dir: string, forgery: Forgery): string {
  cpSync(genuine, dir, { recursive: true });
  const file = join(dir, BUNDLE_FILES.events);
  let lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Line);
  if (forgery.dropCheckpointEvents) lines = lines.filter((l) => l.type !== 'CheckpointSigned');
  if (forgery.rewriteStream !== undefined) {
    let prev: string | undefined;
    lines = lines.map((l) => {
      if (l.stream !== forgery.rewriteStream) return l;
      const edited: Line = prev === undefined ? { ...l, actor: 'operador-que-reescribe' } : { ...l, prevHash: prev };
      const hash = eventHash({ ...(edited as unknown as Parameters<typeof eventHash>[0]), revision: BigInt(edited.revision as string) });
      prev = hash;
      return { ...edited, hash };
    });
  }
  writeFileSync(file, lines.map((l) => `${canonicalJson(l)}\n`).join(''));
  const root = toHex(merkleRoot(lines.map((l) => leafHash(l.hash as string))));
  const cpFile = join(dir, BUNDLE_FILES.checkpoints);
  let checkpoints = JSON.parse(readFileSync(cpFile, 'utf8')) as Checkpoint[];
  const c = forgery.checkpoints;
  if (c === 'none') checkpoints = [];
  else if (typeof c === 'function') checkpoints = c(checkpoints);
  else if (c) {
    const fingerprint = publicKeyFingerprint(createPublicKey(c.key));
    checkpoints = [signCheckpointNote({ treeSize: lines.length, rootHash: root, timestamp: '2026-12-01T00:00:00.000Z' }, { privateKey: c.key, fingerprint }, c.origin)];
  }
  writeFileSync(cpFile, JSON.stringify(checkpoints, null, 2));
  if (forgery.publicKeyPem !== undefined) writeFileSync(join(dir, BUNDLE_FILES.publicKey), forgery.publicKeyPem);
  const manifestFile = join(dir, BUNDLE_FILES.manifest);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, unknown>;
  const pem = readFileSync(join(dir, BUNDLE_FILES.publicKey), 'utf8');
  writeFileSync(manifestFile, JSON.stringify({
    ...manifest, eventCount: lines.length, checkpointCount: checkpoints.length, headEventHash: lines.at(-1)?.hash ?? null,
    lastPosition: lines.at(-1)?.position ?? null, merkleRoot: root, keyFingerprint: publicKeyFingerprint(createPublicKey(pem)),
  }, null, 2));
  return dir;
}
