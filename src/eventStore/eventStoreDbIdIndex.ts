/** Where each ledger record of $all is, as the index needs it. */
export interface IndexedRecord {
  position: bigint;
  /** The event id when the record is a ledger event; undefined for anything else (system, other streams). */
  ledgerId: string | undefined;
}

/**
 * EventStoreDB finds events by stream and revision, or by $all position, but not by id unless the
 * `$by-id`-style projections run (the ledger runs none). This index maps every ledger event id to
 * its position, in memory, filled by reading $all forwards from where the last catch-up stopped.
 * It backs getEvent, headPosition and the idempotency check of appends. The first catch-up reads the
 * whole log; memory grows by roughly 100 bytes per event.
 */
export class EventStoreDbIdIndex {
  private readonly positions = new Map<string, bigint>();
  /** Every ledger event's position, ascending: the record boundaries a read of $all may start at. */
  private readonly sorted: bigint[] = [];
  /** Last $all position read, whatever the record; undefined before the first catch-up. */
  private readUpTo: bigint | undefined;
  private last: bigint | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly scan: (after: bigint | undefined) => AsyncIterable<IndexedRecord>) {}

  /** Position of the ledger event with this id, as of the last catch-up or record. */
  positionOf(id: string): bigint | undefined {
    return this.positions.get(id);
  }

  has(id: string): boolean {
    return this.positions.has(id);
  }

  /** Position of the last ledger event known, or undefined when none is. */
  get head(): bigint | undefined {
    return this.last;
  }

  /** Last $all position read by a catch-up (any record), or undefined before the first. */
  get scannedUpTo(): bigint | undefined {
    return this.readUpTo;
  }

  /** True when `position` is a ledger event's own position, as known now. */
  knows(position: bigint): boolean {
    return this.sorted[this.floorIndex(position)] === position;
  }

  /** The greatest ledger event position at or below `position`, or undefined when none is known. */
  floor(position: bigint): bigint | undefined {
    return this.sorted[this.floorIndex(position)];
  }

  /** Notes an event this process has just appended, before a catch-up would find it. */
  record(id: string, position: bigint): void {
    if (this.positions.get(id) === position) return;
    this.positions.set(id, position);
    if (this.last === undefined || position > this.last) {
      this.last = position;
      this.sorted.push(position);
    } else {
      // Another process's event, older than one this process appended and recorded first.
      this.sorted.splice(this.floorIndex(position) + 1, 0, position);
    }
  }

  /**
   * Reads $all from where the index stopped to its end. Calls queue rather than share a run, so
   * each call sees every write acknowledged before it started.
   */
  catchUp(): Promise<void> {
    const run = this.queue.then(async () => {
      for await (const record of this.scan(this.readUpTo)) {
        this.readUpTo = record.position;
        if (record.ledgerId !== undefined) this.record(record.ledgerId, record.position);
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Index in `sorted` of the greatest position ≤ `position`; -1 when every one is greater. */
  private floorIndex(position: bigint): number {
    let low = 0;
    let high = this.sorted.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (this.sorted[mid]! <= position) low = mid + 1;
      else high = mid - 1;
    }
    return high;
  }
}

