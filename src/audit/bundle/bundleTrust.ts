import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Checkpoint, verifyCheckpointSignature } from '../checkpoint.ts';
import { parseCheckpointText } from '../note/checkpointNote.ts';
import { checkNoteSignature, parseNote, parseVerifierKey, SIG_COSIGNATURE_V1, verifierKey, type VerifierKey } from '../note/signedNote.ts';

/**
 * What an auditor brings from outside the bundle: checkpoints held before (trusted checkpoints),
 * and witness keys. The bundle can fake everything it contains; it cannot fake these.
 */

/** A checkpoint the auditor held before: its tree head, and how to check the bundle's key signed it. */
export interface TrustedCheckpoint {
  /** Where it came from, for messages. */
  source: string;
  origin?: string;
  treeSize: number;
  rootHash: string;
  /** True when `key` signed it (a note line by `<origin>+<key id>`, or a version 1 signature). */
  signedBy(key: KeyObject): boolean;
}

/**
 * Reads a trusted checkpoint from text: a C2SP checkpoint note (what `GET /checkpoint` serves) or
 * a checkpoint as JSON (what `GET /api/audit/checkpoints/latest` serves, either version). Throws
 * with a sentence when it is neither.
 */
export function parseTrustedCheckpoint(text: string, source: string): TrustedCheckpoint {
  const note = parseNote(text);
  if (note) {
    const body = parseCheckpointText(note.text);
    if (!body) throw new Error(`${source}: the note is not a checkpoint (origin, tree size, base64 root)`);
    return { source, ...body, signedBy: (key) => checkNoteSignature(note, verifierKey(body.origin, key)) === 'VERIFIED' };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${source} is neither a checkpoint note nor a JSON checkpoint`);
  }
  const c = json as Checkpoint;
  if (typeof c !== 'object' || c === null || !Number.isSafeInteger(c.treeSize) || typeof c.rootHash !== 'string' || !/^[0-9a-f]{64}$/.test(c.rootHash)) {
    throw new Error(`${source} is not a checkpoint {treeSize, rootHash, …}`);
  }
  return { source, ...(c.origin !== undefined && { origin: c.origin }), treeSize: c.treeSize, rootHash: c.rootHash, signedBy: (key) => verifyCheckpointSignature(c, key) };
}

export function readTrustedCheckpoint(file: string): TrustedCheckpoint {
  return parseTrustedCheckpoint(readFileSync(file, 'utf8'), file);
}

/** A witness vkey (cosignature type 0x04); throws with a sentence for anything else. */
export function parseWitnessKey(vkey: string): VerifierKey {
  const key = parseVerifierKey(vkey);
  if (!key) throw new Error(`${vkey} is not a verifier key <name>+<key id>+<base64 key> whose key id matches`);
  if (key.type !== SIG_COSIGNATURE_V1) throw new Error(`${key.name}: a witness key has type 0x04 (tlog-cosignature), not 0x0${key.type}`);
  return key;
}

/** Per witness: VERIFIED, ABSENT or BAD_SIGNATURE on this checkpoint's note. */
export function cosignaturesOf(c: Checkpoint, witnesses: readonly VerifierKey[]): { witness: VerifierKey; verdict: 'VERIFIED' | 'ABSENT' | 'BAD_SIGNATURE' }[] {
  const note = c.note === undefined ? undefined : parseNote(c.note);
  return witnesses.map((witness) => ({ witness, verdict: note ? checkNoteSignature(note, witness) : 'ABSENT' }));
}
