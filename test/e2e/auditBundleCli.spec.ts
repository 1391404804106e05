import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLedger } from '../../src/seed/seedLedger.ts';
import { startAuditTestLedger } from './support/auditTestLedger.ts';
import { rehashStream, tamper } from './support/tamper.ts';

const run = promisify(execFile);

/** Runs the CLI as a child process; resolves with its exit code and output, whatever the code. */
const cli = (dataDir: string, args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], { env: { ...process.env, LEDGER_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, maxBuffer: 64 * 1024 * 1024 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

describe('export --bundle and verify-bundle through the CLI', () => {
  let root: string;
  let dataDir: string;
  let fingerprint: string;
  let bundle: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ledger-bundle-cli-'));
    dataDir = join(root, 'data');
    // A server's life: the demo recorded, a checkpoint, more facts, another checkpoint, a fact after it.
    const ledger = await startAuditTestLedger({ dir: dataDir });
    await seedLedger(ledger.record, 'chumbivilcas-2018');
    expect((await ledger.post('/api/audit/checkpoints')).statusCode).toBe(201);
    const lg = { type: 'LocalGovernmentRegistered', data: { lgId: '080799', name: 'Municipalidad de Ejemplo', level: 'district', province: 'Chumbivilcas', department: 'Cusco' } };
    expect((await ledger.post('/api/events', lg)).statusCode).toBe(201);
    expect((await ledger.post('/api/audit/checkpoints')).statusCode).toBe(201);
    expect((await ledger.post('/api/events', { ...lg, data: { ...lg.data, lgId: '080798' } })).statusCode).toBe(201);
    fingerprint = ledger.audit.key.fingerprint;
    await ledger.close();

    bundle = join(root, 'bundle');
    const exported = await cli(dataDir, ['export', '--bundle', bundle]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain(`key ${fingerprint}`);
  }, 60_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** A copy of the clean bundle with events.jsonl rewritten by `edit`. */
  const tamperedCopy = (name: string, edit: (lines: string[]) => string[]) => {
    const dir = join(root, name);
    return run('cp', ['-r', bundle, dir]).then(() => {
      const file = join(dir, 'events.jsonl');
      const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
      writeFileSync(file, `${edit(lines).join('\n')}\n`);
      return dir;
    });
  };

  it('given a clean bundle and the published fingerprint, when verified, then OK, exit 0, and no tail: export signed a checkpoint covering it all', async () => {
    const result = await cli(root, ['verify-bundle', bundle, '--expect-key-fingerprint', fingerprint]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Bundle verified: OK');
    expect(result.stdout).toMatch(/checkpoints checked: 3/);
    expect(result.stdout).not.toContain('not yet checkpointed');
  });

  it('given trusted checkpoints, a pinned vkey and a witness with no cosignature, when verified through the CLI, then the first two pass and the quorum fails', async () => {
    const cps = JSON.parse(readFileSync(join(bundle, 'checkpoints.json'), 'utf8')) as { note: string; origin: string }[];
    const files = cps.slice(0, 2).map((c, i) => {
      const f = join(root, `trusted-${i}.note`);
      writeFileSync(f, c.note);
      return f;
    });
    const pem = readFileSync(join(bundle, 'public-key.pem'), 'utf8');
    const { verifierKey } = await import('../../src/audit/note/signedNote.ts');
    const { createPublicKey } = await import('node:crypto');
    const vkey = verifierKey(cps[0]!.origin, createPublicKey(pem)).vkey;
    const ok = await cli(root, ['verify-bundle', bundle, '--expect-verifier-key', vkey, ...files.flatMap((f) => ['--trusted-checkpoint', f])]);
    expect(ok.code, ok.stdout).toBe(0);
    expect(ok.stdout).toContain('trusted checkpoints: 2');
    const witness = verifierKey('testigo.example/w', createPublicKey(pem), 0x04).vkey;
    const quorum = await cli(root, ['verify-bundle', bundle, '--witness', witness, '--quorum', '1']);
    expect(quorum.code).toBe(1);
    expect(quorum.stdout).toContain('QUORUM_NOT_MET');
  });

  it('given a clean bundle, when verified with --json, then the report is JSON with ok true', async () => {
    const result = await cli(root, ['verify-bundle', bundle, '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ ok: true, checkpointsChecked: 3, keyFingerprint: fingerprint, failureCount: 0, uncheckpointedEvents: 0 });
    expect(report.eventsChecked).toBeGreaterThan(100);
  });

  it('given another fingerprint expected, when verified, then BAD_SIGNATURE and exit 1', async () => {
    const result = await cli(root, ['verify-bundle', bundle, '--expect-key-fingerprint', 'f'.repeat(64)]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('First failure: BAD_SIGNATURE');
  });

  it('given a field changed in events.jsonl, when verified, then HASH_MISMATCH at that event and exit 1', async () => {
    const dir = await tamperedCopy('edited', (lines) => lines.map((l, i) => (i === 10 ? l.replace(/"actor":"[^"]*"/, '"actor":"intruso"') : l)));
    const line = JSON.parse(readFileSync(join(bundle, 'events.jsonl'), 'utf8').split('\n')[10]!);
    const result = await cli(root, ['verify-bundle', dir, '--expect-key-fingerprint', fingerprint]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`First failure: HASH_MISMATCH at position ${line.position}, event ${line.id}, line 11`);
  });

  it('given a line dropped from events.jsonl, when verified, then the checkpoint roots no longer match (ROOT_MISMATCH) and exit 1', async () => {
    const dir = await tamperedCopy('dropped', (lines) => lines.filter((_, i) => i !== 7));
    const result = await cli(root, ['verify-bundle', dir, '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).failures.map((f: { kind: string }) => f.kind)).toEqual(expect.arrayContaining(['ROOT_MISMATCH']));
  });

  it('given the tail cut below the last checkpoint, when verified, then TRUNCATED and exit 1', async () => {
    const dir = await tamperedCopy('truncated', (lines) => lines.slice(0, 50));
    const result = await cli(root, ['verify-bundle', dir, '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).failures.map((f: { kind: string }) => f.kind)).toContain('TRUNCATED');
  });

  it('given event rows edited in the SQLite file, when exported and verified, then a plain edit is a HASH_MISMATCH and a re-hashed one a ROOT_MISMATCH against the signed checkpoints', async () => {
    const file = join(dataDir, 'ledger.sqlite');
    let position = 0;
    tamper(file, (db) => {
      position = Number((db.prepare("SELECT min(position) AS p FROM events WHERE data LIKE '%Quiñota%'").pluck().get()));
      db.prepare("UPDATE events SET data = replace(data, 'Quiñota', 'Quinota') WHERE position = ?").run(position);
    });
    const plain = join(root, 'from-edited-store');
    expect((await cli(dataDir, ['export', '--bundle', plain])).code).toBe(0);
    const edited = await cli(root, ['verify-bundle', plain, '--expect-key-fingerprint', fingerprint]);
    expect(edited.code).toBe(1);
    expect(edited.stdout).toContain(`First failure: HASH_MISMATCH at position ${position}`);

    // The careful intruder re-hashes the whole stream: every chain rule passes, the signed roots do not.
    tamper(file, (db) => rehashStream(db, 'lg-080707'));
    const rehashed = join(root, 'from-rehashed-store');
    expect((await cli(dataDir, ['export', '--bundle', rehashed])).code).toBe(0);
    const result = await cli(root, ['verify-bundle', rehashed, '--json', '--expect-key-fingerprint', fingerprint]);
    expect(result.code).toBe(1);
    const kinds = JSON.parse(result.stdout).failures.map((f: { kind: string }) => f.kind);
    expect(kinds).not.toContain('HASH_MISMATCH');
    expect(kinds).not.toContain('PREV_HASH_MISMATCH');
    expect(kinds).toContain('ROOT_MISMATCH');
  }, 120_000);
});
