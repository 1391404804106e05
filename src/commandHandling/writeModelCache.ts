import type { LedgerState } from '../domain/ledgerState.ts';
import type { StreamRevision } from '../eventStore/eventStore.ts';

/**
 * A folded write model: the state `decide` judged a command against, and the revision of every
 * stream it was folded from (`no_stream` for a stream that had no events).
 */
export interface WriteModel {
  key: string;
  revisions: Map<string, StreamRevision>;
  state: LedgerState;
}

/** How many write models one recorder keeps: a command touches 1–3 streams, so this covers thousands of active streams. */
const DEFAULT_CAPACITY = 10_000;

/**
 * Write models of recent commands, keyed by the set of streams they fold, so that the next command
 * on the same streams does not re-read and re-fold them. An entry is only a hint: it is used only
 * when every one of its streams still has, in the store, the revision it was folded at (so a write
 * by another store instance or process is never missed), and otherwise the streams are folded anew.
 *
 * `evolve` folds in place, so an entry is taken out while a command uses it and is put back only
 * once that command's append is durable: a refused command, or a failed append, leaves nothing
 * behind. Least recently put entries are evicted first.
 */
export class WriteModelCache {
  private readonly entries = new Map<string, WriteModel>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /** The key of the set of streams a command folds: order-insensitive. */
  static keyOf(streams: Iterable<string>): string {
    return [...streams].sort().join('\n');
  }

  /** Removes and returns the entry for `key`, which its caller now owns (and may mutate). */
  take(key: string): WriteModel | undefined {
    const entry = this.entries.get(key);
    if (entry) this.entries.delete(key);
    return entry;
  }

  /** Stores a write model whose revisions are all durable in the store. */
  put(model: WriteModel): void {
    this.entries.delete(model.key);
    this.entries.set(model.key, model);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  /**
   * Drops every entry folded from one of `streams`: after another writer moved one of them, those
   * entries would miss at their next check anyway; dropping them says so at once.
   */
  invalidate(streams: Iterable<string>): void {
    const moved = new Set(streams);
    for (const key of [...this.entries.keys()]) {
      if (key.split('\n').some((stream) => moved.has(stream))) this.entries.delete(key);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
