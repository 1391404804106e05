import type { ListSpill } from './listSpill.ts';

/**
 * An immutable list with cheap appends: `append` copies at most CHUNK - 1 elements (the open tail)
 * and shares everything before it with the old list, so folding n appends costs O(n), not the O(n²)
 * of `[...list, item]`. The old list stays valid after an append, as the pure fold requires.
 *
 * Layout: an optional prefix held outside the list, then full chunks of CHUNK elements, linked
 * newest first and never changed again, then the tail. The layout is private (#): deep equality
 * (`toEqual`) sees only the elements, in order, and the size. `toJSON` gives the plain array.
 *
 * The prefix (elements [0, n)) is how a list stays out of the JS heap: it is either in a ListSpill
 * (`spill`, spillLedgerView.ts), or loaded on first use (`lazy`: a restored view checkpoint need not
 * decode every transition's items at start, readModels/viewCheckpoint.ts). An append never reads
 * it. Its elements, once read, are kept only as long as the garbage collector allows (a WeakRef), so
 * reads do not bring the whole log back into memory either.
 */

const CHUNK = 32;

interface Chunk<T> {
  readonly items: readonly T[];
  readonly previous: Chunk<T> | undefined;
}

/** Elements [0, count) of a list, held outside it. Shared by every list appended from it. */
interface Prefix<T> {
  readonly count: number;
  readonly load: () => readonly T[];
  /** Where the elements are, when they are in a spill (so that a later spill appends to them). */
  readonly spilledAs?: { readonly spill: ListSpill; readonly listId: number };
  /** The first element, when known without loading (a spill keeps it: compliance reads it per transition). */
  readonly first?: T;
  cache?: WeakRef<readonly T[]>;
}

/** What a checkpoint stores of a spilled list: a reference to its spilled elements, and the rest. */
export interface SpilledList<T> {
  spill: ListSpill;
  listId: number;
  count: number;
  first: T | undefined;
  rest: T[];
}

export class PersistentList<T> implements Iterable<T> {
  readonly #prefix: Prefix<T> | undefined;
  readonly #chunks: Chunk<T> | undefined;
  readonly #tail: readonly T[];

  private constructor(
    prefix: Prefix<T> | undefined,
    chunks: Chunk<T> | undefined,
    tail: readonly T[],
    /** Number of elements. */
    readonly size: number,
  ) {
    this.#prefix = prefix;
    this.#chunks = chunks;
    this.#tail = tail;
  }

  /** A list of `size` elements that `load` returns, in order, called on first use of the elements. */
  static lazy<T>(size: number, load: () => readonly T[]): PersistentList<T> {
    return new PersistentList<T>(size === 0 ? undefined : { count: size, load }, undefined, [], size);
  }

  /** The list whose first `count` elements are list `listId` of `spill`, followed by `rest` (what spill() gave, restored). */
  static spilled<T>({ spill, listId, count, first, rest }: SpilledList<T>): PersistentList<T> {
    const prefix = count === 0 ? undefined : spilledPrefix(spill, listId, count, first as T);
    const { chunks, tail } = layout(rest);
    return new PersistentList<T>(prefix, chunks, tail, count + rest.length);
  }

  static empty<T>(): PersistentList<T> {
    return new PersistentList<T>(undefined, undefined, [], 0);
  }

  static of<T>(items: Iterable<T>): PersistentList<T> {
    let list = PersistentList.empty<T>();
    for (const item of items) list = list.append(item);
    return list;
  }

  /** The list of `items`, in order, built in one pass. */
  static fromArray<T>(items: readonly T[]): PersistentList<T> {
    const { chunks, tail } = layout(items);
    return new PersistentList(undefined, chunks, tail, items.length);
  }

