import type { EventStore } from '../eventStore/eventStore.ts';
import type { StoredEvent } from '../records/storedEvent.ts';

/** Events per append at most; a longer run of one stream is split, each part expecting the last. */
const MAX_BATCH = 500;

export interface CopyOptions {
  /** Called after each append with the number of events copied so far. */
  onProgress?: (copied: number) => void;
}

/**
 * Appends already-recorded events to `store` in the order given, one append per run of consecutive
 * events of the same stream. Each append expects the revision just before its first event, so a copy
 * can neither skip nor repeat an event; ids, recordedAt, actors and metadata are kept, and the store
 * recomputes each hash from them and the stream's previous hash. Throws if any recomputed hash
 * differs from the original: the copy would not be the same ledger.
 */
export async function copyInOrder(events: AsyncIterable<StoredEvent>, store: EventStore, options: CopyOptions = {}): Promise<number> {
  let run: StoredEvent[] = [];
  let count = 0;
  const flush = async () => {
    if (run.length === 0) return;
    const first = run[0]!;
    const expectedRevision = first.revision === 0n ? ('no_stream' as const) : first.revision - 1n;
    const { events: stored } = await store.appendToStream(first.stream, run, { expectedRevision });
    stored.forEach((s, i) => {
      if (s.hash !== run[i]!.hash) throw new Error(`event ${s.id} hashed differently in the copy (${s.hash} ≠ ${run[i]!.hash})`);
    });
    count += run.length;
    run = [];
    options.onProgress?.(count);
  };
  for await (const e of events) {
    if (run.length > 0 && (run[0]!.stream !== e.stream || run.length >= MAX_BATCH)) await flush();
    run.push(e);
  }
  await flush();
  return count;
}
