/**
 * An immutable list with cheap appends: `append` copies at most CHUNK - 1 elements (the open tail)
 * and shares everything before it with the old list, so folding n appends costs O(n), not the O(n²)
 * of `[...list, item]`. The old list stays valid after an append, as the pure fold requires.
 *
 * Layout: full chunks of CHUNK elements, linked newest first and never changed again, then the tail.
 * Two lists with the same elements have the same layout, so deep equality (`toEqual`) holds exactly
 * when the elements are equal. `toJSON` gives the plain array.
 */

const CHUNK = 32;

interface Chunk<T> {
  readonly items: readonly T[];
  readonly previous: Chunk<T> | undefined;
}

export class PersistentList<T> implements Iterable<T> {
  private constructor(
    private readonly chunks: Chunk<T> | undefined,
    private readonly tail: readonly T[],
    /** Number of elements. */
    readonly size: number,
  ) {}

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
    return this.tail.length > 0 ? this.tail[this.tail.length - 1] : this.chunks?.items[CHUNK - 1];
  }

  /** The elements in order, as a fresh array. */
  toArray(): T[] {
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
}
