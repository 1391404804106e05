import { parseCheckpointText, type CheckpointBody } from '../note/checkpointNote.ts';
import { decodeBase64, parseNote, type ParsedNote } from '../note/signedNote.ts';

/** A parsed c2sp.org/tlog-witness add-checkpoint request body. */
export interface AddCheckpointRequest {
  oldSize: number;
  /** RFC 6962 consistency proof from oldSize to the checkpoint's size. */
  proof: Buffer[];
  note: ParsedNote;
  checkpoint: CheckpointBody;
}

/** At most 63 proof lines (tlog-witness §add-checkpoint). */
const MAX_PROOF_LINES = 63;

/** The body: `old <N>\n`, zero or more base64 hash lines, a blank line, then the checkpoint note. */
export function formatAddCheckpoint(oldSize: number, proof: readonly Uint8Array[], note: string): string {
  return `old ${oldSize}\n${proof.map((h) => `${Buffer.from(h).toString('base64')}\n`).join('')}\n${note}`;
}

/** Parses a request body; a string saying what is wrong when it is not one (a 400). */
export function parseAddCheckpoint(body: string): AddCheckpointRequest | string {
  const lines = body.split('\n');
  const old = /^old (0|[1-9]\d{0,15})$/.exec(lines[0] ?? '');
  if (!old) return 'the first line must be "old <size>"';
  const proof: Buffer[] = [];
  let i = 1;
  for (; i < lines.length && lines[i] !== ''; i++) {
    const hash = decodeBase64(lines[i]!);
    if (!hash || hash.length !== 32) return `line ${i + 1} is not a base64 SHA-256 hash`;
    proof.push(hash);
  }
  if (i >= lines.length) return 'no blank line before the checkpoint';
  if (proof.length > MAX_PROOF_LINES) return `more than ${MAX_PROOF_LINES} proof lines`;
  const note = parseNote(lines.slice(i + 1).join('\n'));
  if (!note) return 'the checkpoint is not a signed note';
  const checkpoint = parseCheckpointText(note.text);
  if (!checkpoint) return 'the note is not a checkpoint (origin, size, base64 root)';
  return { oldSize: Number(old[1]), proof, note, checkpoint };
}
