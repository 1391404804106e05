import type { EventStore } from '../eventStore/eventStore.ts';
import type { StoredEvent } from '../records/storedEvent.ts';

/** Events per append at most; a longer run of one stream is split, each part expecting the last. */
const MAX_BATCH = 500;
/**
 * Bytes per append at most, as estimated by approximateBytes: half of EventStoreDB's default
 * MaxAppendSize (1 MiB), leaving room for the ledger's metadata and the wire format. An event that
 * alone is larger still goes alone, and the store refuses it with PAYLOAD_TOO_LARGE.
 */
export const MAX_RUN_BYTES = 512 * 1024;

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
  let runBytes = 0;
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
    runBytes = 0;
    options.onProgress?.(count);
  };
  for await (const e of events) {
    const bytes = approximateBytes(e);
    if (run.length > 0 && (run[0]!.stream !== e.stream || run.length >= MAX_BATCH || runBytes + bytes > MAX_RUN_BYTES)) await flush();
    run.push(e);
    runBytes += bytes;
  }
  await flush();
  return count;
}

/** An event's size in an append: its data and metadata as JSON, plus the ledger's fixed fields (ids, hashes, times). */
function approximateBytes(e: StoredEvent): number {
  return Buffer.byteLength(JSON.stringify(e.data)) + Buffer.byteLength(JSON.stringify(e.metadata)) + Buffer.byteLength(e.actor) + 512;
}
