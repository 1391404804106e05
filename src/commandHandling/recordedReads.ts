import type { StreamCondition, StreamRevision } from '../eventStore/eventStore.ts';
import type { StoredEvent } from '../records/storedEvent.ts';
import type { GroupOverlay } from './groupOverlay.ts';

/**
 * The store as one command's decision sees it (through its group's overlay), noting the revision
 * of every stream the decision reads: authorization, the write model and its cache check alike.
 * Those revisions become the append's conditions, so a decision is never appended on top of a
 * stream that moved since it was read.
 */
export class RecordedReads {
  private readonly seen = new Map<string, StreamRevision>();

  constructor(private readonly overlay: GroupOverlay) {}

  async readStream(stream: string): Promise<StoredEvent[]> {
    const events = await this.overlay.readStream(stream);
    this.note(stream, events.length > 0 ? events[events.length - 1]!.revision : 'no_stream');
    return events;
  }

  async streamRevision(stream: string): Promise<StreamRevision> {
    const revision = await this.overlay.streamRevision(stream);
    this.note(stream, revision);
    return revision;
  }

  getEvent(id: string): Promise<StoredEvent | undefined> {
    return this.overlay.getEvent(id);
  }

  hasPending(stream: string): boolean {
    return this.overlay.hasPending(stream);
  }

  /** Every stream read but `own` (whose revision the append expects anyway), at the revision first read. */
  conditionsBesides(own: string): StreamCondition[] {
    const conditions: StreamCondition[] = [];
    for (const [stream, revision] of this.seen) if (stream !== own) conditions.push({ stream, revision });
    return conditions;
  }

  /** The first revision read counts: a later read at another one means the stream moved, and the condition on the first then fails. */
  private note(stream: string, revision: StreamRevision): void {
    if (!this.seen.has(stream)) this.seen.set(stream, revision);
  }
}
