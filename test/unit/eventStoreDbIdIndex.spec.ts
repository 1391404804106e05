import { describe, expect, it } from 'vitest';
import { EventStoreDbIdIndex, type IndexedRecord } from '../../src/eventStore/eventStoreDbIdIndex.ts';

/** A growing $all, read the way the adapter reads it: every record after a position. */
function fakeLog() {
  const records: IndexedRecord[] = [];
  const scans: (bigint | undefined)[] = [];
  return {
    records,
    scans,
    append: (position: bigint, ledgerId?: string) => records.push({ position, ledgerId }),
    async *scan(after: bigint | undefined): AsyncGenerator<IndexedRecord> {
      scans.push(after);
      for (const r of records) if (after === undefined || r.position > after) yield r;
    },
  };
}

describe('EventStoreDB id index', () => {
  it('given an empty log, then nothing is known and there is no head', async () => {
    const log = fakeLog();
    const index = new EventStoreDbIdIndex((after) => log.scan(after));
    await index.catchUp();
    expect(index.head).toBeUndefined();
    expect(index.has('a')).toBe(false);
  });

  it('given ledger and system records, when caught up, then ledger ids map to positions and the head is the last ledger event', async () => {
    const log = fakeLog();
    log.append(10n, 'a');
    log.append(20n); // a system record
    log.append(30n, 'b');
    log.append(40n); // another stream's event
    const index = new EventStoreDbIdIndex((after) => log.scan(after));
    await index.catchUp();
    expect(index.positionOf('a')).toBe(10n);
    expect(index.positionOf('b')).toBe(30n);
    expect(index.head).toBe(30n);
  });

  it('given a caught-up index, when the log grows, then the next catch-up resumes after the last record read, ledger or not', async () => {
    const log = fakeLog();
    log.append(10n, 'a');
    log.append(20n);
    const index = new EventStoreDbIdIndex((after) => log.scan(after));
    await index.catchUp();
    log.append(30n, 'c');
    await index.catchUp();
    expect(log.scans).toEqual([undefined, 20n]);
    expect(index.positionOf('c')).toBe(30n);
  });

  it('given concurrent callers, then catch-ups never overlap and each sees what was written before it started', async () => {
    const log = fakeLog();
    let running = 0;
    let overlapped = false;
    const index = new EventStoreDbIdIndex(async function* (after) {
      running++;
      overlapped ||= running > 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      yield* log.scan(after);
      running--;
    });
    log.append(1n, 'a');
    const first = index.catchUp();
    await new Promise((resolve) => setTimeout(resolve, 1)); // the first scan is under way
    log.append(2n, 'b');
    const second = index.catchUp();
    await Promise.all([first, second]);
    expect(overlapped).toBe(false);
    expect(index.has('b')).toBe(true);
    // The second waited for the first, then resumed after the last record the first read.
    expect(log.scans).toEqual([undefined, 2n]);
  });

  it('given a failed catch-up, then the failure reaches its caller and the next one retries from the same place', async () => {
    const log = fakeLog();
    log.append(1n, 'a');
    let fail = true;
    const index = new EventStoreDbIdIndex((after) => {
      if (fail) throw Object.assign(new Error('unavailable'), { code: 'STORE_UNAVAILABLE' });
      return log.scan(after);
    });
    await expect(index.catchUp()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    fail = false;
    await index.catchUp();
    expect(index.positionOf('a')).toBe(1n);
  });

  it('given an event this process appended, then it is known before any catch-up and moves the head', () => {
    const index = new EventStoreDbIdIndex(() => fakeLog().scan(undefined));
    index.record('x', 99n);
    expect(index.positionOf('x')).toBe(99n);
    expect(index.head).toBe(99n);
  });
});

describe('EventStoreDB id index: record boundaries', () => {
  it('given ledger positions learnt out of order, then floor and knows answer from the sorted positions', async () => {
    const log = fakeLog();
    log.append(10n, 'a');
    log.append(20n);
    log.append(30n, 'b');
    const index = new EventStoreDbIdIndex((after) => log.scan(after));
    index.record('d', 50n); // appended by this process before a catch-up found 'a', 'b' and 'c'
    log.append(40n, 'c');
    log.append(50n, 'd');
    await index.catchUp();
    expect([5n, 10n, 15n, 20n, 30n, 45n, 50n, 99n].map((p) => index.floor(p))).toEqual([undefined, 10n, 10n, 10n, 30n, 40n, 50n, 50n]);
    expect([10n, 20n, 40n, 50n, 51n].map((p) => index.knows(p))).toEqual([true, false, true, true, false]);
    expect(index.scannedUpTo).toBe(50n);
  });
});
