import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventHash } from '../../../src/audit/eventHash.ts';
import { leafHash, merkleRoot } from '../../../src/audit/merkle.ts';
import { verifyLedgerInParallel } from '../../../src/audit/parallel/verifyLedgerInParallel.ts';
import { StreamingMerkleRoot } from '../../../src/audit/streamingMerkleRoot.ts';
import { verifyChain } from '../../../src/audit/verifyChain.ts';
import type { StoredEvent } from '../../../src/records/storedEvent.ts';
import { SqliteEventStore } from '../../../src/eventStore/sqliteEventStore.ts';
import { createTempDir, type TempDir } from '../../support/tempDir.ts';

/** 40 events over three interleaved streams; with ranges of 4 positions, 10 ranges over 2 workers. */
const STREAMS = ['a', 'b', 'a', 'c', 'a', 'b', 'c', 'c'];
const EVENTS = 40;

/** Each case edits a fresh copy of the ledger behind the store's back, as someone with disk access could. */
const TAMPERINGS: [name: string, sql: (events: StoredEvent[]) => string][] = [
  ['nothing', () => ''],
  ['edited data', () => `UPDATE events SET data = '{"n":999}' WHERE position = 10`],
  ['an edit re-hashed to hide it', (events) => rehashed(events[12]!, { actor: 'someone-else' })],
  ['a deleted event', () => 'DELETE FROM events WHERE position = 7'],
  ['a whole range deleted', () => 'DELETE FROM events WHERE position BETWEEN 5 AND 12'],
  ['an event moved far ahead (sparse positions)', () => 'UPDATE events SET position = 1000000000000 WHERE position = 20'],
  ['the tail deleted', () => 'DELETE FROM events WHERE position > 37'],
  ['a changed revision', () => 'UPDATE events SET revision = revision + 100 WHERE position = 21'],
  ['a changed prevHash', () => `UPDATE events SET prev_hash = '${'1'.repeat(64)}' WHERE position = 30`],
  ['a stored hash that is not hex', () => `UPDATE events SET hash = 'not a hash' WHERE position = 15`],
  ['an event moved to another stream', () => "UPDATE events SET stream = 'z' WHERE position = 3"],
  ['many problems at once', () => `UPDATE events SET data = '{"n":0}', recorded_at = '2000-01-01' WHERE position % 3 = 0`],
];

describe('verifyLedgerInParallel', () => {
  let dir: TempDir;
  let original: StoredEvent[];

  beforeAll(async () => {
    dir = createTempDir('ledger-parallel-');
    const store = SqliteEventStore.open(dir.file('original.db'));
    for (let i = 0; i < EVENTS; i++) await store.appendToStream(STREAMS[i % STREAMS.length]!, [anEvent(i)]);
    original = await readAll(store);
    await store.close();
  });
  afterAll(() => dir.remove());

  it.each(TAMPERINGS)('given %s, when verified with workers, then the report is verifyChain\'s, problem for problem, and the Merkle root is the log\'s', async (name, sql) => {
    const file = dir.file(`${name.replaceAll(' ', '-')}.db`);
    const raw = new Database(dir.file('original.db'), { readonly: true });
    await raw.backup(file);
    raw.close();
    const edit = new Database(file);
    edit.exec(sql(original));
    edit.close();

    const store = SqliteEventStore.open(file, { readonly: true });
    const events = await readAll(store);
    const serial = await verifyChain(store.readAll());
    await store.close();
    const { merkleRoot: root, ...report } = await verifyLedgerInParallel(file, { workers: 2, chunk: 4 });

    expect(report).toEqual(serial);
    // A deleted tail breaks no chain rule: only a checkpoint's root or size shows it.
    expect(report.ok).toBe(name === 'nothing' || name === 'the tail deleted');
    if (name === 'a stored hash that is not hex') expect(root).toBeUndefined();
    else expect(root).toBe(merkleRoot(events.map((e) => leafHash(e.hash))).toString('hex'));
  });

  it('given one worker or more workers than ranges, when verified, then the report and root are the same', async () => {
    const file = dir.file('original.db');
    const one = await verifyLedgerInParallel(file, { workers: 1, chunk: 16 });
    const many = await verifyLedgerInParallel(file, { workers: 3, chunk: 1000 });
    expect(one).toEqual(many);
    expect(one).toMatchObject({ ok: true, checkedEvents: EVENTS, headPosition: BigInt(EVENTS) });
  });

  it('given data that is not JSON, when verified, then it fails as verifyChain over the store does', async () => {
    const file = dir.file('not-json.db');
    const raw = new Database(dir.file('original.db'), { readonly: true });
    await raw.backup(file);
    raw.close();
    const edit = new Database(file);
    edit.exec("UPDATE events SET data = '{not json' WHERE position = 9");
    edit.close();
    const store = SqliteEventStore.open(file, { readonly: true });
    await expect(verifyChain(store.readAll())).rejects.toThrow(SyntaxError);
    await store.close();
    await expect(verifyLedgerInParallel(file, { workers: 2, chunk: 4 })).rejects.toThrow(/JSON/);
  });

  it('given an empty ledger, when verified, then it is ok, with nothing checked and the empty tree\'s root', async () => {
    const file = dir.file('empty.db');
    await SqliteEventStore.open(file).close();
    expect(await verifyLedgerInParallel(file, { workers: 2 })).toEqual({
      ok: true, checkedEvents: 0, problems: [], problemCount: 0, merkleRoot: merkleRoot([]).toString('hex'),
    });
  });
});

