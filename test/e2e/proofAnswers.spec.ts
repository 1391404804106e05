import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { AuditLog } from '../../src/audit/log/auditLog.ts';
import { Checkpointer } from '../../src/audit/log/checkpointer.ts';
import { MerkleFollower } from '../../src/audit/log/merkleFollower.ts';
import { loadOrCreateSigningKey } from '../../src/audit/signingKey.ts';
import { SqliteEventStore } from '../../src/eventStore/sqliteEventStore.ts';
import { buildApp } from '../../src/http/buildApp.ts';
import { seedLedger } from '../../src/seed/seedLedger.ts';
import { startAuditTestLedger, type AuditTestLedger } from './support/auditTestLedger.ts';

const lg = (lgId: string) => ({ type: 'LocalGovernmentRegistered', data: { lgId, name: `Municipalidad ${lgId}`, level: 'district', province: 'Chumbivilcas', department: 'Cusco' } });

describe('proofs kept as the bytes sent', () => {
  let ledger: AuditTestLedger;
  let ids: string[];

  beforeAll(async () => {
    ledger = await startAuditTestLedger();
    await seedLedger(ledger.record, 'chumbivilcas-2018');
    await ledger.audit.follower.sync();
    ids = (await ledger.get('/api/events?limit=40')).json().events.map((e: { id: string }) => e.id);
  });
  afterAll(async () => ledger.close());

  /** A server built afresh on the same files: nothing kept, every answer computed and serialized. */
  const fresh = async (url: string) => {
    const app = await buildApp({ store: ledger.store, storeName: 'sqlite', record: ledger.record, health: ledger.health, audit: ledger.audit, credentials: [] });
    try {
      return await app.inject({ method: 'GET', url });
    } finally {
      await app.close();
    }
  };

  it('given proofs asked once, when asked again, then neither a leaf nor a stored node is read and the bytes are those a fresh server sends', async () => {
    const size = ledger.audit.log.size();
    const urls = [
      ...ids.slice(0, 10).map((id, i) => `/api/audit/proofs/inclusion?eventId=${id}&treeSize=${size - i}`),
      ...[1, 7, 20].map((from) => `/api/audit/proofs/consistency?from=${from}&to=${size - 1}`),
    ];
    for (const url of urls) expect((await ledger.get(url)).statusCode, url).toBe(200);
    const nodes = ledger.audit.log.nodes;
    const before = nodes.nodeReads;
    // The audit log's own lookup of an event's leaf, counted on the real log.
    const log = ledger.audit.log;
    const leafOf = log.leafOf;
    let leafReads = 0;
    log.leafOf = (id) => (leafReads++, leafOf.call(log, id));
    const kept = [];
    try {
      for (const url of urls) kept.push(await ledger.get(url));
    } finally {
      log.leafOf = leafOf;
    }
    expect(leafReads).toBe(0);
    expect(nodes.nodeReads - before).toBe(0);
    for (const [i, url] of urls.entries()) {
      const computed = await fresh(url);
      expect(kept[i]!.statusCode, url).toBe(200);
      expect(kept[i]!.headers['content-type'], url).toBe(computed.headers['content-type']);
      expect(kept[i]!.rawPayload.equals(computed.rawPayload), url).toBe(true);
    }
  });

  it('given an unsigned proof kept at the head’s size, when a checkpoint of that size is signed, then the next answer names it, as a fresh server’s does', async () => {
    const size = ledger.audit.log.size();
    const url = `/api/audit/proofs/inclusion?eventId=${ids[3]}&treeSize=${size}`;
    const consistency = `/api/audit/proofs/consistency?from=2&to=${size}`;
    expect((await ledger.get(url)).json().checkpoint).toBeNull();
    expect((await ledger.get(consistency)).json().checkpoints.to).toBeNull();
    const signed = await ledger.post('/api/audit/checkpoints');
    expect(signed.statusCode).toBe(201);
    expect(signed.json().treeSize).toBe(size);
    const after = await ledger.get(url);
    expect(after.json().checkpoint).toMatchObject({ treeSize: size, rootHash: signed.json().rootHash });
    expect(after.rawPayload.equals((await fresh(url)).rawPayload)).toBe(true);
    expect((await ledger.get(consistency)).json().checkpoints.to).toMatchObject({ treeSize: size });
    // Without treeSize: against that checkpoint, the same bytes as asking its size.
    const implicit = await ledger.get(`/api/audit/proofs/inclusion?eventId=${ids[3]}`);
    expect(implicit.rawPayload.equals(after.rawPayload)).toBe(true);
  });

  it('given a newer checkpoint, when a proof is asked without treeSize, then it is against the newer one at once', async () => {
    const previous = (await ledger.get(`/api/audit/proofs/inclusion?eventId=${ids[5]}`)).json();
    for (let i = 0; i < 3; i++) expect((await ledger.post('/api/events', lg(`08${80 + i}01`))).statusCode).toBe(201);
    const signed = (await ledger.post('/api/audit/checkpoints')).json();
    expect(signed.treeSize).toBeGreaterThan(previous.treeSize);
    const now = await ledger.get(`/api/audit/proofs/inclusion?eventId=${ids[5]}`);
    expect(now.json()).toMatchObject({ treeSize: signed.treeSize, rootHash: signed.rootHash, checkpoint: { treeSize: signed.treeSize } });
    expect(now.rawPayload.equals((await fresh(`/api/audit/proofs/inclusion?eventId=${ids[5]}`)).rawPayload)).toBe(true);
  });

  it('given asks that are refused, when asked again, then they are refused again, never answered from what was kept', async () => {
    const size = ledger.audit.log.size();
    for (const url of [`/api/audit/proofs/inclusion?eventId=${ids[0]}&treeSize=${size + 5}`, `/api/audit/proofs/consistency?from=0&to=3`, `/api/audit/proofs/consistency?from=3&to=${size + 5}`, `/api/audit/proofs/inclusion?eventId=no-such-event&treeSize=${size}`]) {
      for (let i = 0; i < 2; i++) expect((await ledger.get(url)).statusCode, url).toBeGreaterThanOrEqual(400);
    }
  });

  it('given a kept proof, when it is asked again, then the store’s head is read once for the request (its ETag and its checkpoints share it)', async () => {
    const size = ledger.audit.log.size();
    const url = `/api/audit/proofs/inclusion?eventId=${ids[7]}&treeSize=${size}`;
    expect((await ledger.get(url)).statusCode).toBe(200);
    const store = ledger.store;
    const headPosition = store.headPosition;
    let heads = 0;
    store.headPosition = () => (heads++, headPosition.call(store));
    try {
      expect((await ledger.get(url)).statusCode).toBe(200);
    } finally {
      store.headPosition = headPosition;
    }
    expect(heads).toBe(1);
  });

  it('given a checkpoint that another process signs, when a proof is asked at once without treeSize, then it is against that checkpoint', async () => {
    const e = ids[9]!;
    const before = (await ledger.get(`/api/audit/proofs/inclusion?eventId=${e}`)).json();
    expect((await ledger.post('/api/events', lg('089901'))).statusCode).toBe(201);
    // Another process: its own handle on the file, its own audit log; same key, as a second server of one ledger has.
    const other = SqliteEventStore.open(ledger.file);
    const dir = join(ledger.dir, 'other');
    const log = AuditLog.open(join(dir, 'audit.sqlite'));
    const follower = new MerkleFollower(other, log);
    const checkpoints = new Checkpointer({ store: other, log, key: loadOrCreateSigningKey({ dataDir: ledger.dir }), origin: ledger.audit.origin.origin, sync: () => follower.sync(), now: () => new Date() });
    let signed;
    try {
      signed = (await checkpoints.create('other-process', 'test')).checkpoint;
    } finally {
      await follower.close();
      log.close();
      await other.close();
    }
    expect(signed.treeSize).toBeGreaterThan(before.treeSize);
    const now = await ledger.get(`/api/audit/proofs/inclusion?eventId=${e}`);
    expect(now.statusCode, now.body).toBe(200);
    expect(now.json()).toMatchObject({ treeSize: signed.treeSize, rootHash: signed.rootHash, checkpoint: { treeSize: signed.treeSize } });
  });
});
