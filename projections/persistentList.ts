/**
 * An immutable list with cheap appends: `append` copies at most CHUNK - 1 elements (the open tail)
 * and shares everything before it with the old list, so folding n appends costs O(n), not the O(n²)
 * of `[...list, item]`. The old list stays valid after an append, as the pure fold requires.
 *
 * Layout: full chunks of CHUNK elements, linked newest first and never changed again, then the tail.
 * Two lists with the same elements have the same layout, so deep equality (`toEqual`) holds exactly
 * when the elements are equal. `toJSON` gives the plain array.
 *
 * A list can also be lazy (`lazy`): its size is known and its elements are loaded on first use, so a
 * restored view checkpoint need not decode every transition's items at start (readModels/viewCheckpoint.ts).
 * Or only its full chunks are (`withLazyChunks`): its open tail is known, so appends never load
 * them, and a restored per-local-government snapshot folds new items without reading the old ones
 * (readModels/lgSnapshots.ts).
 */

const CHUNK = 32;

export interface Chunk<T> {
  readonly items: readonly T[];
  readonly previous: Chunk<T> | undefined;
}

/**
 * The newest chunk of a prefix of `size` elements that `load` returns: a plain object whose `items`
 * and `previous`, when first read, load the prefix and become ordinary fields, so the chain is then
 * exactly what fromArray builds (and deep equality holds).
 */
function lazyChunk<T>(size: number, load: () => readonly T[]): Chunk<T> {
  const chunk = {} as { items: readonly T[]; previous: Chunk<T> | undefined };
  const materialize = () => {
    const items = load();
    if (items.length !== size) throw new Error(`lazy chunks: expected ${size} elements, loaded ${items.length}`);
    const newest = PersistentList.fromArray(items).layout().newest!;
    Object.defineProperty(chunk, 'items', { value: newest.items, enumerable: true, writable: false, configurable: false });
    Object.defineProperty(chunk, 'previous', { value: newest.previous, enumerable: true, writable: false, configurable: false });
  };
  for (const key of ['items', 'previous'] as const) {
    Object.defineProperty(chunk, key, {
      enumerable: true,
      configurable: true,
      get() {
        materialize();
        return chunk[key];
      },
    });
  }
  return chunk;
}

export class PersistentList<T> implements Iterable<T> {
  /** Loads the elements of a lazy list; unset once loaded. Private (#), so deep equality never sees it. */
  #load: (() => readonly T[]) | undefined;

  private constructor(
    // Set once more only when a lazy list loads; the elements never change.
    private chunks: Chunk<T> | undefined,
    private tail: readonly T[],
    /** Number of elements. */
    readonly size: number,
  ) {}

  /** A list of `size` elements that `load` returns, in order, called once on first use of the elements. */
  static lazy<T>(size: number, load: () => readonly T[]): PersistentList<T> {
    const list = new PersistentList<T>(undefined, [], size);
    list.#load = load;
    return list;
  }

  /**
   * A list of `size` elements whose last `tail.length` are `tail` and whose first ones (full chunks,
   * a multiple of CHUNK) `load` returns, called once when something reads them. An append only
   * needs the tail, so it loads nothing.
   */
  static withLazyChunks<T>(size: number, tail: readonly T[], load: () => readonly T[]): PersistentList<T> {
    const prefix = size - tail.length;
    if (prefix <= 0) return PersistentList.fromArray(tail);
    if (prefix % CHUNK !== 0 || tail.length >= CHUNK) throw new Error(`lazy chunks: ${prefix} + ${tail.length} is not a chunked layout`);
    return new PersistentList(lazyChunk(prefix, load), tail, size);
  }

  static empty<T>(): PersistentList<T> {
    return new PersistentList<T>(undefined, [], 0);
  }

  static of<T>(items: Iterable<T>): PersistentList<T> {
    let list = PersistentList.empty<T>();
    for (const item of items) list = list.append(item);
    return list;
  }

  /** The list of `items`, in order, built in one pass (the layout `of` would give). */
  static fromArray<T>(items: readonly T[]): PersistentList<T> {
    let chunks: Chunk<T> | undefined;
    const full = items.length - (items.length % CHUNK);
    for (let i = 0; i < full; i += CHUNK) chunks = { items: items.slice(i, i + CHUNK), previous: chunks };
    return new PersistentList(chunks, items.slice(full), items.length);
  }

  /** A new list with `item` at the end; this one is unchanged. */
  append(item: T): PersistentList<T> {
    this.loaded();
    const tail = [...this.tail, item];
    return tail.length < CHUNK
      ? new PersistentList(this.chunks, tail, this.size + 1)
      : new PersistentList({ items: tail, previous: this.chunks }, [], this.size + 1);
  }

  /** The first element, if any: the oldest chunk's first, else the tail's (no copy of the list). */
  first(): T | undefined {
    let oldest = this.chunks;
    while (oldest?.previous !== undefined) oldest = oldest.previous;
    return oldest !== undefined ? oldest.items[0] : this.tail[0];
  }

  /** The last element, if any. */
  last(): T | undefined {
    this.loaded();
    return this.tail.length > 0 ? this.tail[this.tail.length - 1] : this.chunks?.items[CHUNK - 1];
  }

  /**
   * The layout, for an encoder that stores full chunks once (readModels/lgSnapshots.ts): the newest
   * full chunk (whose `previous` leads to the older ones, loading a lazy prefix when read) and the
   * open tail. Chunks are immutable and shared by every later list, so they can be stored by identity.
   */
  layout(): { newest: Chunk<T> | undefined; tail: readonly T[] } {
    this.loaded();
    return { newest: this.chunks, tail: this.tail };
  }

  /** The elements in order, as a fresh array. */
  toArray(): T[] {
    this.loaded();
    const out = new Array<T>(this.size);
    let end = this.size - this.tail.length;
    this.tail.forEach((item, i) => (out[end + i] = item));
    for (let chunk = this.chunks; chunk !== undefined; chunk = chunk.previous) {
      end -= CHUNK;
      chunk.items.forEach((item, i) => (out[end + i] = item));
    }
    return out;
  }

  [Symbol.iterator](): Iterator<T> {
    return this.toArray().values();
  }

  toJSON(): T[] {
    return this.toArray();
  }

  /** Loads a lazy list's elements into the layout fromArray gives (so deep equality holds), once. */
  private loaded(): void {
    const load = this.#load;
    if (load === undefined) return;
    this.#load = undefined;
    const items = load();
    if (items.length !== this.size) throw new Error(`lazy list: expected ${this.size} elements, loaded ${items.length}`);
    const { chunks, tail } = PersistentList.fromArray(items);
    this.chunks = chunks;
    this.tail = tail;
  }
}
