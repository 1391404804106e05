import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportLedgerBundle } from '../../src/audit/bundle/exportLedgerBundle.ts';
import { countBundlePersonalData } from '../../src/audit/bundle/personalDataCount.ts';
import { verifyBundle } from '../../src/audit/bundle/verifyBundle.ts';
import { verifyChain } from '../../src/audit/verifyChain.ts';
import { isSealedValue } from '../../src/domain/personalText.ts';
import { seedLedger } from '../../src/seed/seedLedger.ts';
import { filesUnder, searchFiles, startPersonalDataLedger, type PersonalDataLedger } from './support/personalDataLedger.ts';

const ZOILA = 'Zoila Verificable Quispe';
const SUBJECT = 'persona-0001';
const QUINOTA = '080707';
const TR = 'tr-080707-2022';
const TR_OTHER = 'tr-080702-2022';
const WITHHELD = '[dato personal]';
const ERASED = '[dato personal suprimido]';
const needles = [Buffer.from(ZOILA, 'utf8'), Buffer.from(ZOILA, 'utf16le'), Buffer.from('Verificable', 'utf8'), Buffer.from('Verificable', 'utf16le')];

const formed = (transitionId: string, lgId: string, incoming: unknown) => ({
  type: 'TransitionCommissionFormed',
  data: {
    transitionId, lgId, outgoingTermId: '2019-2022', incomingTermId: '2023-2026', formedOn: '2022-11-02',
    members: [{ name: 'Ana Saliente Ilustrativa', role: 'presidenta (funcionaria)', side: 'outgoing' }, { name: incoming, role: 'miembro (ciudadana)', side: 'incoming' }],
  },
});
const signed = { type: 'HandoverActSigned', data: { transitionId: TR, signatories: [{ subjectId: SUBJECT, value: ZOILA }, 'Ana Saliente Ilustrativa'], signedOn: '2022-12-20' } };
const erasure = { subjectId: SUBJECT, requestedBy: 'titular de los datos', legalBasis: 'Ley N° 29733, art. 20', erasedOn: '2026-12-01' };

