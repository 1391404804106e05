import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export const KEY_STORE_FILE_NAME = 'personal-data-keys.sqlite';

/** A subject's key, or why there is none. */
export type SubjectKey = { kind: 'key'; key: Buffer } | { kind: 'erased'; erasedAt: string } | { kind: 'unknown' };

/**
 * The keys of the data subjects: one random 256-bit key each, kept OUTSIDE the hashed log, so
 * destroying one (PersonalDataErased) makes that subject's ciphertexts unreadable without changing
 * a single hash. Holds no plaintext, only keys, the streams a subject's values were sealed in (who
 * may read them) and the tombstones of erased subjects.
 *
 * The file is opened by every process of the ledger (server and CLI) and keys are never cached in
 * memory, so an erasure by one is seen by all at once. `secure_delete` overwrites a destroyed key's
 * bytes in the file; the rollback journal (`journal_mode=DELETE`) is unlinked after each commit, so
 * no WAL keeps an old page; mode 0600 keeps other local users out.
 */
export class PersonalDataKeyStore {
  private constructor(private readonly db: Database.Database) {}

  static open(file: string): PersonalDataKeyStore {
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    chmodSync(file, 0o600);
    db.pragma('journal_mode = DELETE');
    db.pragma('secure_delete = ON');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.exec(`
      CREATE TABLE IF NOT EXISTS subject_keys (subject_id TEXT PRIMARY KEY, key BLOB NOT NULL, created_at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS subject_streams (subject_id TEXT NOT NULL, stream TEXT NOT NULL, PRIMARY KEY (subject_id, stream));
      CREATE TABLE IF NOT EXISTS erased_subjects (subject_id TEXT PRIMARY KEY, erased_at TEXT NOT NULL);
    `);
    return new PersonalDataKeyStore(db);
  }

  get(subjectId: string): SubjectKey {
    const erased = this.db.prepare('SELECT erased_at FROM erased_subjects WHERE subject_id = ?').get(subjectId) as { erased_at: string } | undefined;
    if (erased) return { kind: 'erased', erasedAt: erased.erased_at };
    const row = this.db.prepare('SELECT key FROM subject_keys WHERE subject_id = ?').get(subjectId) as { key: Buffer } | undefined;
    return row ? { kind: 'key', key: row.key } : { kind: 'unknown' };
  }

  /** The subject's key, created with `newKey()` if it has none; undefined for an erased subject (no new key is ever made for one). */
  keyFor(subjectId: string, stream: string, newKey: () => Buffer, now: string): Buffer | undefined {
    return this.db.transaction(() => {
      const current = this.get(subjectId);
      if (current.kind === 'erased') return undefined;
      if (current.kind === 'unknown') this.db.prepare('INSERT INTO subject_keys (subject_id, key, created_at) VALUES (?, ?, ?)').run(subjectId, newKey(), now);
      this.db.prepare('INSERT OR IGNORE INTO subject_streams (subject_id, stream) VALUES (?, ?)').run(subjectId, stream);
      return (this.db.prepare('SELECT key FROM subject_keys WHERE subject_id = ?').get(subjectId) as { key: Buffer }).key;
    }).immediate();
  }

  /** The streams the subject's values were sealed in. */
  streamsOf(subjectId: string): string[] {
    return (this.db.prepare('SELECT stream FROM subject_streams WHERE subject_id = ?').all(subjectId) as { stream: string }[]).map((r) => r.stream);
  }

  /** Destroys the subject's key for good and leaves a tombstone; idempotent. */
  erase(subjectId: string, erasedAt: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM subject_keys WHERE subject_id = ?').run(subjectId);
      this.db.prepare('INSERT OR IGNORE INTO erased_subjects (subject_id, erased_at) VALUES (?, ?)').run(subjectId, erasedAt);
    }).immediate();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