describe('StreamingMerkleRoot', () => {
  it('given 0 to 70 leaves pushed one by one, then every root equals the RFC 9162 reference', () => {
    const leaves = Array.from({ length: 70 }, (_, i) => leafHash(eventHash({ ...anEvent(i), stream: 's', revision: BigInt(i), prevHash: '0'.repeat(64) })));
    const streaming = new StreamingMerkleRoot();
    for (let n = 0; n <= leaves.length; n++) {
      expect(streaming.root().toString('hex')).toBe(merkleRoot(leaves.slice(0, n)).toString('hex'));
      if (n < leaves.length) streaming.push(leaves[n]!);
    }
    expect(streaming.size).toBe(70);
  });

  it('given leaves pushed in runs with their roots (aligned powers of two as one node, the rest leaf by leaf), then every root equals the reference', () => {
    const leaves = Array.from({ length: 70 }, (_, i) => leafHash(eventHash({ ...anEvent(i), stream: 's', revision: BigInt(i), prevHash: '0'.repeat(64) })));
    for (const runs of [[4, 4, 8, 16, 32, 6], [3, 4, 8, 1, 2, 52], [64, 6], [1, 1, 2, 4, 8, 16, 32, 6]]) {
      const streaming = new StreamingMerkleRoot();
      let at = 0;
      for (const n of runs) {
        const run = leaves.slice(at, at + n);
        streaming.pushAll(Buffer.concat(run), merkleRoot(run));
        at += n;
        expect(streaming.root().toString('hex')).toBe(merkleRoot(leaves.slice(0, at)).toString('hex'));
      }
      expect(streaming.size).toBe(70);
    }
  });
});

function anEvent(i: number) {
  return { id: randomUUID(), type: 'Tested', schemaVersion: 1, data: { n: i, place: 'Quiñota', tags: ['x', 'ñ'] }, recordedAt: '2024-01-01T00:00:00.000Z', actor: 'test', metadata: { role: 'tester' } };
}

async function readAll(store: SqliteEventStore): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of store.readAll()) out.push(e);
  return out;
}

/** SQL that edits one event and stores the hash of its edited fields, so only the chain can tell. */
function rehashed(event: StoredEvent, change: Partial<StoredEvent>): string {
  const edited = { ...event, ...change };
  return `UPDATE events SET actor = '${edited.actor}', hash = '${eventHash(edited)}' WHERE position = ${event.position}`;
}