  /** Elements held in this list's own chunks (not in its prefix): what it keeps in the JS heap. */
  get resident(): number {
    return this.size - (this.#prefix?.count ?? 0);
  }

  /** A new list with `item` at the end; this one is unchanged. Never reads the prefix. */
  append(item: T): PersistentList<T> {
    const tail = [...this.#tail, item];
    return tail.length < CHUNK
      ? new PersistentList(this.#prefix, this.#chunks, tail, this.size + 1)
      : new PersistentList(this.#prefix, { items: tail, previous: this.#chunks }, [], this.size + 1);
  }

  /**
   * A new list with `items` at the end, in order: the list `items.length` appends would give (the
   * same chunks), built with one copy of the open tail instead of one per element.
   */
  appendAll(items: readonly T[]): PersistentList<T> {
    if (items.length === 0) return this;
    const room = CHUNK - this.#tail.length;
    const size = this.size + items.length;
    if (items.length < room) return new PersistentList(this.#prefix, this.#chunks, [...this.#tail, ...items], size);
    let chunks: Chunk<T> = { items: [...this.#tail, ...items.slice(0, room)], previous: this.#chunks };
    let i = room;
    for (; i + CHUNK <= items.length; i += CHUNK) chunks = { items: items.slice(i, i + CHUNK), previous: chunks };
    return new PersistentList(this.#prefix, chunks, items.slice(i), size);
  }

  /**
   * The same list with every element in `spill`, none resident: only the elements not spilled yet
   * are written. Not a fold step (it writes), but the list it returns is equal to this one.
   */
  spill(spill: ListSpill): PersistentList<T> {
    if (this.resident === 0) return this;
    const prefix = this.#prefix;
    const appendable = prefix === undefined || prefix.spilledAs?.spill === spill;
    const from = appendable ? (prefix?.count ?? 0) : 0;
    const elements = appendable ? this.residentElements() : this.toArray();
    const listId = spill.append(appendable ? prefix?.spilledAs?.listId : undefined, from, elements);
    return new PersistentList(spilledPrefix(spill, listId, this.size, this.first() as T), undefined, [], this.size);
  }

  /** Where this list's spilled elements are, and the others, when its prefix is in a spill (see SpilledList). */
  spilledIn(): SpilledList<T> | undefined {
    const at = this.#prefix?.spilledAs;
    if (at === undefined) return undefined;
    return { spill: at.spill, listId: at.listId, count: this.#prefix!.count, first: this.first(), rest: this.residentElements() };
  }

  /** The first element, if any, without reading a spilled prefix. */
  first(): T | undefined {
    const prefix = this.#prefix;
    if (prefix !== undefined) return 'first' in prefix ? prefix.first : this.prefixElements(prefix)[0];
    let oldest = this.#chunks;
    while (oldest?.previous !== undefined) oldest = oldest.previous;
    return oldest !== undefined ? oldest.items[0] : this.#tail[0];
  }

  /** The last element, if any. */
  last(): T | undefined {
    if (this.#tail.length > 0) return this.#tail[this.#tail.length - 1];
    if (this.#chunks !== undefined) return this.#chunks.items[CHUNK - 1];
    const prefix = this.#prefix;
    return prefix === undefined ? undefined : this.prefixElements(prefix)[prefix.count - 1];
  }

  /** The elements in order, as a fresh array. */
  toArray(): T[] {
    const out = new Array<T>(this.size);
    const prefix = this.#prefix;
    if (prefix !== undefined) this.prefixElements(prefix).forEach((item, i) => (out[i] = item));
    this.fillResident(out, 0);
    return out;
  }

  [Symbol.iterator](): Iterator<T> {
    return this.toArray().values();
  }

  toJSON(): T[] {
    return this.toArray();
  }

  /** The resident elements alone: an array of their number, not of the whole list's. */
  private residentElements(): T[] {
    const out = new Array<T>(this.resident);
    this.fillResident(out, this.size - this.resident);
    return out;
  }

  /** Writes the resident elements at their indices less `skip` in `out` (skip: the prefix's count, or 0 for the whole list). */
  private fillResident(out: T[], skip: number): void {
    let end = this.size - this.#tail.length - skip;
    this.#tail.forEach((item, i) => (out[end + i] = item));
    for (let chunk = this.#chunks; chunk !== undefined; chunk = chunk.previous) {
      end -= CHUNK;
      chunk.items.forEach((item, i) => (out[end + i] = item));
    }
  }

  private prefixElements(prefix: Prefix<T>): readonly T[] {
    const cached = prefix.cache?.deref();
    if (cached !== undefined) return cached;
    const items = prefix.load();
    if (items.length !== prefix.count) throw new Error(`lazy list: expected ${prefix.count} elements, loaded ${items.length}`);
    prefix.cache = new WeakRef(items);
    return items;
  }
}

function spilledPrefix<T>(spill: ListSpill, listId: number, count: number, first: T): Prefix<T> {
  return { count, load: () => spill.read(listId, count) as T[], spilledAs: { spill, listId }, first };
}

function layout<T>(items: readonly T[]): { chunks: Chunk<T> | undefined; tail: readonly T[] } {
  let chunks: Chunk<T> | undefined;
  const full = items.length - (items.length % CHUNK);
  for (let i = 0; i < full; i += CHUNK) chunks = { items: items.slice(i, i + CHUNK), previous: chunks };
  return { chunks, tail: items.slice(full) };
}
