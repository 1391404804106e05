import Database from 'better-sqlite3';
import { eventHash } from '../../../src/audit/eventHash.ts';

/** Runs SQL against a ledger file from another connection, as an intruder with file access would. */
export function tamper(file: string, run: (db: Database.Database) => void): void {
  const db = new Database(file);
  db.pragma('busy_timeout = 5000');
  try {
    run(db);
  } finally {
    db.close();
  }
}

interface Row { position: number; id: string; stream: string; revision: number; type: string; schema_version: number; data: string; recorded_at: string; actor: string; metadata: string; prev_hash: string; hash: string }

/** Recomputes every hash and prevHash of a stream: the edit a careful intruder makes so the chain rules pass. */
export function rehashStream(db: Database.Database, stream: string): void {
  const rows = db.prepare('SELECT * FROM events WHERE stream = ? ORDER BY revision').all(stream) as Row[];
  let prev = '0'.repeat(64);
  for (const r of rows) {
    const hash = eventHash({
      stream: r.stream, revision: BigInt(r.revision), id: r.id, type: r.type, schemaVersion: r.schema_version,
      data: JSON.parse(r.data), recordedAt: r.recorded_at, actor: r.actor, metadata: JSON.parse(r.metadata), prevHash: prev,
    });
    db.prepare('UPDATE events SET prev_hash = ?, hash = ? WHERE position = ?').run(prev, hash, r.position);
    prev = hash;
  }
}
