import { decodeBase64, isKeyName } from './signedNote.ts';

/**
 * The text of a C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint): the origin, the tree size in
 * decimal, the base64 root hash, each on its own line ending in a newline. No extension lines.
 */
export interface CheckpointBody {
  origin: string;
  treeSize: number;
  /** Lowercase hex, as everywhere else in the ledger. */
  rootHash: string;
}

export function checkpointText(body: CheckpointBody): string {
  if (!isKeyName(body.origin)) throw new TypeError(`origin ${JSON.stringify(body.origin)} must be non-empty, without spaces or '+'`);
  if (!Number.isSafeInteger(body.treeSize) || body.treeSize < 0) throw new TypeError(`invalid treeSize ${String(body.treeSize)}`);
  if (!/^[0-9a-f]{64}$/.test(body.rootHash)) throw new TypeError('rootHash must be 64 lowercase hex digits');
  return `${body.origin}\n${body.treeSize}\n${Buffer.from(body.rootHash, 'hex').toString('base64')}\n`;
}

/**
 * Reads a checkpoint text; undefined unless it is exactly three lines as checkpointText writes
 * them (extension lines are refused: the ledger never writes them, and nothing audits them).
 */
export function parseCheckpointText(text: string): CheckpointBody | undefined {
  const m = /^([^\n]+)\n(0|[1-9]\d{0,15})\n([A-Za-z0-9+/]{43}=)\n$/.exec(text);
  if (!m || !isKeyName(m[1]!)) return undefined;
  const treeSize = Number(m[2]);
  const root = decodeBase64(m[3]!);
  if (!Number.isSafeInteger(treeSize) || !root || root.length !== 32) return undefined;
  return { origin: m[1]!, treeSize, rootHash: root.toString('hex') };
}
