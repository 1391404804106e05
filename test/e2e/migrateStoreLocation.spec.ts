import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeLocation, openLocation, parseStoreLocation, sameLocation } from '../../src/migration/storeLocation.ts';
import { createTempDir, type TempDir } from '../support/tempDir.ts';

/** How `migrate --from/--to` arguments name a store. */
describe('migrate store arguments', () => {
  let tmp: TempDir;
  beforeEach(() => {
    tmp = createTempDir('ledger-location-');
  });
  afterEach(() => tmp.remove());

  it('given an esdb:// or esdb+discover:// string in any case, when parsed, then it is an EventStoreDB connection string, kept as given', () => {
    for (const s of ['esdb://localhost:2113?tls=false', 'esdb+discover://admin:changeit@cluster.local:2113', 'ESDB://node1:2113,node2:2113?tls=false']) {
      expect(parseStoreLocation(s)).toEqual({ kind: 'eventstoredb', connectionString: s });
    }
  });

  it('given a path, when parsed, then a file path is the ledger file and a directory (existing, or ending in /) names its ledger.sqlite', () => {
    mkdirSync(tmp.file('data'));
    expect(parseStoreLocation(tmp.file('data'))).toEqual({ kind: 'sqlite', file: tmp.file('data/ledger.sqlite') });
    expect(parseStoreLocation(`${tmp.file('new')}/`)).toEqual({ kind: 'sqlite', file: tmp.file('new/ledger.sqlite') });
    expect(parseStoreLocation(tmp.file('copy.sqlite'))).toEqual({ kind: 'sqlite', file: tmp.file('copy.sqlite') });
    expect(parseStoreLocation('relative/ledger.sqlite')).toEqual({ kind: 'sqlite', file: resolve('relative/ledger.sqlite') });
    // Something that merely looks like a URL but is not EventStoreDB's is a (strange) file name.
    expect(parseStoreLocation('http://x').kind).toBe('sqlite');
  });

  it('given two arguments naming one store, when compared, then they are the same whatever the spelling', () => {
    mkdirSync(tmp.file('data'));
    writeFileSync(tmp.file('data/ledger.sqlite'), '');
    expect(sameLocation(parseStoreLocation(tmp.file('data')), parseStoreLocation(join(tmp.file('data'), '..', 'data', 'ledger.sqlite')))).toBe(true);
    expect(sameLocation(parseStoreLocation(tmp.file('data')), parseStoreLocation(tmp.file('other.sqlite')))).toBe(false);
    expect(sameLocation(parseStoreLocation('esdb://a:2113'), parseStoreLocation('esdb://a:2113'))).toBe(true);
    expect(sameLocation(parseStoreLocation('esdb://a:2113'), parseStoreLocation('esdb://b:2113'))).toBe(false);
    expect(sameLocation(parseStoreLocation('esdb://a:2113'), parseStoreLocation(tmp.file('data')))).toBe(false);
  });

  it('given a connection string with credentials, when described in a message, then the password is not shown', () => {
    expect(describeLocation(parseStoreLocation('esdb+discover://admin:changeit@cluster.local:2113?tls=true'))).toBe('esdb+discover://***@cluster.local:2113?tls=true');
  });

  it('given a missing SQLite source, when opened, then SOURCE_NOT_FOUND and no file is created', async () => {
    await expect(openLocation(parseStoreLocation(tmp.file('missing.sqlite')), 'source')).rejects.toMatchObject({ code: 'SOURCE_NOT_FOUND' });
    expect(existsSync(tmp.file('missing.sqlite'))).toBe(false);
    const target = await openLocation(parseStoreLocation(tmp.file('created.sqlite')), 'target');
    expect(await target.headPosition()).toBeUndefined();
    await target.close();
  });
});
