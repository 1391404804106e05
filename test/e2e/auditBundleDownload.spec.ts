import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extract } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../src/audit/bundle/verifyBundle.ts';
import { seedLedger } from '../../src/seed/seedLedger.ts';
import { startAuditTestLedger, type AuditTestLedger } from './support/auditTestLedger.ts';

describe('GET /api/audit/bundle', () => {
  let ledger: AuditTestLedger;
  let dir: string;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-download-'));
    ledger = await startAuditTestLedger();
    await seedLedger(ledger.record, 'chumbivilcas-2018');
    await ledger.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(ledger.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given no checkpoint yet, when the bundle is asked, then 404 NOT_FOUND', async () => {
    const res = await fetch(`${base}/api/audit/bundle`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: string }).code).toBe('NOT_FOUND');
  });

  it('given a checkpoint and later writes, when downloaded and extracted, then verify-bundle passes strictly with the published vkey, and the download signed nothing', async () => {
    const cp = (await ledger.post('/api/audit/checkpoints')).json();
    await ledger.post('/api/events', { type: 'LocalGovernmentRegistered', data: { lgId: '080799', name: 'Municipalidad de Ejemplo', level: 'district', province: 'Chumbivilcas', department: 'Cusco' } });
    const before = (await ledger.get('/api/audit/checkpoints')).json().checkpoints.length;
    const res = await fetch(`${base}/api/audit/bundle`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/gzip');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="transition-ledger-bundle-${cp.treeSize}.tar.gz"`);
    const file = join(dir, 'bundle.tar.gz');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    await extract({ file, cwd: dir });
    const { verifierKey } = (await ledger.get('/api/audit/public-key')).json();
    const report = await verifyBundle(join(dir, `transition-ledger-bundle-${cp.treeSize}`), { expectedVerifierKey: verifierKey });
    expect(report.failures).toEqual([]);
    expect(report).toMatchObject({ ok: true, eventsChecked: cp.treeSize, uncheckpointedEvents: 0 });
    expect((await ledger.get('/api/audit/checkpoints')).json().checkpoints.length).toBe(before);
  });

  it('given several downloads of one state at once, then they get the same bytes (one build, then the cached archive)', async () => {
    const bodies = await Promise.all([1, 2, 3].map(async () => Buffer.from(await (await fetch(`${base}/api/audit/bundle`)).arrayBuffer())));
    expect(bodies[0]!.length).toBeGreaterThan(1000);
    expect(bodies[1]!.equals(bodies[0]!) && bodies[2]!.equals(bodies[0]!)).toBe(true);
  });
});
