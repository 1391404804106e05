import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runLedgerCli } from '../support/ledgerCli.ts';
import { createTempDir, type TempDir } from '../support/tempDir.ts';

const NATIONAL = 'reference/ubigeo-inei-2025.csv';
const SHA256 = createHash('sha256').update(readFileSync(NATIONAL)).digest('hex');

describe('import-local-governments: every municipality of Peru through the write path', () => {
  let dir: TempDir;
  beforeEach(() => {
    dir = createTempDir('ledger-import-lgs-');
  });
  afterEach(() => dir.remove());

  const cli = (args: string[]) => runLedgerCli(args, { LEDGER_DATA_DIR: join(dir.path, 'data') });
  const registrations = async () =>
    (await cli(['events', '--type', 'LocalGovernmentRegistered'])).stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { data: { lgId: string; level: string; name: string }; metadata: Record<string, string> });

  it('given an empty ledger, when the national file is imported twice, then 1,891 are registered once, with their source, and the chain verifies', async () => {
    const first = await cli(['import-local-governments', NATIONAL]);
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toContain('1891 local governments (196 provincial, 1695 district); 1891 registered, 0 already imported');

    const second = await cli(['import-local-governments', NATIONAL]);
    expect(second).toMatchObject({ code: 0 });
    expect(second.stdout).toContain('0 registered, 1891 already imported, 0 registered otherwise');

    const recorded = await registrations();
    expect(recorded).toHaveLength(1891);
    expect(recorded.filter((e) => e.data.level === 'provincial')).toHaveLength(196);
    expect(recorded.find((e) => e.data.lgId === '080707')?.data.name).toBe('Municipalidad Distrital de Quiñota');
    expect(new Set(recorded.map((e) => `${e.metadata.sourceFile} ${e.metadata.sourceSha256} ${e.metadata.sourceEdition}`))).toEqual(
      new Set([`ubigeo-inei-2025.csv ${SHA256} 2025`]),
    );
    expect((await cli(['verify'])).stdout).toContain('OK');
  }, 180_000);

  it('given the demo, when the national file is imported, then the demo province is left as recorded and the rest registered', async () => {
    expect(await cli(['seed', 'chumbivilcas-2018'])).toMatchObject({ code: 0 });
    const imported = await cli(['import-local-governments', NATIONAL]);
    expect(imported).toMatchObject({ code: 0 });
    expect(imported.stdout).toContain('1883 registered, 0 already imported, 8 registered otherwise and left as recorded (080701, 080702');
    expect(await registrations()).toHaveLength(1891);
  }, 180_000);

  it('given a file with one bad row, when imported, then nothing is written and the line is named', async () => {
    const lines = readFileSync(NATIONAL, 'utf8').split('\n');
    lines[1500] = lines[1500]!.replace(/;\d{6};/, ';15X101;');
    const bad = join(dir.path, 'bad-2025.csv');
    writeFileSync(bad, lines.join('\n'));
    const result = await cli(['import-local-governments', bad]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('line 1501: ubigeo "15X101" is not 6 digits');
    expect(await registrations()).toHaveLength(0);
  }, 60_000);

  it('given a missing file or a name without an edition, when imported, then a sentence says so', async () => {
    expect((await cli(['import-local-governments', join(dir.path, 'nope.csv')])).stderr).toContain('no such file');
    const undated = join(dir.path, 'directorio.csv');
    writeFileSync(undated, readFileSync(NATIONAL));
    expect((await cli(['import-local-governments', undated])).stderr).toContain('pass --edition');
  }, 60_000);
});
