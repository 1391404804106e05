import { NotFoundError } from '../../errors/notFoundError.ts';
import { ValidationError } from '../../errors/validationError.ts';
import type { EventStore } from '../../eventStore/eventStore.ts';
import type { Checkpoint } from '../checkpoint.ts';
import { leafHash, toHex } from '../merkle.ts';
import type { AuditLog } from './auditLog.ts';
import type { Checkpointer, RecordedCheckpoint, StoreHead } from './checkpointer.ts';

/** An inclusion proof as served: everything verifyInclusion (merkleProofs.ts) needs, in hex. */
export interface InclusionProof {
  eventId: string;
  position: bigint;
  eventHash: string;
  leafIndex: number;
  leafHash: string;
  treeSize: number;
  rootHash: string;
  /** RFC 9162 PATH, from the leaf's sibling up. */
  auditPath: string[];
  /** The checkpoint signed at exactly this tree size; null only for an explicitly asked unsigned size. */
  checkpoint: Checkpoint | null;
}

export interface ConsistencyProof {
  from: number;
  to: number;
  fromRoot: string;
  toRoot: string;
  /** RFC 9162 PROOF(from, D[to]). */
  proof: string[];
  checkpoints: { from: Checkpoint | null; to: Checkpoint | null };
}

/** Where an event stands in the verifiable log: its leaf and the first checkpoint that covers it. */
export interface EventProvenance {
  leafIndex: number;
  /** Null while no checkpoint covers the event yet. */
  checkpoint: Checkpoint | null;
  /** Inclusion proof against that checkpoint's root; null without a checkpoint. */
  inclusionProof: { treeSize: number; rootHash: string; leafHash: string; auditPath: string[] } | null;
}

/**
 * Proofs from the stored Merkle nodes: O(log n) node reads each, no event read beyond the one
 * asked about. Sizes outside the tree are the caller's mistake (VALIDATION_FAILED), never a 500.
 */
export class AuditProofs {
  constructor(
    private readonly store: EventStore,
    private readonly log: AuditLog,
    private readonly checkpoints: Checkpointer,
    private readonly sync: () => Promise<number>,
  ) {}

  /**
   * The audit path of `eventId` in the tree of `treeSize` leaves; by default the latest checkpoint's
   * size. A proof against a size no checkpoint signed proves nothing to an auditor who does not
   * already hold that root, so it is given only when asked for by an explicit treeSize.
   */
  async inclusion(eventId: string, treeSize?: number, head?: StoreHead): Promise<InclusionProof> {
    const leaf = await this.leafOf(eventId);
    // One read of the checkpoint stream serves both the default size and the checkpoint of the size asked.
    const checkpoints = await this.checkpoints.all(head);
    const n = treeSize ?? checkpoints.at(-1)?.treeSize;
    if (n === undefined || n <= leaf.leafIndex || !(await this.holds(n))) {
      if (treeSize === undefined) {
        throw new ValidationError([{ path: 'querystring/treeSize', message: `no signed checkpoint covers leaf ${leaf.leafIndex} yet; sign one, or ask for an unsigned tree size explicitly with treeSize` }]);
      }
      throw new ValidationError([{ path: 'querystring/treeSize', message: `must be above the event's leaf index ${leaf.leafIndex} and at most the tree size ${this.log.size()}` }]);
    }
    const checkpoint = ofSize(checkpoints, n);
    return {
      eventId, position: leaf.position, eventHash: leaf.eventHash, leafIndex: leaf.leafIndex, leafHash: toHex(leafHash(leaf.eventHash)),
      treeSize: n, rootHash: this.log.rootHex(n), auditPath: this.log.nodes.inclusionProof(leaf.leafIndex, n).map(toHex),
      checkpoint: checkpoint ? plain(checkpoint) : null,
    };
  }

