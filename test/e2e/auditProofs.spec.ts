import { createPublicKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Checkpoint, verifyCheckpointSignature } from '../../src/audit/checkpoint.ts';
import { fromHex } from '../../src/audit/merkle.ts';
import { verifyConsistency, verifyInclusion } from '../../src/audit/merkleProofs.ts';
import { seedLedger } from '../../src/seed/seedLedger.ts';
import { startAuditTestLedger, type AuditTestLedger } from './support/auditTestLedger.ts';

const lg = (lgId: string, name: string) => ({ type: 'LocalGovernmentRegistered', data: { lgId, name, level: 'district', province: 'Chumbivilcas', department: 'Cusco' } });

describe('checkpoints and proofs over HTTP', () => {
  let ledger: AuditTestLedger;
  let first: Checkpoint & { eventId: string; position: string };
  let second: Checkpoint & { eventId: string; position: string };
  let publicKeyPem: string;

  beforeAll(async () => {
    ledger = await startAuditTestLedger();
    await seedLedger(ledger.record, 'chumbivilcas-2018');
    const made = await ledger.post('/api/audit/checkpoints');
    expect(made.statusCode).toBe(201);
    first = made.json();
    expect((await ledger.post('/api/events', lg('080799', 'Municipalidad de Ejemplo'))).statusCode).toBe(201);
    const again = await ledger.post('/api/audit/checkpoints');
    expect(again.statusCode).toBe(201);
    second = again.json();
    publicKeyPem = (await ledger.get('/api/audit/public-key')).json().publicKeyPem;
  });
  afterAll(async () => ledger.close());

  it('given the ledger key, when the public key is fetched, then it is Ed25519 PEM whose fingerprint names every checkpoint', async () => {
    const body = (await ledger.get('/api/audit/public-key')).json();
    expect(body).toMatchObject({ algorithm: 'Ed25519', fingerprint: ledger.audit.key.fingerprint });
    expect(createPublicKey(body.publicKeyPem).asymmetricKeyType).toBe('ed25519');
    expect(first.keyFingerprint).toBe(body.fingerprint);
    expect(verifyCheckpointSignature(first, body.publicKeyPem)).toBe(true);
    expect(verifyCheckpointSignature(second, body.publicKeyPem)).toBe(true);
  });

  it('given two checkpoints, when the first was signed, then it covers the whole seed and the second covers the first checkpoint event too', async () => {
    const head = Number(await ledger.store.headPosition());
    // The second covers everything before its own CheckpointSigned event: the seed, checkpoint 1, the new lg.
    expect(second.treeSize).toBe(first.treeSize + 2);
    expect(second.treeSize).toBe(head - 1);
    expect((await ledger.get('/api/audit/checkpoints/latest')).json()).toEqual(second);
  });

  it('given no event but checkpoints since the latest checkpoint, when one is requested, then the latest is returned with 200 and nothing is signed', async () => {
    const res = await ledger.post('/api/audit/checkpoints');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(second);
    expect((await ledger.get('/api/audit/checkpoints')).json().checkpoints).toHaveLength(2);
  });

  it('given no token or a bad one, when a checkpoint is requested, then 401 and nothing is signed', async () => {
    const before = (await ledger.get('/api/audit/checkpoints')).json().checkpoints.length;
    expect((await ledger.post('/api/audit/checkpoints', undefined, null)).json()).toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await ledger.post('/api/audit/checkpoints', undefined, 'wrong-token-0123456789')).statusCode).toBe(401);
    expect((await ledger.get('/api/audit/checkpoints')).json().checkpoints.length).toBe(before);
  });

  it('given an event, when its inclusion proof at a checkpoint is fetched, then verifyInclusion accepts it against that checkpoint root', async () => {
    const events = (await ledger.get('/api/events?limit=5')).json().events;
    const target = events[3];
    const res = await ledger.get(`/api/audit/proofs/inclusion?eventId=${target.id}&treeSize=${first.treeSize}`);
    expect(res.statusCode).toBe(200);
    const proof = res.json();
    expect(proof).toMatchObject({ eventId: target.id, leafIndex: 3, treeSize: first.treeSize, rootHash: first.rootHash, eventHash: target.hash });
    expect(proof.checkpoint).toEqual({ treeSize: first.treeSize, rootHash: first.rootHash, timestamp: first.timestamp, keyFingerprint: first.keyFingerprint, signature: first.signature, origin: first.origin, note: first.note });
    const path = proof.auditPath.map(fromHex);
    expect(path.length).toBeLessThanOrEqual(Math.ceil(Math.log2(first.treeSize)));
    expect(verifyInclusion(fromHex(proof.leafHash), proof.leafIndex, proof.treeSize, path, fromHex(first.rootHash))).toBe(true);
    // The same proof does not pass for a neighbouring leaf or another root.
    expect(verifyInclusion(fromHex(proof.leafHash), 4, proof.treeSize, path, fromHex(first.rootHash))).toBe(false);
    expect(verifyInclusion(fromHex(proof.leafHash), 3, proof.treeSize, path, fromHex(second.rootHash))).toBe(false);
  });

  it('given two checkpoints, when their consistency proof is fetched, then verifyConsistency accepts it and names both checkpoints', async () => {
    const res = await ledger.get(`/api/audit/proofs/consistency?from=${first.treeSize}&to=${second.treeSize}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ from: first.treeSize, to: second.treeSize, fromRoot: first.rootHash, toRoot: second.rootHash });
    expect(body.checkpoints.from.signature).toBe(first.signature);
    expect(body.checkpoints.to.signature).toBe(second.signature);
    expect(verifyConsistency(first.treeSize, second.treeSize, fromHex(first.rootHash), fromHex(second.rootHash), body.proof.map(fromHex))).toBe(true);
    expect(verifyConsistency(first.treeSize, second.treeSize, fromHex(second.rootHash), fromHex(first.rootHash), body.proof.map(fromHex))).toBe(false);
  });

  it('given sizes outside the tree or malformed, when proofs are asked, then 400 VALIDATION_FAILED, never a 500', async () => {
    const anEvent = (await ledger.get('/api/events?limit=1')).json().events[0];
    for (const url of [
      '/api/audit/proofs/consistency?from=5&to=3',
      '/api/audit/proofs/consistency?from=0&to=99999999',
      '/api/audit/proofs/consistency?from=-1&to=3',
      '/api/audit/proofs/consistency?from=abc&to=3',
      '/api/audit/proofs/consistency?from=1.5&to=3',
      '/api/audit/proofs/consistency?from=1&to=1e300',
      `/api/audit/proofs/inclusion?eventId=${anEvent.id}&treeSize=0`,
      `/api/audit/proofs/inclusion?eventId=${anEvent.id}&treeSize=99999999`,
      '/api/audit/proofs/inclusion?treeSize=3',
      '/api/audit/checkpoints?after=-2',
    ]) {
      const res = await ledger.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().code, url).toBe('VALIDATION_FAILED');
    }
    expect((await ledger.get('/api/audit/proofs/inclusion?eventId=00000000-0000-4000-8000-000000000000')).json().code).toBe('NOT_FOUND');
  });

  it('given checkpoints, when listed with after and limit, then pages of increasing tree size', async () => {
    const all = (await ledger.get('/api/audit/checkpoints')).json().checkpoints;
    expect(all).toHaveLength(2);
    const page = (await ledger.get('/api/audit/checkpoints?limit=1')).json();
    expect(page.checkpoints).toEqual([all[0]]);
    expect(page.next).toBe(all[0].treeSize);
    const rest = (await ledger.get(`/api/audit/checkpoints?after=${page.next}`)).json();
    expect(rest.checkpoints).toEqual(all.slice(1));
    expect(rest.next).toBeUndefined();
  });

  it('given an event, when read by id, then its provenance is the first checkpoint covering it with a proof that verifies', async () => {
    const events = (await ledger.get('/api/events?stream=lg-080799')).json().events;
    const res = (await ledger.get(`/api/events/${events[0].id}`)).json();
    expect(res).toMatchObject({ id: events[0].id, hash: events[0].hash, stream: 'lg-080799' });
    expect(res.provenance.checkpoint.treeSize).toBe(second.treeSize);
    const p = res.provenance.inclusionProof;
    expect(verifyInclusion(fromHex(p.leafHash), res.provenance.leafIndex, p.treeSize, p.auditPath.map(fromHex), fromHex(second.rootHash))).toBe(true);
    expect(verifyCheckpointSignature(res.provenance.checkpoint, publicKeyPem)).toBe(true);

    // An event of the seed is first covered by the first checkpoint.
    const seedEvent = (await ledger.get('/api/events?limit=1')).json().events[0];
    expect((await ledger.get(`/api/events/${seedEvent.id}`)).json().provenance.checkpoint.treeSize).toBe(first.treeSize);
  });

  it('given an event recorded after the latest checkpoint, when read by id, then provenance says no checkpoint covers it yet', async () => {
    const res = await ledger.post('/api/events', lg('080798', 'Municipalidad de Prueba'));
    const id = res.json().events[0].id;
    const body = (await ledger.get(`/api/events/${id}`)).json();
    expect(body.provenance).toMatchObject({ checkpoint: null, inclusionProof: null });
    expect(typeof body.provenance.leafIndex).toBe('number');
  });
});
