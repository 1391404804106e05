/**
 * A map that keeps its most recently used entries up to `maxWeight` in all, each weighing what the
 * caller says (bytes, characters). An entry heavier than the whole budget is not kept.
 */
export class WeightedLru<K, V> {
  private readonly entries = new Map<K, { value: V; weight: number }>();
  private weight = 0;

  constructor(private readonly maxWeight: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    // Re-inserted, so that Map's insertion order is the order of use.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: K, value: V, weight: number): void {
    if (weight > this.maxWeight) return;
    const previous = this.entries.get(key);
    if (previous) {
      this.entries.delete(key);
      this.weight -= previous.weight;
    }
    this.entries.set(key, { value, weight });
    this.weight += weight;
    for (const [oldest, old] of this.entries) {
      if (this.weight <= this.maxWeight) break;
      this.entries.delete(oldest);
      this.weight -= old.weight;
    }
  }
}

/** A map that keeps its `capacity` most recently used entries: a WeightedLru where each weighs 1. */
export class Lru<K, V> {
  private readonly entries: WeightedLru<K, V>;

  constructor(capacity: number) {
    this.entries = new WeightedLru(capacity);
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): void {
    this.entries.set(key, value, 1);
  }
}
