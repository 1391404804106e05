import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCheckpointText } from '../../src/audit/note/checkpointNote.ts';
import { checkNoteSignature, parseNote, parseVerifierKey } from '../../src/audit/note/signedNote.ts';
import { merkleRoot, toHex } from '../../src/audit/merkle.ts';
import { createRecorder } from '../../src/commandHandling/recordEvents.ts';
import { SqliteEventStore } from '../../src/eventStore/sqliteEventStore.ts';
import { seedLedger } from '../../src/seed/seedLedger.ts';
import { startAuditTestLedger, type AuditTestLedger } from './support/auditTestLedger.ts';

const lg = (lgId: string) => ({ type: 'LocalGovernmentRegistered', data: { lgId, name: `Municipalidad ${lgId}`, level: 'district', province: 'Chumbivilcas', department: 'Cusco' } });
const leaf = (bytes: Buffer) => createHash('sha256').update(Buffer.from([0])).update(bytes).digest();

describe('C2SP checkpoint, tiles and proof edges over HTTP', () => {
  let ledger: AuditTestLedger;

  beforeAll(async () => {
    ledger = await startAuditTestLedger();
    await seedLedger(ledger.record, 'chumbivilcas-2018');
  });
  afterAll(async () => ledger.close());

  it('given no checkpoint yet, when an inclusion proof is asked without treeSize, then 400 (no unsigned size by default), and with an explicit treeSize it comes with checkpoint null', async () => {
    const e = (await ledger.get('/api/events?limit=1')).json().events[0];
    const implicit = await ledger.get(`/api/audit/proofs/inclusion?eventId=${e.id}`);
    expect(implicit.statusCode).toBe(400);
    expect(implicit.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const explicit = await ledger.get(`/api/audit/proofs/inclusion?eventId=${e.id}&treeSize=5`);
    expect(explicit.statusCode).toBe(200);
    expect(explicit.json()).toMatchObject({ treeSize: 5, checkpoint: null });
    expect((await ledger.get('/checkpoint')).statusCode).toBe(404);
  });

  it('given a signed checkpoint, when /checkpoint is fetched, then it is a C2SP note that the published vkey verifies', async () => {
    const made = await ledger.post('/api/audit/checkpoints');
    expect(made.statusCode).toBe(201);
    const res = await ledger.get('/checkpoint');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    const { verifierKey, origin } = (await ledger.get('/api/audit/public-key')).json();
    expect(origin).toMatch(/^transition-ledger\.invalid\/[0-9a-f]{16}$/);
    const key = parseVerifierKey(verifierKey)!;
    expect(key.name).toBe(origin);
    const note = parseNote(res.body)!;
    expect(checkNoteSignature(note, key)).toBe('VERIFIED');
    expect(parseCheckpointText(note.text)).toEqual({ origin, treeSize: made.json().treeSize, rootHash: made.json().rootHash });
    expect(made.json().note).toBe(res.body);
  });

  it('given the event the checkpoint covers, when its inclusion proof is asked without treeSize, then it is against that checkpoint and names it', async () => {
    const e = (await ledger.get('/api/events?limit=1')).json().events[0];
    const latest = (await ledger.get('/api/audit/checkpoints/latest')).json();
    const body = (await ledger.get(`/api/audit/proofs/inclusion?eventId=${e.id}`)).json();
    expect(body).toMatchObject({ treeSize: latest.treeSize, rootHash: latest.rootHash, checkpoint: { treeSize: latest.treeSize, note: latest.note } });
  });

  it('given from=0, when a consistency proof is asked, then 400 VALIDATION_FAILED (RFC 9162 defines none)', async () => {
    const res = await ledger.get('/api/audit/proofs/consistency?from=0&to=3');
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
  });

  it('given 300 events, when tiles are fetched, then full tiles are immutable, partial tiles hold the rest, and entries hash to level 0', async () => {
    while (((await ledger.get('/api/audit/checkpoints/latest')).json().treeSize as number) < 300) {
      for (let i = 0; i < 20; i++) await ledger.post('/api/events', lg(`0899${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`.slice(0, 6)));
      await ledger.post('/api/audit/checkpoints');
    }
    const size = (await ledger.get('/api/audit/checkpoints/latest')).json().treeSize as number;
    const full = await ledger.get('/tile/0/000');
    expect(full.statusCode).toBe(200);
    expect(full.headers['content-type']).toBe('application/octet-stream');
    expect(full.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(full.rawPayload).toHaveLength(256 * 32);
    const width = size % 256;
    const partial = await ledger.get(`/tile/0/001.p/${width}`);
    expect(partial.statusCode).toBe(200);
    expect(partial.rawPayload).toHaveLength(width * 32);
    expect(partial.headers['cache-control']).not.toContain('immutable');
    const level1 = await ledger.get('/tile/1/000.p/1');
    expect(level1.rawPayload).toEqual(merkleRoot(Array.from({ length: 256 }, (_, i) => Buffer.from(full.rawPayload.subarray(i * 32, i * 32 + 32)))));
    const entries = await ledger.get('/tile/entries/000');
    expect(entries.rawPayload).toHaveLength(256 * 34);
    for (let i = 0; i < 256; i++) {
      expect(entries.rawPayload.readUInt16BE(i * 34)).toBe(32);
      expect(toHex(leaf(entries.rawPayload.subarray(i * 34 + 2, i * 34 + 34)))).toBe(toHex(full.rawPayload.subarray(i * 32, i * 32 + 32)));
    }
    // What the tree does not hold yet, and spellings that are not canonical.
    expect((await ledger.get('/tile/0/002')).statusCode).toBe(404);
    expect((await ledger.get(`/tile/0/001.p/${(ledger.audit.log.size() % 256) + 1}`)).statusCode).toBe(404);
    for (const bad of ['/tile/0/0', '/tile/0/x000/001', '/tile/00/000', '/tile/0/000.p/256', '/tile/0/000.p/0', '/tile/64/000', '/tile/data/000']) {
      const res = await ledger.get(bad);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().code, bad).toBe('VALIDATION_FAILED');
    }
  });

  it('given a full tile, when it is served, then it is the stored subtrees read one by one, concatenated, at the cost of one node read', async () => {
    const nodes = ledger.audit.log.nodes;
    const before = nodes.nodeReads;
    const tile = await ledger.get('/tile/0/000');
    expect(tile.statusCode).toBe(200);
    expect(nodes.nodeReads - before).toBeLessThanOrEqual(1);
    // Hashes do not compress: sent as they are, even to a client that accepts brotli.
    const asked = await ledger.app.inject({ method: 'GET', url: '/tile/0/000', headers: { 'accept-encoding': 'br, gzip' } });
    expect(asked.headers['content-encoding']).toBeUndefined();
    expect(asked.rawPayload.equals(tile.rawPayload)).toBe(true);
    expect(tile.rawPayload.equals(Buffer.concat(Array.from({ length: 256 }, (_, i) => nodes.subtree(0, i))))).toBe(true);
  });

  it('given only part of the second tile, when the full tile is asked, then 404 until events complete it, and then the full tile, never the partial one', async () => {
    const partialWidth = ledger.audit.log.size() - 256;
    expect(partialWidth).toBeGreaterThan(0);
    expect(partialWidth).toBeLessThan(256);
    const partial = (await ledger.get(`/tile/0/001.p/${partialWidth}`)).rawPayload;
    expect((await ledger.get('/tile/0/001')).statusCode).toBe(404);
    // Recorded, then asked at once: the tile route catches the follower up with the store itself.
    let head = (await ledger.store.headPosition()) ?? 0n;
    for (let i = 0; head < 512n && i < 300; i++) {
      const res = await ledger.post('/api/events', lg(`08${50 + Math.floor(i / 99)}${String((i % 99) + 1).padStart(2, '0')}`));
      expect(res.statusCode, res.body).toBe(201);
      head = (await ledger.store.headPosition()) ?? 0n;
    }
    const full = await ledger.get('/tile/0/001');
    expect(full.statusCode).toBe(200);
    expect(full.rawPayload).toHaveLength(256 * 32);
    expect(full.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(full.rawPayload.subarray(0, partialWidth * 32).equals(partial)).toBe(true);
    expect(full.rawPayload.equals(Buffer.concat(Array.from({ length: 256 }, (_, i) => ledger.audit.log.nodes.subtree(0, 256 + i))))).toBe(true);
  });

  it('given a client that accepts brotli, when it asks for proofs, then they come as they are, byte for byte what any client is sent', async () => {
    // Against signed checkpoints, which the answers carry: well above the 1 KiB other JSON is compressed from.
    const e = (await ledger.get('/api/events?limit=1')).json().events[0];
    const checkpoints = (await ledger.get('/api/audit/checkpoints')).json().checkpoints as { treeSize: number }[];
    const [first, last] = [checkpoints[0]!.treeSize, checkpoints.at(-1)!.treeSize];
    for (const url of [`/api/audit/proofs/inclusion?eventId=${e.id}`, `/api/audit/proofs/consistency?from=${first}&to=${last}`]) {
      const plain = await ledger.get(url);
      const br = await ledger.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br, gzip' } });
      expect(plain.statusCode, url).toBe(200);
      expect(br.headers['content-encoding'], url).toBeUndefined();
      expect(plain.rawPayload.length, url).toBeGreaterThan(1024);
      expect(br.rawPayload.equals(plain.rawPayload), url).toBe(true);
    }
  });

  it('given events another process recorded, when a consistency proof up to the store’s head is asked at once, then the follower is caught up for it', async () => {
    const before = ledger.audit.log.size();
    // A second handle on the file, as another process: this server's follower hears of it only on its next poll.
    const other = SqliteEventStore.open(ledger.file);
    try {
      const record = createRecorder({ store: other, now: () => new Date(), newId: () => crypto.randomUUID() });
      for (let i = 0; i < 3; i++) await record({ events: [lg(`08${60 + i}01`)] }, { actor: 'other-process', role: 'registrar' });
    } finally {
      await other.close();
    }
    const head = Number(await ledger.store.headPosition());
    expect(head).toBe(before + 3);
    const res = await ledger.get(`/api/audit/proofs/consistency?from=${before}&to=${head}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ from: before, to: head, toRoot: ledger.audit.log.rootHex(head) });
  });
});

describe('an inclusion proof against a tree size the store holds but this server has not appended yet', () => {
  let ledger: AuditTestLedger;
  beforeAll(async () => {
    ledger = await startAuditTestLedger();
    await seedLedger(ledger.record, 'chumbivilcas-2018');
  });
  afterAll(async () => ledger.close());

  it('given events another process recorded, when an inclusion proof at the store’s new head is asked at once, then the follower is caught up for it', async () => {
    await ledger.audit.follower.sync();
    const e = (await ledger.get('/api/events?limit=1')).json().events[0];
    const before = ledger.audit.log.size();
    const other = SqliteEventStore.open(ledger.file);
    try {
      const record = createRecorder({ store: other, now: () => new Date(), newId: () => crypto.randomUUID() });
      for (let i = 0; i < 3; i++) await record({ events: [lg(`08${70 + i}01`)] }, { actor: 'other-process', role: 'registrar' });
    } finally {
      await other.close();
    }
    const head = Number(await ledger.store.headPosition());
    expect(head).toBe(before + 3);
    const res = await ledger.get(`/api/audit/proofs/inclusion?eventId=${e.id}&treeSize=${head}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ eventId: e.id, treeSize: head, rootHash: ledger.audit.log.rootHex(head), checkpoint: null });
  });
});
