import Database from 'better-sqlite3';
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { SqliteListSpill } from '../../src/readModels/sqliteListSpill.ts';

describe('SqliteListSpill.keepOnly', () => {
  it('given five spilled lists, when only two are kept with their counts, then the others and the rows past each count are gone', () => {
    const db = new Database(':memory:');
    const spill = new SqliteListSpill(db);
    const ids = [1, 2, 3, 4, 5].map(() => spill.append(undefined, 0, ['a', 'b']));
    for (const id of ids) spill.append(id, 2, ['c', 'd']);
    for (const id of ids) spill.append(id, 4, ['e']);

    // List 2 keeps its first two runs (elements [0, 4)); list 4 keeps its first run only.
    spill.keepOnly(new Map([[ids[1]!, 4], [ids[3]!, 2]]));

    const rows = db.prepare('SELECT list, seq FROM live_view_spill ORDER BY list, seq').all();
    expect(rows).toEqual([
      { list: ids[1], seq: 0 },
      { list: ids[1], seq: 2 },
      { list: ids[3], seq: 0 },
    ]);
    expect(spill.read(ids[1]!, 4)).toEqual(['a', 'b', 'c', 'd']);
    expect(spill.read(ids[0]!, 5)).toEqual([]);
  });

  it('given spilled lists, when nothing is kept, then the table is empty', () => {
    const db = new Database(':memory:');
    const spill = new SqliteListSpill(db);
    spill.append(undefined, 0, [1, 2, 3]);
    spill.append(undefined, 0, [4]);
    spill.keepOnly(new Map());
    expect(db.prepare('SELECT count(*) AS n FROM live_view_spill').get()).toEqual({ n: 0 });
  });
});

describe('SqliteListSpill rows', () => {
  it('given a list whose first rows were written with v8.serialize (before the columnar form), when more are appended and it is read, then it reads every element in order', () => {
    const db = new Database(':memory:');
    const spill = new SqliteListSpill(db);
    const old = [{ position: 1n, itemId: 'a' }, { position: 2n, itemId: 'b' }];
    db.prepare('INSERT INTO live_view_spill (list, seq, body) VALUES (?, ?, ?)').run(1, 0, serialize(old));
    const later = new SqliteListSpill(db);
    const id = later.append(1, 2, [{ position: 3n, itemId: 'c' }, { position: 4n, itemId: 'd' }]);
    expect(id).toBe(1);
    expect(later.read(1, 4)).toEqual([...old, { position: 3n, itemId: 'c' }, { position: 4n, itemId: 'd' }]);
    expect(later.read(1, 3)).toEqual([...old, { position: 3n, itemId: 'c' }]);
  });
});

describe('SqliteListSpill tables', () => {
  const withoutRowid = (db: Database.Database, table: string) =>
    /WITHOUT ROWID/i.test(db.prepare<[string], string>(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`).pluck().get(table)!);

  it('given a file without the table, when a spill opens it, then the table is a rowid table (rows are runs of kilobytes), keyed by list and index', () => {
    const db = new Database(':memory:');
    new SqliteListSpill(db, 'some_spill');
    expect(withoutRowid(db, 'some_spill')).toBe(false);
    expect(() => db.prepare('INSERT INTO some_spill (list, seq, body) VALUES (1, 0, x\'00\'), (1, 0, x\'01\')').run()).toThrow(/UNIQUE|PRIMARY/);
  });

  it('given a file whose table was made WITHOUT ROWID, when a spill opens it, then it keeps that table and its rows, and appends to and reads them', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE live_view_spill (list INTEGER NOT NULL, seq INTEGER NOT NULL, body BLOB NOT NULL, PRIMARY KEY (list, seq)) WITHOUT ROWID');
    db.prepare('INSERT INTO live_view_spill (list, seq, body) VALUES (?, ?, ?)').run(1, 0, serialize(['a', 'b']));
    const spill = new SqliteListSpill(db);
    expect(withoutRowid(db, 'live_view_spill')).toBe(true);
    expect(spill.append(1, 2, ['c'])).toBe(1);
    expect(spill.append(undefined, 0, ['x'])).toBe(2);
    expect(spill.read(1, 3)).toEqual(['a', 'b', 'c']);
    spill.keepOnly(new Map([[1, 2]]));
    expect(spill.read(1, 3)).toEqual(['a', 'b']);
    expect(spill.read(2, 1)).toEqual([]);
  });
});
