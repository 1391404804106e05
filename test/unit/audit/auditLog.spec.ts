import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuditService } from '../../../src/audit/log/auditService.ts';
import { AuditLog } from '../../../src/audit/log/auditLog.ts';
import { MerkleFollower } from '../../../src/audit/log/merkleFollower.ts';
import { leafHash, merkleRoot, toHex } from '../../../src/audit/merkle.ts';
import { SqliteEventStore } from '../../../src/eventStore/sqliteEventStore.ts';
import { LedgerHealth } from '../../../src/health/ledgerHealth.ts';
import { createTempDir, type TempDir } from '../../support/tempDir.ts';

const event = (n: number) => ({ id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, type: 'Noted', schemaVersion: 1, data: { n }, recordedAt: '2024-01-01T00:00:00.000Z', actor: 't' });


async function storedHashes(store: SqliteEventStore): Promise<string[]> {
  const out: string[] = [];
  for await (const e of store.readAll()) out.push(e.hash);
  return out;
}

describe('the Merkle follower over the store’s global order', () => {
  let tmp: TempDir;
  let store: SqliteEventStore;
  beforeEach(() => {
    tmp = createTempDir();
    store = SqliteEventStore.open(join(tmp.path, 'ledger.sqlite'), { pollIntervalMs: 20 });
  });
  afterEach(async () => {
    await store.close();
    tmp.remove();
  });

  it('given appends racing the catch-up and the live subscription, when they settle, then every event is one leaf, in order, none skipped or doubled', async () => {
    for (let i = 0; i < 30; i++) await store.appendToStream(`s-${i % 3}`, [event(i)]);
    const log = AuditLog.open(join(tmp.path, 'audit.sqlite'));
    const follower = new MerkleFollower(store, log);
    const started = follower.start();
    // Writes during catch-up, and syncs interleaved with the subscription's deliveries.
    const writes = Array.from({ length: 40 }, (_, i) => store.appendToStream(`s-${i % 5}`, [event(100 + i)]));
    await Promise.all([started, ...writes, follower.sync(), follower.sync()]);
    await vi.waitFor(() => expect(log.size()).toBe(70), { timeout: 5000, interval: 10 });
    const hashes = await storedHashes(store);
    expect([...log.leaves()].map((l) => l.eventHash)).toEqual(hashes);
    expect(log.rootHex()).toBe(toHex(merkleRoot(hashes.map(leafHash))));
    await follower.close();
    log.close();
  });

  it('given a follower stopped part-way, when a new one starts on the same audit file, then it resumes after the last leaf', async () => {
    for (let i = 0; i < 10; i++) await store.appendToStream('s', [event(i)]);
    let log = AuditLog.open(join(tmp.path, 'audit.sqlite'));
    let follower = new MerkleFollower(store, log);
    await follower.start();
    await follower.close();
    log.close();
    for (let i = 10; i < 25; i++) await store.appendToStream('s', [event(i)]);

    log = AuditLog.open(join(tmp.path, 'audit.sqlite'));
    expect(log.size()).toBe(10);
    follower = new MerkleFollower(store, log);
    await follower.start();
    expect(log.size()).toBe(25);
    expect([...log.leaves()].map((l) => l.eventHash)).toEqual(await storedHashes(store));
    await follower.close();
    log.close();
  });

  it('given an event at or before the last leaf, when appended to the audit log, then it is refused: the order never moves back', async () => {
    await store.appendToStream('s', [event(1), event(2)]);
    const events = await store.readStream('s');
    const log = AuditLog.open(':memory:');
    log.append(events);
    expect(() => log.append([events[0]!])).toThrow(/not after/);
    expect(log.size()).toBe(2);
    log.close();
  });

  it('given LEDGER_CHECKPOINT_EVERY_EVENTS, when that many events are recorded, then a checkpoint is signed on its own', async () => {
    const audit = new AuditService({ store, health: new LedgerHealth(), dataDir: tmp.path, checkpointEveryEvents: 5, checkpointEveryMinutes: 0, verifyEveryMinutes: 0 });
    await audit.start();
    for (let i = 0; i < 12; i++) await store.appendToStream('s', [event(i)]);
    await vi.waitFor(async () => expect((await audit.checkpoints.latest())?.treeSize ?? 0).toBeGreaterThanOrEqual(10), { timeout: 5000, interval: 10 });
    const all = await audit.checkpoints.all();
    // Sizes grow strictly, and no checkpoint was signed over checkpoints alone.
    for (let i = 1; i < all.length; i++) expect(all[i]!.treeSize).toBeGreaterThan(all[i - 1]!.treeSize);
    expect(all.length).toBeLessThanOrEqual(3);
    await audit.close();
  });
});
