import { Mutex } from 'async-mutex';
import { v4 as uuidv4 } from 'uuid';
import { isLedgerError } from '../../errors/ledgerError.ts';
import type { EventStore } from '../../eventStore/eventStore.ts';
import { signCheckpointNote } from '../checkpoint.ts';
import { CHECKPOINT_EVENT_TYPE, CHECKPOINT_STREAM, type RecordedCheckpoint, toCheckpoint } from './checkpointEvent.ts';
import { recordCheckpoint } from './recordCheckpoint.ts';
import type { SigningKey } from '../signingKey.ts';
import type { AuditLog } from './auditLog.ts';

export { CHECKPOINT_EVENT_TYPE, CHECKPOINT_STREAM, type RecordedCheckpoint, toCheckpoint } from './checkpointEvent.ts';

export interface CheckpointerDeps {
  store: EventStore;
  log: AuditLog;
  key: SigningKey;
  /** The C2SP origin every checkpoint note names (LEDGER_ORIGIN). */
  origin: string;
  /** Appends every recorded event to the tree before a head is signed. */
  sync: () => Promise<number>;
  now: () => Date;
  /** Told of every checkpoint this instance signs, after it is recorded; must not block. */
  onSigned?: (checkpoint: RecordedCheckpoint) => void;
}

/**
 * Signs tree heads and records each as a CheckpointSigned event (stream `audit-checkpoints`) through
 * the store port, so checkpoints travel with the log (exports, bundles, replicas) and are themselves
 * hashed and covered by later checkpoints. Tree sizes of recorded checkpoints strictly increase: a
 * head equal to the latest is not signed again. Several instances may sign: the append is
 * conditioned on the stream revision, and a loser re-reads and tries again.
 */
/** The store's head position as a caller read it at or after the moment its answer must reflect (a request's arrival). */
export interface StoreHead {
  position: bigint | undefined;
}

export class Checkpointer {
  private readonly lock = new Mutex();
  private cache: RecordedCheckpoint[] = [];
  private nextRevision = 0n;
  /** The store's head when the stream was last read: while the head stays there, the stream cannot have grown. */
  private readAtHead: bigint | undefined | null = null;

  constructor(private readonly deps: CheckpointerDeps) {}

  /**
   * Every checkpoint recorded, in increasing tree size (read incrementally from the stream). A
   * proof asks this on every request: the stream is read again only when the store's head moved
   * since it was last read (one read of the head, a quarter of the stream's read at 1M events), so
   * a checkpoint recorded by any process or handle is seen at once, and no read is made for nothing.
   */
  async all(head?: StoreHead): Promise<readonly RecordedCheckpoint[]> {
    // 1. The head first (the caller's, if it read one for this answer): whatever is recorded after it is read by the next call.
    const { position } = head ?? { position: await this.deps.store.headPosition() };
    return this.readUpTo(position);
  }

  private async readUpTo(head: bigint | undefined): Promise<readonly RecordedCheckpoint[]> {
    if (head === this.readAtHead) return this.cache;
    // 2. Then the stream, from where the last read stopped.
    const fresh = await this.deps.store.readStream(CHECKPOINT_STREAM, { fromRevision: this.nextRevision });
    for (const event of fresh) {
      const c = toCheckpoint(event);
      // A malformed or out-of-order checkpoint event is not served; the integrity check names it.
      if (c && (this.cache.at(-1)?.treeSize ?? -1) < c.treeSize) this.cache.push(c);
      this.nextRevision = event.revision + 1n;
    }
    // Heads only move forward; a slower concurrent call does not take the mark back.
    if (this.readAtHead == null || (head !== undefined && head > this.readAtHead)) this.readAtHead = head;
    return this.cache;
  }

  async latest(): Promise<RecordedCheckpoint | undefined> {
    return (await this.all()).at(-1);
  }

  /** The checkpoint of exactly this tree size, if one was recorded. */
  async ofSize(treeSize: number): Promise<RecordedCheckpoint | undefined> {
    return (await this.all()).find((c) => c.treeSize === treeSize);
  }

  /** The first checkpoint whose tree includes leaf `leafIndex`. */
  async firstCovering(leafIndex: number): Promise<RecordedCheckpoint | undefined> {
    return (await this.all()).find((c) => c.treeSize > leafIndex);
  }

  /** Leaves, other than checkpoints, that no checkpoint covers yet. */
  async uncovered(): Promise<number> {
    return this.deps.log.countSince((await this.latest())?.treeSize ?? 0, CHECKPOINT_EVENT_TYPE);
  }

  /**
   * Brings the tree up to the store's head, signs it and records the checkpoint. Returns the latest
   * checkpoint unchanged (`created: false`) when no event but checkpoints was recorded since it.
   */
  async create(actor: string, reason: string): Promise<{ checkpoint: RecordedCheckpoint; created: boolean }> {
    return this.lock.runExclusive(async () => {
      for (let attempt = 0; ; attempt++) {
        const size = await this.deps.sync();
        const latest = await this.latest();
        // Only checkpoints recorded since the latest: signing them would only chase our own tail.
        if (latest && (latest.treeSize >= size || this.deps.log.countSince(latest.treeSize, CHECKPOINT_EVENT_TYPE) === 0)) {
          return { checkpoint: latest, created: false };
        }
        const head = { treeSize: size, rootHash: this.deps.log.rootHex(size), timestamp: this.deps.now().toISOString() };
        const signed = signCheckpointNote(head, this.deps.key, this.deps.origin);
        try {
          const recorded = await recordCheckpoint(this.deps.store, signed, { id: uuidv4(), actor, reason, expectedRevision: this.nextRevision === 0n ? 'no_stream' : this.nextRevision - 1n });
          await this.all();
          this.deps.onSigned?.(recorded);
          return { checkpoint: recorded, created: true };
        } catch (error) {
          // Another instance recorded one meanwhile: re-read, and sign again only if still needed.
          if (isLedgerError(error, 'CONCURRENCY_CONFLICT') && attempt < 3) continue;
          throw error;
        }
      }
    });
  }
}

