import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { claimDataDir, STORE_MARKER_FILE } from '../../src/composition/dataDirStore.ts';
import { SqliteEventStore } from '../../src/eventStore/sqliteEventStore.ts';
import { runLedgerCli } from '../support/ledgerCli.ts';
import { createTempDir, type TempDir } from '../support/tempDir.ts';

/**
 * A data directory holds state derived from one store (audit.sqlite, read-index.sqlite), keyed by
 * that store's positions. Starting the other store on it must be refused at once, by name.
 */
describe('a data directory switched to the other store', () => {
  let dir: TempDir;
  afterEach(() => dir?.remove());

  it('given a directory that holds a SQLite ledger, when serve starts with LEDGER_STORE=eventstoredb, then it exits 1 naming the directory and what to do', async () => {
    dir = createTempDir();
    await SqliteEventStore.open(dir.file('ledger.sqlite')).close();
    const result = await runLedgerCli(['serve'], {
      LEDGER_DATA_DIR: dir.path, LEDGER_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'esdb://127.0.0.1:9?tls=false', PORT: '0', LEDGER_ADMIN_TOKEN: 'x'.repeat(16),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(dir.path);
    expect(result.stderr).toMatch(/belongs to a sqlite ledger.*LEDGER_STORE=eventstoredb.*migrate/s);
  }, 30_000);

  it('given a directory marked for EventStoreDB, when serve starts on SQLite, then it exits 1 and creates no ledger.sqlite', async () => {
    dir = createTempDir();
    writeFileSync(dir.file(STORE_MARKER_FILE), 'eventstoredb\n');
    const result = await runLedgerCli(['serve'], { LEDGER_DATA_DIR: dir.path, LEDGER_STORE: 'sqlite', PORT: '0', LEDGER_ADMIN_TOKEN: 'x'.repeat(16) });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/belongs to a eventstoredb ledger, but LEDGER_STORE=sqlite/);
    expect(() => readFileSync(dir.file('ledger.sqlite'))).toThrow();
  }, 30_000);

  it('given an empty directory, when claimed, then it is marked for that store and claiming it again for the same store is fine', () => {
    dir = createTempDir();
    claimDataDir(dir.path, 'eventstoredb');
    expect(readFileSync(dir.file(STORE_MARKER_FILE), 'utf8').trim()).toBe('eventstoredb');
    expect(() => claimDataDir(dir.path, 'eventstoredb')).not.toThrow();
    expect(() => claimDataDir(dir.path, 'sqlite')).toThrow(/LEDGER_STORE=sqlite/);
  });
});
