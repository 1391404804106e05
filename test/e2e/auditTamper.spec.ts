import { afterEach, describe, expect, it, vi } from 'vitest';
import { startAuditTestLedger, type AuditTestLedger } from './support/auditTestLedger.ts';
import { rehashStream, tamper } from './support/tamper.ts';

const lg = (lgId: string, name: string) => ({ type: 'LocalGovernmentRegistered', data: { lgId, name, level: 'district', province: 'Chumbivilcas', department: 'Cusco' } });
const term = (lgId: string) => ({ type: 'AuthorityTermStarted', data: { lgId, termId: '2015-2018', mayor: 'Alcalde (ilustrativo)', startedOn: '2015-01-01' } });


describe('tampering with the SQLite file underneath a running server', () => {
  let ledger: AuditTestLedger;
  /** An edit of events already verified is found by a full re-verification, which an auditor asks for. */
  const verifiedInFull = async () => {
    expect((await ledger.post('/api/audit/verifications')).statusCode).toBe(202);
    await vi.waitFor(async () => expect((await ledger.get('/api/audit/verify')).json().fullVerification.running).toBe(false), { timeout: 5000, interval: 20 });
    return (await ledger.get('/api/audit/verify')).json();
  };
  const open = async (options = {}) => {
    ledger = await startAuditTestLedger(options);
    for (const [id, name] of [['080707', 'Quiñota'], ['080708', 'Velille'], ['080706', 'Llusco']] as const) {
      expect((await ledger.post('/api/events', lg(id, `Municipalidad Distrital de ${name}`))).statusCode).toBe(201);
      expect((await ledger.post('/api/events', term(id))).statusCode).toBe(201);
    }
    await ledger.audit.follower.sync();
  };
  afterEach(async () => ledger?.close());

  it('given an untouched store, when reads are served, then no integrity header and health is not degraded', async () => {
    await open();
    expect((await ledger.get('/api/audit/verify')).json()).toMatchObject({ ok: true, checkedEvents: 6, leavesChecked: 6 });
    const read = await ledger.get('/api/local-governments');
    expect(read.headers['ledger-integrity']).toBeUndefined();
    expect((await ledger.get('/api/health')).json()).toMatchObject({ status: 'ok', degraded: false });
  });

  it('given a field changed with UPDATE, when /api/audit/verify runs, then HASH_MISMATCH is reported, reads carry the header and health is degraded', async () => {
    await open();
    tamper(ledger.file, (db) => db.prepare("UPDATE events SET data = replace(data, 'Velille', 'Velilla') WHERE position = 3").run());

    const report = (await verifiedInFull());
    expect(report).toMatchObject({ ok: false, firstInvalidPosition: '3' });
    expect(report.problems[0]).toMatchObject({ position: '3', kind: 'HASH_MISMATCH', stream: 'lg-080708' });

    const read = await ledger.get('/api/local-governments/080708');
    expect(read.statusCode).toBe(200);
    expect(read.headers['ledger-integrity']).toBe('corrupt; first-invalid-position=3');
    expect((await ledger.get('/api/events?limit=1')).headers['ledger-integrity']).toBe('corrupt; first-invalid-position=3');
    const health = (await ledger.get('/api/health')).json();
    expect(health).toMatchObject({ status: 'degraded', degraded: true });
    expect(health.problems).toContainEqual(expect.objectContaining({ source: 'chain', reason: expect.stringContaining('first invalid position 3') }));
  });

  it('given an edit re-hashed along its whole stream, when verified, then the chain passes but the Merkle leaves expose it (LEAF_MISMATCH)', async () => {
    await open();
    tamper(ledger.file, (db) => {
      db.prepare("UPDATE events SET data = replace(data, 'Quiñota', 'Quinota') WHERE position = 1").run();
      rehashStream(db, 'lg-080707');
    });
    const report = (await verifiedInFull());
    expect(report.ok).toBe(false);
    expect(report.problems.map((p: { kind: string }) => p.kind)).not.toContain('HASH_MISMATCH');
    expect(report.problems[0]).toMatchObject({ position: '1', kind: 'LEAF_MISMATCH' });
    expect(report.problems.map((p: { position: string }) => p.position)).toEqual(['1', '2']); // the event and its re-hashed successor
    expect((await ledger.get('/api/budget')).headers['ledger-integrity']).toBe('corrupt; first-invalid-position=1');
  });

  it('given the last event deleted, when verified, then EVENTS_MISSING names the event the Merkle log still holds', async () => {
    await open();
    const last = (await ledger.get('/api/events?after=5')).json().events[0];
    tamper(ledger.file, (db) => db.prepare('DELETE FROM events WHERE position = 6').run());
    const report = (await verifiedInFull());
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual(expect.objectContaining({ kind: 'EVENTS_MISSING', eventId: last.id, position: '6' }));
  });

  it('given an event deleted in the middle, when verified, then the stream gap and the shifted leaves are reported', async () => {
    await open();
    tamper(ledger.file, (db) => db.prepare('DELETE FROM events WHERE position = 3').run());
    const report = (await verifiedInFull());
    expect(report.ok).toBe(false);
    expect(report.firstInvalidPosition).toBe('4');
    expect(report.problems.map((p: { kind: string }) => p.kind)).toEqual(expect.arrayContaining(['REVISION_GAP', 'LEAF_MISMATCH']));
  });

  it('given two events swapped (their contents exchanged), when verified, then it is reported at the first of them', async () => {
    await open();
    tamper(ledger.file, (db) => {
      const cols = 'id, stream, revision, type, schema_version, data, recorded_at, actor, metadata, prev_hash, hash';
      const a = db.prepare(`SELECT ${cols} FROM events WHERE position = 3`).get() as Record<string, unknown>;
      const b = db.prepare(`SELECT ${cols} FROM events WHERE position = 5`).get() as Record<string, unknown>;
      const set = db.prepare(`UPDATE events SET id = @id, stream = @stream, revision = @revision, type = @type, schema_version = @schema_version, data = @data, recorded_at = @recorded_at, actor = @actor, metadata = @metadata, prev_hash = @prev_hash, hash = @hash WHERE position = @position`);
      db.transaction(() => {
        db.prepare("UPDATE events SET id = 'tmp-a', stream = 'tmp', revision = 1000 WHERE position = 3").run();
        db.prepare("UPDATE events SET id = 'tmp-b', stream = 'tmp', revision = 1001 WHERE position = 5").run();
        set.run({ ...b, position: 3 });
        set.run({ ...a, position: 5 });
      })();
    });
    const report = (await verifiedInFull());
    expect(report.ok).toBe(false);
    expect(report.firstInvalidPosition).toBe('3');
    expect(report.problems).toContainEqual(expect.objectContaining({ kind: 'LEAF_MISMATCH', position: '3' }));
  });

  it('given a forged event inserted with a made-up hash, when the follower appends its leaf, then health degrades without any verify call', async () => {
    await open();
    tamper(ledger.file, (db) =>
      db.prepare(`INSERT INTO events (id, stream, revision, type, schema_version, data, recorded_at, actor, metadata, prev_hash, hash)
                  VALUES ('forged-1', 'lg-080799', 0, 'LocalGovernmentRegistered', 1, '{"lgId":"080799"}', '2020-01-01T00:00:00.000Z', 'admin', '{}', ?, ?)`)
        .run('0'.repeat(64), 'a'.repeat(64)),
    );
    await vi.waitFor(() => expect(ledger.health.degraded).toBe(true), { timeout: 5000, interval: 20 });
    expect(ledger.audit.integrity.status()).toMatchObject({ corrupt: true, firstInvalidPosition: 7n });
    expect((await ledger.get('/api/local-governments')).headers['ledger-integrity']).toBe('corrupt; first-invalid-position=7');
  });

  it('given background re-verification, when the file is tampered, then the server notices on its own', async () => {
    await open({ verifyEveryMinutes: 0.002 }); // every 120 ms
    expect(ledger.health.degraded).toBe(false);
    tamper(ledger.file, (db) => db.prepare("UPDATE events SET actor = 'someone-else' WHERE position = 2").run());
    await vi.waitFor(() => expect(ledger.health.degraded).toBe(true), { timeout: 5000, interval: 20 });
    expect(ledger.health.list()).toContainEqual(expect.objectContaining({ source: 'chain' }));
    expect((await ledger.get('/api/health')).json().degraded).toBe(true);
  });

  it('given a tampered file, when the server restarts, then the start-up verification flags it before any request', async () => {
    await open();
    const dir = ledger.dir;
    await ledger.app.close();
    await ledger.audit.close();
    await ledger.store.close();
    tamper(`${dir}/ledger.sqlite`, (db) => db.prepare("UPDATE events SET data = replace(data, 'Llusco', 'Lusco') WHERE position = 5").run());
    ledger = await startAuditTestLedger({ dir });
    try {
      expect(ledger.audit.integrity.status()).toMatchObject({ corrupt: true, firstInvalidPosition: 5n });
      expect((await ledger.get('/api/health')).json().degraded).toBe(true);
    } finally {
      await ledger.close();
      (await import('node:fs')).rmSync(dir, { recursive: true, force: true });
    }
  });

  it('given the edit undone, when verified again, then the header and the degraded flag are gone', async () => {
    await open();
    tamper(ledger.file, (db) => db.prepare("UPDATE events SET data = replace(data, 'Velille', 'Velilla') WHERE position = 3").run());
    expect((await verifiedInFull()).ok).toBe(false);
    tamper(ledger.file, (db) => db.prepare("UPDATE events SET data = replace(data, 'Velilla', 'Velille') WHERE position = 3").run());
    expect((await verifiedInFull()).ok).toBe(true);
    expect((await ledger.get('/api/local-governments')).headers['ledger-integrity']).toBeUndefined();
    expect((await ledger.get('/api/health')).json()).toMatchObject({ degraded: false });
  });

  it('given a checkpoint whose root was altered in the file, when verified, then the checkpoint event fails its hash', async () => {
    await open();
    const cp = (await ledger.post('/api/audit/checkpoints')).json();
    tamper(ledger.file, (db) => db.prepare('UPDATE events SET data = json_set(data, \'$.rootHash\', ?) WHERE id = ?').run('b'.repeat(64), cp.eventId));
    const report = (await verifiedInFull());
    expect(report.problems).toContainEqual(expect.objectContaining({ kind: 'HASH_MISMATCH', position: cp.position, stream: 'audit-checkpoints' }));
  });
});
