import type { EventStore, EventToAppend, StreamRevision } from '../eventStore/eventStore.ts';
import type { StoredEvent } from '../records/storedEvent.ts';

/**
 * What the commands of one commit group have decided so far but not yet made durable. Later
 * commands of the group are decided against the store as seen through it (streams, revisions and
 * events by id alike), so that a group judges each command exactly as one-at-a-time processing
 * would have, whatever the timing of their arrival.
 *
 * Pending events get positions above any real one, in decision order, only so that a fold sorts
 * them after what the store holds; they are never shown to anyone, and have no hash yet.
 */
export class GroupOverlay {
  /** Decided batches by stream, kept as decided: most are never read back, so they are materialized only on a read. */
  private readonly byStream = new Map<string, PendingBatch[]>();
  private readonly revisions = new Map<string, bigint>();
  /** Every decided batch, in order; `ids` indexes the first `indexed` of them. */
  private readonly batches: PendingBatch[] = [];
  /**
   * Each pending event's batch, by id (its index in the batch is looked up on the rare read). Built
   * only when an id is asked for: most groups carry server-made ids only, and no one asks.
   */
  private readonly ids = new Map<string, PendingBatch>();
  private indexed = 0;
  private nextPosition = 1n << 62n;

  constructor(private readonly store: EventStore) {}

  async streamRevision(stream: string): Promise<StreamRevision> {
    return this.revisions.get(stream) ?? (await this.store.streamRevision(stream));
  }

  async readStream(stream: string): Promise<StoredEvent[]> {
    const durable = await this.store.readStream(stream);
    const pending = this.byStream.get(stream);
    if (!pending) return durable;
    const all = [...durable];
    for (const batch of pending) batch.events.forEach((_, i) => all.push(materialize(batch, i)));
    return all;
  }

  /** An event by id: durable, or decided earlier in this group (a retraction may name it). */
  async getEvent(id: string): Promise<StoredEvent | undefined> {
    const batch = this.idIndex().get(id);
    return batch ? materialize(batch, batch.events.findIndex((e) => e.id === id)) : this.store.getEvent(id);
  }

  /** True when an earlier command of this group has decided events of `stream` not yet durable. */
  hasPending(stream: string): boolean {
    return this.byStream.has(stream);
  }

  /** True when a command reuses an id that an earlier command of this group is writing. */
  overlaps(ids: Iterable<string | undefined>): boolean {
    for (const id of ids) if (id !== undefined && this.idIndex().has(id)) return true;
    return false;
  }

  /** The id index, brought up to date with the batches decided since it was last asked for. */
  private idIndex(): Map<string, PendingBatch> {
    for (; this.indexed < this.batches.length; this.indexed++) {
      const batch = this.batches[this.indexed]!;
      for (const e of batch.events) this.ids.set(e.id, batch);
    }
    return this.ids;
  }

  /** Records a decided batch appended to `stream` on top of `revision`. */
  add(stream: string, revision: StreamRevision, events: EventToAppend[]): void {
    const first = revision === 'no_stream' ? 0n : revision + 1n;
    const count = BigInt(events.length);
    const batch: PendingBatch = { stream, first, position: this.nextPosition, events };
    const pending = this.byStream.get(stream) ?? [];
    pending.push(batch);
    this.batches.push(batch);
    this.nextPosition += count;
    this.byStream.set(stream, pending);
    this.revisions.set(stream, first + count - 1n);
  }
}

interface PendingBatch {
  stream: string;
  /** Revision of its first event. */
  first: bigint;
  /** Position given to its first event. */
  position: bigint;
  events: EventToAppend[];
}

function materialize(batch: PendingBatch, index: number): StoredEvent {
  const e = batch.events[index]!;
  const at = BigInt(index);
  return { ...e, metadata: e.metadata ?? {}, stream: batch.stream, revision: batch.first + at, position: batch.position + at, prevHash: '', hash: '' };
}