describe('personal data: sealed on the write path, revealed per reader, erased without breaking a proof', () => {
  let l: PersonalDataLedger;
  let formedId: string;
  let bundleRoot: string;
  const dossierMember = async (token?: string) => (await l.request('GET', `/api/transitions/${TR}`, token)).json().commission.incoming[0].name;

  beforeAll(async () => {
    l = await startPersonalDataLedger();
    bundleRoot = mkdtempSync(join(tmpdir(), 'ledger-pd-bundle-'));
    await seedLedger(l.ledger.record, 'chumbivilcas-2018');
    const r = await l.request('POST', '/api/events', l.tokens.admin, formed(TR, QUINOTA, { subjectId: SUBJECT, value: ZOILA }));
    expect(r.statusCode, r.body).toBe(201);
    formedId = r.json().events[0].id;
    expect((await l.request('POST', '/api/events', l.tokens.admin, formed(TR_OTHER, '080702', 'Luis Huamán'))).statusCode).toBe(201);
    const act = await l.request('POST', '/api/events', l.tokens.admin, signed);
    expect(act.statusCode, act.body).toBe(201);
    await l.grant('comision-quinota', 'commission', { lgId: QUINOTA, transitionIds: [TR] });
    await l.grant('comision-otra', 'commission', { lgId: '080702', transitionIds: [TR_OTHER] });
    await l.grant('contraloria', 'auditor');
    await l.grant('odp-municipal', 'data-protection-officer');
  }, 60_000);
  afterAll(async () => {
    await l.close();
    rmSync(bundleRoot, { recursive: true, force: true });
  });

  it('given a name with its subject, when it is recorded, then the store holds AES-256-GCM ciphertext and the hash covers that ciphertext', async () => {
    const stored = await l.ledger.store.getEvent(formedId);
    const member = (stored!.data as { members: { name: unknown }[] }).members[1]!.name;
    expect(member).toMatchObject({ sealed: 'aes-256-gcm', subjectId: SUBJECT, eventId: formedId, field: 'members/1/name' });
    // A bare name is sealed too, under a subject of its own.
    expect(isSealedValue((stored!.data as { members: { name: unknown }[] }).members[0]!.name)).toBe(true);
    expect(stored!.schemaVersion).toBe(2);
    expect((await verifyChain(l.ledger.store.readAll())).ok).toBe(true);
    expect(searchFiles(filesUnder(l.dir), needles), 'no file of the data directory holds the plaintext, before any erasure either').toEqual([]);
  });

  it('given the dossier, when read anonymously, by another commission, by its commission and by an auditor, then only the last two see the name', async () => {
    expect(await dossierMember()).toBe(WITHHELD);
    expect(await dossierMember(l.tokens['comision-otra'])).toBe(WITHHELD);
    expect(await dossierMember(l.tokens['comision-quinota'])).toBe(ZOILA);
    expect(await dossierMember(l.tokens.contraloria)).toBe(ZOILA);
    const event = await l.request('GET', `/api/events/${formedId}`);
    expect(event.json().data.members[1].name).toBe(WITHHELD);
    expect(event.headers['cache-control']).toContain('private');
    const page = await l.request('GET', `/transiciones/${TR}`);
    expect(page.body).toContain(WITHHELD);
    expect(page.body).not.toContain('Verificable');
    // Signed in, the commission's own page shows the name.
    const signIn = await l.app.inject({
      method: 'POST', url: '/ingresar',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      payload: new URLSearchParams({ token: l.tokens['comision-quinota']!, returnTo: '/' }).toString(),
    });
    expect(signIn.statusCode).toBe(303);
    const session = signIn.cookies.map((c) => ({ [c.name]: c.value })).reduce((a, b) => ({ ...a, ...b }), {});
    const signedIn = await l.app.inject({ method: 'GET', url: `/transiciones/${TR}`, cookies: session });
    expect(signedIn.body).toContain(ZOILA);
    const report = await l.request('GET', `/api/transitions/${TR}/report`);
    expect(report.body).toContain(WITHHELD);
    expect(report.body).not.toContain('Verificable');
    // The act's row of the timeline names its signatories too: revealed, never "[object Object]".
    const audited = (await l.request('GET', `/api/transitions/${TR}/report`, l.tokens.contraloria)).body;
    expect(audited).toContain(`${ZOILA}, Ana Saliente Ilustrativa`);
    expect(audited + report.body).not.toContain('[object Object]');
  });

  it('given the dossier read first by its commission, when it is read again anonymously, then no kept answer reveals the name', async () => {
    expect(await dossierMember(l.tokens['comision-quinota'])).toBe(ZOILA);
    const anonymous = await l.request('GET', `/api/transitions/${TR}`);
    expect(anonymous.json().commission.incoming[0].name).toBe(WITHHELD);
    expect(anonymous.headers.etag).toBeUndefined();
    expect(anonymous.headers['cache-control']).toBe('private, no-store');
  });

  it('given the disk search, when a file holds the name in UTF-8 or UTF-16LE, then it finds it (the instrument works)', () => {
    const control = join(bundleRoot, 'control.bin');
    writeFileSync(control, Buffer.concat([Buffer.from('x'), Buffer.from(ZOILA, 'utf16le'), Buffer.from(ZOILA, 'utf8')]));
    expect(searchFiles([control], needles)).toEqual([{ file: control, hits: 4 }]);
    rmSync(control);
  });

  it('given a sealed value sent by a client, when it is submitted, then 400 and nothing is written', async () => {
    const stored = await l.ledger.store.getEvent(formedId);
    const sealed = (stored!.data as { members: { name: unknown }[] }).members[1]!.name;
    const r = await l.request('POST', '/api/events', l.tokens.admin, formed('tr-080707-2022b', QUINOTA, sealed));
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('given the officer looking for a person, when it lists the personal values, then it finds the subject ids and the names; a commission may not list', async () => {
    const listed = await l.request('GET', '/api/personal-data/values', l.tokens['odp-municipal']);
    expect(listed.statusCode).toBe(200);
    const zoila = listed.json().values.filter((v: { value: string }) => v.value === ZOILA);
    expect(zoila.map((v: { subjectId: string; field: string }) => [v.subjectId, v.field])).toEqual([[SUBJECT, 'members/1/name'], [SUBJECT, 'signatories/0']]);
    expect((await l.request('GET', `/api/personal-data/values?subjectId=${SUBJECT}`, l.tokens['odp-municipal'])).json().values).toHaveLength(2);
    expect((await l.request('GET', '/api/personal-data/values', l.tokens['comision-quinota'])).json()).toMatchObject({ code: 'FORBIDDEN', missingScope: 'role:data-protection-officer' });
  });

  it('given a commission token, when it asks for an erasure, then 403: only the data-protection officer (or the registrar) erases', async () => {
    const r = await l.request('POST', '/api/personal-data/erasures', l.tokens['comision-quinota'], erasure);
    expect(r.statusCode).toBe(403);
  });

  describe('after the data-protection officer erases the subject', () => {
    let keyBytes: Buffer;
    let checkpointBefore: { treeSize: number };

    beforeAll(async () => {
      const key = l.ledger.vault.keys.get(SUBJECT);
      if (key.kind !== 'key') throw new Error('the subject has a key before its erasure');
      keyBytes = Buffer.from(key.key);
      const cp = await l.request('POST', '/api/audit/checkpoints', l.tokens.admin);
      expect(cp.statusCode).toBe(201);
      checkpointBefore = cp.json();
      const r = await l.request('POST', '/api/personal-data/erasures', l.tokens['odp-municipal'], erasure);
      expect(r.statusCode, r.body).toBe(201);
      const stored = await l.ledger.store.getEvent(r.json().events[0].id);
      expect(stored).toMatchObject({ actor: 'odp-municipal', stream: `personal-data-${SUBJECT}`, metadata: { role: 'data-protection-officer' } });
    }, 60_000);

    it('then every reader, the auditor too, sees [dato personal suprimido] in the dossier, the event and the report', async () => {
      for (const token of [undefined, l.tokens['comision-quinota'], l.tokens.contraloria]) expect(await dossierMember(token)).toBe(ERASED);
      const dossier = (await l.request('GET', `/api/transitions/${TR}`, l.tokens.contraloria)).json();
      expect(dossier.act.signatories).toEqual([ERASED, 'Ana Saliente Ilustrativa']);
      expect((await l.request('GET', `/api/events/${formedId}`, l.tokens.contraloria)).json().data.members[1].name).toBe(ERASED);
      const report = await l.request('GET', `/api/transitions/${TR}/report`, l.tokens.contraloria);
      expect(report.statusCode).toBe(200);
      expect(report.body).toContain(ERASED);
      expect(report.body).not.toContain('Verificable');
    });

    it('then the web page shows the placeholder', async () => {
      const page = await l.request('GET', `/transiciones/${TR}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(ERASED);
      expect(page.body).not.toContain('Verificable');
    });

    it('then a new value for the erased subject is refused: its key is never made again', async () => {
      const r = await l.request('POST', '/api/events', l.tokens.admin, formed('tr-080707-2022c', QUINOTA, { subjectId: SUBJECT, value: ZOILA }));
      expect(r.statusCode).toBe(400);
      expect(JSON.stringify(r.json())).toContain('was erased');
    });

    it('then the chain, the checkpoint signed before the erasure and an exported bundle still verify, and the bundle counts the erased values', async () => {
      expect((await verifyChain(l.ledger.store.readAll())).ok).toBe(true);
      const integrity = await l.request('GET', '/api/audit/verify');
      expect(integrity.json()).toMatchObject({ ok: true });
      expect((await l.request('POST', '/api/audit/checkpoints', l.tokens.admin)).statusCode).toBe(201);
      const bundle = join(bundleRoot, 'bundle');
      await exportLedgerBundle(l.ledger.store, bundle, { dataDir: l.dir });
      const report = await verifyBundle(bundle);
      expect(report.ok, JSON.stringify(report.failures)).toBe(true);
      expect(report.checkpointsChecked).toBeGreaterThanOrEqual(2);
      expect(checkpointBefore.treeSize).toBeGreaterThan(0);
      expect(await countBundlePersonalData(bundle)).toMatchObject({ erasedValues: 2, erasures: 1 });
      expect(searchFiles(filesUnder(bundle), needles)).toEqual([]);
      // The CLI: exit 0, and the erased values counted, not failed.
      const cli = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/main.ts', 'verify-bundle', bundle, '--json'], { env: { ...process.env, LOG_LEVEL: 'silent' } });
      expect(JSON.parse(cli.stdout)).toMatchObject({ ok: true, personalData: { erasedValues: 2, erasures: 1 } });
    });

    it('then, after the ledger stops, no file under the data directory holds the name (UTF-8 or UTF-16LE) or the destroyed key; after a restart the replay still verifies', async () => {
      await l.stop();
      const files = filesUnder(l.dir);
      expect(files.map((f) => f.slice(l.dir.length + 1)).sort()).toEqual(expect.arrayContaining(['ledger.sqlite', 'personal-data-keys.sqlite', 'read-index.sqlite', 'audit.sqlite']));
      expect(searchFiles(files, needles)).toEqual([]);
      expect(searchFiles(files, [keyBytes]), 'the destroyed key').toEqual([]);
      console.log(`disk search after erasure: ${files.length} files, ${files.reduce((n, f) => n + statSync(f).size, 0)} bytes, ${needles.length} needles, 0 hits; key bytes: 0 hits`);

      const again = await startPersonalDataLedger(l.dir);
      try {
        expect((await verifyChain(again.ledger.store.readAll())).ok).toBe(true);
        expect((await again.request('GET', `/api/transitions/${TR}`, again.tokens.admin)).json().commission.incoming[0].name).toBe(ERASED);
      } finally {
        await again.stop();
      }
    });
  });
});
