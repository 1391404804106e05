import { createHash } from 'node:crypto';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentStore } from '../../src/documents/documentStore.ts';
import { runLedgerCli } from '../support/ledgerCli.ts';
import { document, ettsDesignated, quinota2026, transferReportFiled, transitionOpened, ALL_SECTIONS, TRANSFER } from '../unit/domain/transferFixtures.ts';
import { startPersonalDataLedger, type PersonalDataLedger } from './support/personalDataLedger.ts';

/** Issue 13, "Documents as evidence": a filed document's file kept under its SHA-256, served back, and the filings that cite it. */
const pdf = Buffer.from('%PDF-1.7\n% Resolución de Alcaldía N° 101-2026-MDQ (ilustrativo)\n%%EOF\n', 'utf8');
const SHA = createHash('sha256').update(pdf).digest('hex');
const PORTAL = 'https://www.muniquinota.gob.pe/transparencia/resolucion-101-2026.pdf';

describe('documents as evidence over HTTP, on a real SQLite ledger and data directory', () => {
  let l: PersonalDataLedger;
  const put = (sha: string, body: Buffer, token: string | undefined = l.tokens.admin, type = 'application/pdf') =>
    l.app.inject({ method: 'PUT', url: `/api/documents/${sha}`, headers: { 'content-type': type, ...(token && { authorization: `Bearer ${token}` }) }, payload: body });
  const keptFiles = () => {
    const root = join(l.dir, 'documents', 'sha256');
    try {
      return readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(root, f)).isFile());
    } catch {
      return [];
    }
  };

  beforeAll(async () => {
    l = await startPersonalDataLedger();
    for (const event of quinota2026()) expect((await l.request('POST', '/api/events', l.tokens.admin, event)).statusCode).toBe(201);
    expect((await l.request('POST', '/api/events', l.tokens.admin, transitionOpened())).statusCode).toBe(201);
    const instrument = document('Resolución de Alcaldía N° 101-2026-MDQ', { sha256: SHA, sizeBytes: pdf.length, publishedAt: PORTAL });
    expect((await l.request('POST', '/api/events', l.tokens.admin, ettsDesignated({ instrument }))).statusCode).toBe(201);
    // The same file is also attached to section V of the transfer report: one digest, two citations.
    const sections = ALL_SECTIONS.map((s) => (s.section === 'V' ? { ...s, documents: [instrument] } : s));
    const report = await l.request('POST', '/api/events', l.tokens.admin, transferReportFiled({ sections }));
    expect(report.statusCode, report.body).toBe(201);
    await l.grant('comision-quinota', 'commission', { lgId: '080707', transitionIds: [TRANSFER] });
    await l.grant('contraloria', 'auditor');
  }, 60_000);
  afterAll(async () => l.close());

  it('given a file whose bytes hash to the URL, when a commission PUTs it, then 201, it is kept 0600 under documents/sha256/ab/, and a second PUT is 200 with nothing new', async () => {
    const first = await put(SHA, pdf, l.tokens['comision-quinota']);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toEqual({ sha256: SHA, sizeBytes: pdf.length });
    expect(keptFiles()).toEqual([join(SHA.slice(0, 2), SHA)]);
    expect(statSync(join(l.dir, 'documents', 'sha256', SHA.slice(0, 2), SHA)).mode & 0o777).toBe(0o600);
    const again = await put(SHA, pdf);
    expect(again.statusCode).toBe(200);
    expect(keptFiles()).toHaveLength(1);
  });

  it('given a kept file, when it is read, then the same bytes, a strong ETag that is its digest, immutable, a 304 on revalidation, and HEAD gives the length', async () => {
    const got = await l.app.inject({ method: 'GET', url: `/api/documents/${SHA}` });
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(pdf)).toBe(true);
    expect(got.headers).toMatchObject({ etag: `"${SHA}"`, 'content-type': 'application/pdf', 'cache-control': 'public, max-age=31536000, immutable' });
    expect(String(got.headers['content-disposition'])).toMatch(/^attachment/);
    const revalidated = await l.app.inject({ method: 'GET', url: `/api/documents/${SHA}`, headers: { 'if-none-match': `"${SHA}"` } });
    expect(revalidated.statusCode).toBe(304);
    const head = await l.app.inject({ method: 'HEAD', url: `/api/documents/${SHA}` });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-length']).toBe(String(pdf.length));
    expect(head.rawPayload.length).toBe(0);
  });

  it('given bytes that do not hash to the URL, when PUT, then 422 DOCUMENT_DIGEST_MISMATCH with the actual digest, and nothing is kept', async () => {
    const other = 'a'.repeat(64);
    const r = await put(other, pdf);
    expect(r.statusCode).toBe(422);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(r.json()).toMatchObject({ code: 'DOCUMENT_DIGEST_MISMATCH', expected: other, actual: SHA, sizeBytes: pdf.length });
    expect(keptFiles()).toHaveLength(1);
    expect((await l.app.inject({ method: 'GET', url: `/api/documents/${other}` })).json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('given a file over LEDGER_DOCUMENT_MAX_BYTES, when PUT, then 413 DOCUMENT_TOO_LARGE, declared or counted while streaming, and nothing is kept, no temporary file either', async () => {
    const big = Buffer.alloc(2048, 1);
    const sha = createHash('sha256').update(big).digest('hex');
    const store = new DocumentStore(join(l.dir, 'documents', 'sha256'), 1024);
    await expect(store.put(sha, [big], big.length)).rejects.toMatchObject({ code: 'DOCUMENT_TOO_LARGE', details: { maxBytes: 1024 } });
    // Undeclared (chunked): counted while it streams, and stopped at the limit.
    await expect(store.put(sha, [big.subarray(0, 1000), big.subarray(1000)])).rejects.toMatchObject({ code: 'DOCUMENT_TOO_LARGE' });
    expect(keptFiles()).toHaveLength(1);
    const huge = await l.app.inject({ method: 'PUT', url: `/api/documents/${sha}`, headers: { 'content-type': 'application/octet-stream', 'content-length': String(21 * 1024 * 1024), authorization: `Bearer ${l.tokens.admin}` }, payload: big });
    expect([413]).toContain(huge.statusCode);
    expect(huge.json()).toMatchObject({ code: 'DOCUMENT_TOO_LARGE', maxBytes: 20 * 1024 * 1024 });
  });

  it('given a chunked upload over the limit on a real socket, when PUT, then the client reads 413 DOCUMENT_TOO_LARGE, nothing is kept and the server still answers', async () => {
    const url = await l.app.listen({ port: 0, host: '127.0.0.1' });
    const chunk = Buffer.alloc(1024 * 1024, 7);
    const upload = (headers: Record<string, string>) => {
      let sent = 0;
      const body = new ReadableStream({ pull: (c) => (sent++ < 21 ? c.enqueue(chunk) : c.close()) });
      return fetch(`${url}/api/documents/${'c'.repeat(64)}`, { method: 'PUT', headers: { 'content-type': 'application/octet-stream', ...headers }, body, duplex: 'half' } as RequestInit);
    };
    const r = await upload({ authorization: `Bearer ${l.tokens.admin}` });
    expect(r.status).toBe(413);
    expect(await r.json()).toMatchObject({ code: 'DOCUMENT_TOO_LARGE' });
    // Refused before any byte is read: the connection closes too, so a stop is not held up by the rest of the upload (the next test stops the server).
    expect((await upload({})).status).toBe(401);
    expect(keptFiles()).toHaveLength(1);
    expect((await fetch(`${url}/api/documents/${SHA}/filings`)).status).toBe(200);
  });

  it('given a malformed digest, no credential, an auditor, an empty or a JSON body, when PUT, then 400 naming the field, 401, 403, 400, 400, and nothing is kept', async () => {
    const upper = await put(SHA.toUpperCase(), pdf);
    expect(upper.statusCode).toBe(400);
    expect(upper.json().errors).toEqual([expect.objectContaining({ path: 'params/sha256' })]);
    expect((await put(SHA, pdf, '')).json()).toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await put(SHA, pdf, l.tokens.contraloria)).json()).toMatchObject({ code: 'FORBIDDEN', missingScope: 'documents:keep' });
    const empty = createHash('sha256').update(Buffer.alloc(0)).digest('hex');
    expect((await put(empty, Buffer.alloc(0))).json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'body' }] });
    expect((await put(SHA, Buffer.from('{}'), l.tokens.admin, 'application/json')).json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'headers/content-type' }] });
    expect(keptFiles()).toHaveLength(1);
  });

  it('given a digest two filings cite, when its filings are asked for, then both in log order with transition, event, position, field and title; an unknown digest has none', async () => {
    const r = await l.app.inject({ method: 'GET', url: `/api/documents/${SHA}/filings` });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({ sha256: SHA, kept: true });
    expect(body.filings.map((f: { eventType: string; field: string }) => [f.eventType, f.field])).toEqual([
      ['TransferTeamDesignated', 'instrument'],
      ['TransferReportFiled', 'sections/4/documents/0'],
    ]);
    expect(body.filings[0]).toMatchObject({ transitionId: TRANSFER, lgId: '080707', title: 'Resolución de Alcaldía N° 101-2026-MDQ', sizeBytes: pdf.length, publishedAt: PORTAL });
    expect(BigInt(body.filings[0].position)).toBeLessThan(BigInt(body.filings[1].position));
    // As known before the report: one filing.
    const before = await l.app.inject({ method: 'GET', url: `/api/documents/${SHA}/filings?atPosition=${body.filings[0].position}` });
    expect(before.json().filings).toHaveLength(1);
    expect((await l.app.inject({ method: 'GET', url: `/api/documents/${'b'.repeat(64)}/filings` })).json()).toEqual({ sha256: 'b'.repeat(64), kept: false, filings: [] });
  });

  it('given the ledger stopped, when check-document is run on the recorded file and on another, then it prints the digest, size and filings and exits 0, and exits 1 for the other', async () => {
    await l.stop();
    const file = join(l.dir, 'downloaded.pdf');
    writeFileSync(file, pdf);
    const ok = await runLedgerCli(['check-document', file], { LEDGER_DATA_DIR: l.dir });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`${SHA}  ${file}`);
    expect(ok.stdout).toContain(`${pdf.length} bytes; this ledger keeps the file`);
    expect(ok.stdout).toMatch(/TransferTeamDesignated of transition tr-080707-2026 \(lg 080707\), instrument: "Resolución de Alcaldía N° 101-2026-MDQ"/);
    const other = join(l.dir, 'other.pdf');
    writeFileSync(other, Buffer.concat([pdf, Buffer.from(' ')]));
    const no = await runLedgerCli(['check-document', other, '--json'], { LEDGER_DATA_DIR: l.dir });
    expect(no.code).toBe(1);
    expect(JSON.parse(no.stdout)).toMatchObject({ sizeBytes: pdf.length + 1, kept: false, filings: [] });
    expect((await runLedgerCli(['check-document', join(l.dir, 'missing.pdf')], { LEDGER_DATA_DIR: l.dir })).code).not.toBe(0);
  }, 120_000);
});
