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
 */

const CHUNK = 32;

interface Chunk<T> {
  readonly items: readonly T[];
  readonly previous: Chunk<T> | undefined;
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