  async consistency(from: number, to: number, head?: StoreHead): Promise<ConsistencyProof> {
    // RFC 9162 §2.1.4 defines no proof from the empty tree: every tree extends it, so there is nothing to prove.
    if (!(from >= 1 && from <= to && (await this.holds(to)))) {
      throw new ValidationError([{ path: 'querystring', message: `need 1 ≤ from ≤ to ≤ ${this.log.size()} (the tree size); got from=${from}, to=${to}` }]);
    }
    const checkpoints = await this.checkpoints.all(head);
    const [a, b] = [ofSize(checkpoints, from), ofSize(checkpoints, to)];
    return {
      from, to, fromRoot: this.log.rootHex(from), toRoot: this.log.rootHex(to),
      proof: this.log.nodes.consistencyProof(from, to).map(toHex),
      checkpoints: { from: a ? plain(a) : null, to: b ? plain(b) : null },
    };
  }

  /**
   * What an answer is a function of besides the sizes and the event asked: which of the sizes a
   * checkpoint signs, the default tree size of an inclusion proof (the latest checkpoint's) resolved.
   * A checkpoint of a size, once recorded, is the only one of that size ever served (sizes only
   * increase), so the same (event, sizes, signed) always has the same answer: a key for kept answers.
   * `head`, here and on the proofs: a head of the store the caller read for this answer (by default read here).
   */
  async signedSizes(sizes: readonly (number | undefined)[], head?: StoreHead): Promise<{ sizes: number[]; signed: boolean[] } | undefined> {
    const checkpoints = await this.checkpoints.all(head);
    const latest = checkpoints.at(-1)?.treeSize;
    const resolved = sizes.map((s) => s ?? latest);
    if (resolved.some((s) => s === undefined)) return undefined;
    return { sizes: resolved as number[], signed: resolved.map((s) => ofSize(checkpoints, s!) !== undefined) };
  }

  /** The first checkpoint covering the event, with its inclusion proof; undefined if the event is unknown. */
  async provenance(eventId: string): Promise<EventProvenance | undefined> {
    let leaf = this.log.leafOf(eventId);
    if (!leaf) {
      await this.sync();
      leaf = this.log.leafOf(eventId);
      if (!leaf) return undefined;
    }
    const c = await this.checkpoints.firstCovering(leaf.leafIndex);
    if (!c || c.treeSize > this.log.size()) return { leafIndex: leaf.leafIndex, checkpoint: c ? plain(c) : null, inclusionProof: null };
    return {
      leafIndex: leaf.leafIndex,
      checkpoint: plain(c),
      inclusionProof: {
        treeSize: c.treeSize, rootHash: c.rootHash, leafHash: toHex(leafHash(leaf.eventHash)),
        auditPath: this.log.nodes.inclusionProof(leaf.leafIndex, c.treeSize).map(toHex),
      },
    };
  }

  /**
   * Whether the tree holds `treeSize` leaves: a size beyond the tree this process has appended may be
   * one the store holds already (events another process recorded, not yet heard of): the follower
   * catches up for it, so a proof asked at once after a write is answered.
   */
  private async holds(treeSize: number): Promise<boolean> {
    return this.log.nodes.holds(treeSize) || (await this.sync()) >= treeSize;
  }

  private async leafOf(eventId: string) {
    const known = this.log.leafOf(eventId);
    if (known) return known;
    await this.sync();
    const leaf = this.log.leafOf(eventId);
    if (!leaf) throw new NotFoundError('Event', eventId);
    return leaf;
  }
}

/** The checkpoint of exactly `treeSize` among checkpoints in increasing tree size (a binary search: one per proof, over years of them). */
function ofSize(checkpoints: readonly RecordedCheckpoint[], treeSize: number): RecordedCheckpoint | undefined {
  let [low, high] = [0, checkpoints.length - 1];
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const size = checkpoints[mid]!.treeSize;
    if (size === treeSize) return checkpoints[mid];
    if (size < treeSize) low = mid + 1;
    else high = mid - 1;
  }
  return undefined;
}

/** The signed checkpoint alone, without where its event sits. */
export function plain(c: RecordedCheckpoint): Checkpoint {
  return {
    treeSize: c.treeSize, rootHash: c.rootHash, timestamp: c.timestamp, keyFingerprint: c.keyFingerprint, signature: c.signature,
    ...(c.origin !== undefined && { origin: c.origin }), ...(c.note !== undefined && { note: c.note }),
  };
}
