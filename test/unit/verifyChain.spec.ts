import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventHash } from '../../src/audit/eventHash.ts';
import { MAX_REPORTED_PROBLEMS, verifyChain } from '../../src/audit/verifyChain.ts';
import type { EventToAppend } from '../../src/eventStore/eventStore.ts';
import type { StoredEvent } from '../../src/records/storedEvent.ts';
import { SqliteEventStore } from '../../src/eventStore/sqliteEventStore.ts';
import { createTempDir, type TempDir } from '../support/tempDir.ts';

/**
 * A ledger of 8 events, interleaving two streams:
 *   position 1 2 3 4 5 6 7 8
 *   stream   a a b a b a a b
 *   revision 0 1 0 2 1 3 4 2
 */
const LAYOUT = ['a', 'a', 'b', 'a', 'b', 'a', 'a', 'b'] as const;

describe('verifyChain', () => {
  let dir: TempDir;
  let file: string;

  beforeEach(async () => {
    dir = createTempDir('ledger-verify-');
    file = dir.file('ledger.db');
    const store = SqliteEventStore.open(file);
    for (const stream of LAYOUT) await store.appendToStream(stream, [anEvent()]);
    await store.close();
  });
  afterEach(() => dir.remove());

  /** Edits the file behind the store's back, the way someone with disk access could. */
  function tamper(sql: string): void {
    const raw = new Database(file);
    raw.exec(sql);
    raw.close();
  }

  async function verifyFile() {
    const store = SqliteEventStore.open(file, { readonly: true });
    try {
      return await verifyChain(store.readAll());
    } finally {
      await store.close();
    }
  }

  async function readFile(): Promise<StoredEvent[]> {
    const store = SqliteEventStore.open(file, { readonly: true });
    const out: StoredEvent[] = [];
    for await (const e of store.readAll()) out.push(e);
    await store.close();
    return out;
  }

  it('given an untouched ledger, when verified, then it is ok and names the head', async () => {
    const events = await readFile();
    expect(await verifyFile()).toEqual({
      ok: true,
      checkedEvents: 8,
      headPosition: 8n,
      headHash: events[7]!.hash,
      problems: [],
      problemCount: 0,
    });
  });

  it('given an empty log, when verified, then it is ok with nothing checked and no head', async () => {
    expect(await verifyChain([])).toEqual({ ok: true, checkedEvents: 0, problems: [], problemCount: 0 });
  });

  it('given edited data at position 3, when verified, then a HASH_MISMATCH at 3 and nothing else', async () => {
    tamper(`UPDATE events SET data = '{"n":999}' WHERE position = 3`);
    const report = await verifyFile();
    expect(report).toMatchObject({ ok: false, firstInvalidPosition: 3n, problemCount: 1 });
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'HASH_MISMATCH', position: 3n, stream: 'b' })]);
  });

  it.each([
    ['actor', `actor = 'someone-else'`],
    ['recorded_at', `recorded_at = '2000-01-01T00:00:00.000Z'`],
    ['metadata', `metadata = '{"role":"admin"}'`],
    ['type', `type = 'Forged'`],
  ])('given an edited %s, when verified, then a HASH_MISMATCH at that event', async (_, set) => {
    tamper(`UPDATE events SET ${set} WHERE position = 4`);
    const report = await verifyFile();
    expect(report.problems.map((p) => [p.kind, p.position])).toEqual([['HASH_MISMATCH', 4n]]);
  });

  it('given edited data whose hash was recomputed to hide it, when verified, then the successor reports PREV_HASH_MISMATCH', async () => {
    const [fourth] = (await readFile()).filter((e) => e.position === 4n);
    const forged = eventHash({ ...fourth!, data: { n: 999 } });
    tamper(`UPDATE events SET data = '{"n":999}', hash = '${forged}' WHERE position = 4`);
    const report = await verifyFile();
    expect(report).toMatchObject({ ok: false, firstInvalidPosition: 6n });
    expect(report.problems.map((p) => [p.kind, p.position, p.stream])).toEqual([['PREV_HASH_MISMATCH', 6n, 'a']]);
  });

  it('given a deleted middle event, when verified, then a REVISION_GAP at its stream successor', async () => {
    tamper('DELETE FROM events WHERE position = 4');
    const report = await verifyFile();
    expect(report).toMatchObject({ ok: false, firstInvalidPosition: 6n, checkedEvents: 7 });
    expect(report.problems.map((p) => [p.kind, p.position])).toEqual([['REVISION_GAP', 6n]]);
  });

  it('given two events of a stream swapped in the log, when verified, then a REVISION_GAP at the first swapped position', async () => {
    // Positions are the primary key: move 2 aside, put 4 in its place, then 2 into 4.
    tamper(`UPDATE events SET position = 100 WHERE position = 2;
            UPDATE events SET position = 2 WHERE position = 4;
            UPDATE events SET position = 4 WHERE position = 100;`);
    const report = await verifyFile();
    expect(report.ok).toBe(false);
    expect(report.firstInvalidPosition).toBe(2n);
    expect(report.problems[0]).toMatchObject({ kind: 'REVISION_GAP', position: 2n, stream: 'a' });
  });

  it('given a changed prev_hash, when verified, then a HASH_MISMATCH (prevHash is hashed) and a PREV_HASH_MISMATCH at that event', async () => {
    tamper(`UPDATE events SET prev_hash = '${'f'.repeat(64)}' WHERE position = 5`);
    const report = await verifyFile();
    expect(report.firstInvalidPosition).toBe(5n);
    expect(report.problems.map((p) => [p.kind, p.position]).sort()).toEqual([
      ['HASH_MISMATCH', 5n],
      ['PREV_HASH_MISMATCH', 5n],
    ]);
  });

  it('given a first event whose prevHash is not genesis, when verified, then PREV_HASH_MISMATCH at it', async () => {
    const [first] = await readFile();
    const forgedPrev = 'a'.repeat(64);
    const forged = { ...first!, prevHash: forgedPrev };
    const report = await verifyChain([{ ...forged, hash: eventHash(forged) }]);
    expect(report.problems.map((p) => [p.kind, p.position])).toEqual([['PREV_HASH_MISMATCH', 1n]]);
  });

  it('given events out of position order, when verified, then POSITION_ORDER', async () => {
    const events = await readFile();
    const reordered = [events[0]!, events[2]!, events[1]!];
    const report = await verifyChain(reordered);
    expect(report.problems).toContainEqual(expect.objectContaining({ kind: 'POSITION_ORDER', position: 2n }));
  });

  it('given the same id twice, when verified, then DUPLICATE_ID', async () => {
    const events = await readFile();
    const duplicate = { ...events[7]!, id: events[0]!.id };
    const report = await verifyChain([...events.slice(0, 7), { ...duplicate, hash: eventHash(duplicate) }]);
    expect(report.problems.map((p) => [p.kind, p.position, p.eventId])).toEqual([['DUPLICATE_ID', 8n, events[0]!.id]]);
    expect(report.firstInvalidPosition).toBe(8n);
  });

  it('given more problems than the cap, when verified, then the list is capped but every problem is counted', async () => {
    const events = await readFile();
    const forged = Array.from({ length: 150 }, (_, i) => ({ ...events[0]!, id: randomUUID(), position: BigInt(i + 1), revision: BigInt(i), hash: 'x' }));
    const report = await verifyChain(forged);
    expect(report.problems).toHaveLength(MAX_REPORTED_PROBLEMS);
    expect(report.problemCount).toBeGreaterThanOrEqual(150);
    expect(report.checkedEvents).toBe(150);
  });
});

function anEvent(): EventToAppend {
  return { id: randomUUID(), type: 'Tested', schemaVersion: 1, data: { n: 1, place: 'Quiñota' }, recordedAt: '2024-01-01T00:00:00.000Z', actor: 'test', metadata: { role: 'tester' } };
}
