import type { KeyObject } from 'node:crypto';
import { EMPTY_ROOT, fromHex, toHex } from '../merkle.ts';
import { verifyConsistency } from '../merkleProofs.ts';
import { checkNoteSignature, cosignNoteText, type VerifierKey } from '../note/signedNote.ts';
import { parseAddCheckpoint } from './addCheckpointRequest.ts';
import type { WitnessState } from './witnessState.ts';

export interface WitnessOptions {
  /** The witness's key name (a schema-less URL), in its cosignature lines and vkey. */
  name: string;
  /** Ed25519 key the cosignatures are made with (tlog-cosignature/v1). */
  privateKey: KeyObject;
  /** The logs it witnesses: their vkeys (type 0x01), named by origin. */
  logs: readonly VerifierKey[];
  state: WitnessState;
  now: () => Date;
  /** Test only: called at `before-persist` (inside the transaction) and `after-persist` (before signing). */
  fault?: (point: 'before-persist' | 'after-persist') => void;
}

/** What add-checkpoint answers; the HTTP edge maps `status` as tlog-witness prescribes. */
export type WitnessAnswer =
  | { status: 200; cosignature: string }
  | { status: 409; treeSize: number }
  | { status: 400 | 403 | 404 | 422; reason: string };

/**
 * c2sp.org/tlog-witness add-checkpoint, in the spec's order:
 *   1. parse (400); the origin is a known log (404); a trusted key signed it and none failed (403);
 *   2. old size ≤ size (400);
 *   3. in one durable transaction: old size = the size last cosigned (409 with that size), an empty
 *      tree has the empty root, an empty proof from 0, equal roots at equal sizes, else the
 *      consistency proof from the stored root verifies (422); then the new tree is stored;
 *   4. only then the cosignature is made and returned.
 * A crash anywhere before step 4 answers nothing; after the commit, the state already forbids a
 * fork, so no two inconsistent trees of one origin are ever cosigned.
 */
export function addCheckpoint(body: string, options: WitnessOptions): WitnessAnswer {
  // 1.
  const request = parseAddCheckpoint(body);
  if (typeof request === 'string') return { status: 400, reason: request };
  const { checkpoint, note, oldSize, proof } = request;
  const keys = options.logs.filter((k) => k.name === checkpoint.origin);
  if (keys.length === 0) return { status: 404, reason: `unknown log origin ${checkpoint.origin}` };
  const verdicts = keys.map((k) => checkNoteSignature(note, k));
  if (verdicts.includes('BAD_SIGNATURE')) return { status: 403, reason: 'a signature by a trusted key does not verify' };
  if (!verdicts.includes('VERIFIED')) return { status: 403, reason: 'no signature by a trusted key of the log' };
  // 2.
  if (oldSize > checkpoint.treeSize) return { status: 400, reason: `old size ${oldSize} exceeds the checkpoint size ${checkpoint.treeSize}` };
  // 3.
  const outcome = options.state.update(checkpoint.origin, (current): { answer?: WitnessAnswer; store?: { treeSize: number; rootHash: string } } => {
    const stored = current?.treeSize ?? 0;
    if (oldSize !== stored) return { answer: { status: 409, treeSize: stored } };
    if (checkpoint.treeSize === 0 && checkpoint.rootHash !== toHex(EMPTY_ROOT)) return { answer: { status: 422, reason: 'a tree of size 0 has the empty root' } };
    if (oldSize === 0) {
      if (proof.length > 0) return { answer: { status: 422, reason: 'no consistency proof from size 0' } };
    } else if (oldSize === checkpoint.treeSize) {
      if (current!.rootHash !== checkpoint.rootHash) return { answer: { status: 422, reason: `inconsistent: size ${oldSize} was cosigned with root ${current!.rootHash}` } };
    } else if (!verifyConsistency(oldSize, checkpoint.treeSize, fromHex(current!.rootHash), fromHex(checkpoint.rootHash), proof)) {
      return { answer: { status: 422, reason: `inconsistent: the proof does not show size ${oldSize} (root ${current!.rootHash}) is a prefix of size ${checkpoint.treeSize}` } };
    }
    options.fault?.('before-persist');
    return { store: { treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash } };
  });
  if (outcome.answer) return outcome.answer;
  options.fault?.('after-persist');
  // 4.
  const seconds = BigInt(Math.floor(options.now().getTime() / 1000));
  return { status: 200, cosignature: cosignNoteText(note.text, options.name, options.privateKey, seconds) };
}
