import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../src/audit/log/auditLog.ts';
import { Checkpointer } from '../../../src/audit/log/checkpointer.ts';
import { MerkleFollower } from '../../../src/audit/log/merkleFollower.ts';
import { loadOrCreateSigningKey } from '../../../src/audit/signingKey.ts';
import { SqliteEventStore } from '../../../src/eventStore/sqliteEventStore.ts';
import { createTempDir, type TempDir } from '../../support/tempDir.ts';

const event = (n: number) => ({ id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, type: 'Noted', schemaVersion: 1, data: { n }, recordedAt: '2024-01-01T00:00:00.000Z', actor: 't' });

/** A real store whose readStream calls are counted. */
function countingStreamReads(store: SqliteEventStore): { store: SqliteEventStore; reads: () => number } {
  let reads = 0;
  const counted = new Proxy(store, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if (property === 'readStream') return (...args: Parameters<SqliteEventStore['readStream']>) => (reads++, target.readStream(...args));
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: counted, reads: () => reads };
}

/** A checkpointer over its own handle on the ledger file and its own audit log, as a server process has. */
function checkpointerOn(file: string, dir: string, store: SqliteEventStore) {
  const log = AuditLog.open(join(dir, 'audit.sqlite'));
  const follower = new MerkleFollower(store, log);
  const key = loadOrCreateSigningKey({ dataDir: dir });
  const checkpoints = new Checkpointer({ store, log, key, origin: 'example.invalid/ledger', sync: () => follower.sync(), now: () => new Date('2024-01-01T00:00:00Z') });
  return { log, follower, checkpoints };
}

describe('Checkpointer.all, asked on every proof', () => {
  let tmp: TempDir;
  let file: string;
  let raw: SqliteEventStore;
  beforeEach(() => {
    tmp = createTempDir();
    file = join(tmp.path, 'ledger.sqlite');
    raw = SqliteEventStore.open(file, { pollIntervalMs: 20 });
  });
  afterEach(async () => {
    await raw.close();
    tmp.remove();
  });

  it('given the checkpoints read once and nothing recorded since, when asked again, then the stream is not read again and the answer is the same', async () => {
    for (let i = 0; i < 5; i++) await raw.appendToStream('s', [event(i)]);
    const { store, reads } = countingStreamReads(raw);
    const { log, follower, checkpoints } = checkpointerOn(file, join(tmp.path, 'a'), store);
    await checkpoints.create('t', 'test');
    const first = await checkpoints.all();
    const before = reads();
    for (let i = 0; i < 10; i++) expect(await checkpoints.all()).toEqual(first);
    expect(reads() - before).toBe(0);
    // Any event recorded since, checkpoint or not, has it read again, once.
    await raw.appendToStream('s', [event(99)]);
    expect(await checkpoints.all()).toEqual(first);
    expect(await checkpoints.all()).toEqual(first);
    expect(reads() - before).toBe(1);
    await follower.close();
    log.close();
  });

  it('given a checkpoint that another handle on the file records, when the checkpoints are asked at once, then it is there', async () => {
    for (let i = 0; i < 5; i++) await raw.appendToStream('s', [event(i)]);
    const here = checkpointerOn(file, join(tmp.path, 'a'), raw);
    await here.checkpoints.create('t', 'first');
    expect((await here.checkpoints.all()).map((c) => c.treeSize)).toEqual([5]);
    // Another process: its own store handle, audit log and key.
    const otherStore = SqliteEventStore.open(file);
    const there = checkpointerOn(file, join(tmp.path, 'b'), otherStore);
    for (let i = 5; i < 8; i++) await otherStore.appendToStream('s', [event(i)]);
    const { checkpoint } = await there.checkpoints.create('t', 'second');
    expect((await here.checkpoints.all()).map((c) => c.treeSize)).toEqual([5, checkpoint.treeSize]);
    expect((await here.checkpoints.latest())?.rootHash).toBe(checkpoint.rootHash);
    await there.follower.close();
    there.log.close();
    await otherStore.close();
    await here.follower.close();
    here.log.close();
  });
});
