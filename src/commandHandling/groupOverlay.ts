import type { EventStore, EventToAppend, StoredEvent, StreamRevision } from '../eventStore/eventStore.ts';

/**
 * What the commands of one commit group have decided so far but not yet made durable. Later
 * commands of the group are decided against the store as seen through it, so that a group judges
 * each command exactly as one-at-a-time processing would have.
 *
 * Pending events get positions above any real one, in decision order, only so that a fold sorts
 * them after what the store holds; they are never shown to anyone.
 */
export class GroupOverlay {
  private readonly byStream = new Map<string, StoredEvent[]>();
  private readonly revisions = new Map<string, bigint>();
  private readonly ids = new Set<string>();
  private nextPosition = 1n << 62n;

  constructor(private readonly store: EventStore) {}

  async streamRevision(stream: string): Promise<StreamRevision> {
    return this.revisions.get(stream) ?? (await this.store.streamRevision(stream));
  }

  async readStream(stream: string): Promise<StoredEvent[]> {
    const durable = await this.store.readStream(stream);
    const pending = this.byStream.get(stream);
    return pending ? [...durable, ...pending] : durable;
  }

  async getEvent(id: string): Promise<StoredEvent | undefined> {
    return this.store.getEvent(id);
  }

  /** True when a command reuses an id that an earlier command of this group is writing. */
  overlaps(ids: Iterable<string | undefined>): boolean {
    for (const id of ids) if (id !== undefined && this.ids.has(id)) return true;
    return false;
  }

  /** Records a decided batch appended to `stream` on top of `revision`. */
  add(stream: string, revision: StreamRevision, events: EventToAppend[]): void {
    let next = revision === 'no_stream' ? 0n : revision + 1n;
    const pending = this.byStream.get(stream) ?? [];
    for (const e of events) {
      pending.push({ ...e, metadata: e.metadata ?? {}, stream, revision: next++, position: this.nextPosition++, prevHash: '', hash: '' });
      this.ids.add(e.id);
    }
    this.byStream.set(stream, pending);
    this.revisions.set(stream, next - 1n);
  }
}
