import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export interface SessionStoreOptions {
  /** SQLite file of the sessions (`web-sessions.sqlite` in the data directory); in memory when omitted. */
  file?: string;
  /** A session unused this long is over. Default 8 h. */
  idleMs?: number;
  /** A session is over this long after sign-in, however busy. Default 12 h. */
  absoluteMs?: number;
  /** Milliseconds clock. */
  now?: () => number;
}

/** The sessions' file in the data directory. */
export const WEB_SESSIONS_FILE_NAME = 'web-sessions.sqlite';

export const DEFAULT_SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
export const DEFAULT_SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;

/** Last use is written at most this often, so reading pages does not write on every request. */
const TOUCH_EVERY_MS = 60_000;
const HKDF_INFO = 'transition-ledger web session v1';

/**
 * Server-side web sessions. The browser holds a random 256-bit session id; this store holds, per
 * session, the token it signed in with, so each request is authenticated again by the API's own
 * check (a revoked token ends its sessions at once). Ending a session deletes its row; an idle or
 * old one is refused and deleted when next seen, and all expired rows at start and at each sign-in.
 *
 * The file holds nothing a reader could use: a row is found by the SHA-256 of the id, and its token
 * is sealed with AES-256-GCM under a key derived from the id (HKDF), which only the cookie carries.
 * Kept in SQLite in the data directory so sessions survive a restart; replicas that share the data
 * directory (the compose `cluster` profile) share the sessions too (see docs/web-security.md).
 */
export class SessionStore {
  private readonly idleMs: number;
  private readonly absoluteMs: number;
  private readonly now: () => number;

  private constructor(private readonly db: Database.Database, options: SessionStoreOptions) {
    this.idleMs = options.idleMs ?? DEFAULT_SESSION_IDLE_MS;
    this.absoluteMs = options.absoluteMs ?? DEFAULT_SESSION_ABSOLUTE_MS;
    this.now = options.now ?? Date.now;
  }

  static open(options: SessionStoreOptions = {}): SessionStore {
    const file = options.file ?? ':memory:';
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    // Replicas on one data volume (the compose `cluster` profile) share the file: wait for each other.
    db.pragma('busy_timeout = 5000');
    db.exec(`CREATE TABLE IF NOT EXISTS web_sessions (
      id_hash TEXT PRIMARY KEY,
      sealed BLOB NOT NULL,
      created_at INTEGER NOT NULL,
      last_seen_at INTEGER NOT NULL
    ) STRICT`);
    const store = new SessionStore(db, options);
    store.prune();
    return store;
  }

  /** The idle and absolute lifetimes in hours, for the sign-in page. */
  get lifetimeHours(): { idle: number; max: number } {
    const hours = (ms: number) => Math.round((ms / 3_600_000) * 10) / 10;
    return { idle: hours(this.idleMs), max: hours(this.absoluteMs) };
  }

  /** Longest a cookie needs to live: the absolute lifetime, in seconds. */
  get maxAgeSeconds(): number {
    return Math.floor(this.absoluteMs / 1000);
  }

  /** Starts a session for `token` and returns its id, the only thing the browser gets. */
  create(token: string): string {
    this.prune();
    const id = randomBytes(32).toString('base64url');
    const at = this.now();
    this.db.prepare('INSERT INTO web_sessions (id_hash, sealed, created_at, last_seen_at) VALUES (?, ?, ?, ?)').run(idHash(id), seal(id, token), at, at);
    return id;
  }

  /** The token of a live session, or undefined for an unknown, ended, idle or too old one. */
  tokenOf(id: string): string | undefined {
    if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return undefined;
    const row = this.db.prepare('SELECT sealed, created_at, last_seen_at FROM web_sessions WHERE id_hash = ?').get(idHash(id)) as
      | { sealed: Buffer; created_at: number; last_seen_at: number }
      | undefined;
    if (!row) return undefined;
    const at = this.now();
    if (at - row.last_seen_at >= this.idleMs || at - row.created_at >= this.absoluteMs) {
      this.end(id);
      return undefined;
    }
    const token = unseal(id, row.sealed);
    if (token === undefined) return undefined;
    if (at - row.last_seen_at >= TOUCH_EVERY_MS) this.db.prepare('UPDATE web_sessions SET last_seen_at = ? WHERE id_hash = ?').run(at, idHash(id));
    return token;
  }

  /** Ends a session: its id is worth nothing from now on, whoever holds it. */
  end(id: string): void {
    this.db.prepare('DELETE FROM web_sessions WHERE id_hash = ?').run(idHash(id));
  }

  close(): void {
    this.db.close();
  }

  private prune(): void {
    const at = this.now();
    this.db.prepare('DELETE FROM web_sessions WHERE last_seen_at <= ? OR created_at <= ?').run(at - this.idleMs, at - this.absoluteMs);
  }
}

function idHash(id: string): string {
  return createHash('sha256').update(id, 'utf8').digest('hex');
}

function keyOf(id: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(id, 'utf8'), Buffer.alloc(0), HKDF_INFO, 32));
}

/** nonce (12) ‖ tag (16) ‖ ciphertext */
function seal(id: string, token: string): Buffer {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(id), nonce);
  const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return Buffer.concat([nonce, cipher.getAuthTag(), body]);
}

function unseal(id: string, sealed: Buffer): string | undefined {
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(id), sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
