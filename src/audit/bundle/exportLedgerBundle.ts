import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { v4 as uuidv4 } from 'uuid';
import type { EventStore } from '../../eventStore/eventStore.ts';
import type { StoredEvent } from '../../records/storedEvent.ts';
import { type Checkpoint, signCheckpointNote } from '../checkpoint.ts';
import { loadOrCreateOrigin } from '../ledgerOrigin.ts';
import { verifierKey } from '../note/signedNote.ts';
import { AUDIT_FILE_NAME, AuditLog } from '../log/auditLog.ts';
import { plain } from '../log/auditProofs.ts';
import { CHECKPOINT_EVENT_TYPE, CHECKPOINT_STREAM, toCheckpoint } from '../log/checkpointEvent.ts';
import { recordCheckpoint } from '../log/recordCheckpoint.ts';
import { DEFAULT_KEY_FILE, loadOrCreateSigningKey } from '../signingKey.ts';
import { writeBundle, type WriteBundleResult } from './writeBundle.ts';

export interface ExportKeyOptions {
  dataDir: string;
  keyFile?: string;
  /** LEDGER_ORIGIN; else the origin stored in the data directory. */
  origin?: string;
  /** Now, for the checkpoint the export signs. */
  now?: () => Date;
}

/**
 * Writes the audit bundle of a ledger: every event of the store, the checkpoints recorded in its
 * `audit-checkpoints` stream that the ledger's key signed (with the witness cosignatures kept in
 * audit.sqlite), and that key's public half. When the latest checkpoint does not cover every
 * exported event, it signs one that does and records it as a CheckpointSigned event, so a fresh
 * bundle has no unsigned tail; that event is the first one after the bundle. The key is the
 * server's (LEDGER_SIGNING_KEY_FILE, or signing-key.pem in the data directory); it is never created
 * here, since a new key could vouch for nothing already signed.
 */
export async function exportLedgerBundle(store: EventStore, dir: string, key: ExportKeyOptions): Promise<WriteBundleResult & { skippedCheckpoints: number; signed?: Checkpoint; verifierKey: string }> {
  const keyFile = key.keyFile ?? join(key.dataDir, DEFAULT_KEY_FILE);
  if (!existsSync(keyFile)) {
    throw new Error(`No signing key at ${keyFile}: start the server once (it creates one) or set LEDGER_SIGNING_KEY_FILE`);
  }
  const signing = loadOrCreateSigningKey({ dataDir: key.dataDir, keyFile });
  const { origin } = loadOrCreateOrigin({ dataDir: key.dataDir, configured: key.origin });
  const auditFile = join(key.dataDir, AUDIT_FILE_NAME);
  const audit = existsSync(auditFile) ? AuditLog.open(auditFile) : undefined;
  try {
    // The head first, then what it bounds: a server writing meanwhile changes nothing exported.
    const head = await store.headPosition();
    const checkpoints: Checkpoint[] = [];
    let skipped = 0;
    const stream = await store.readStream(CHECKPOINT_STREAM);
    for (const event of stream) {
      if (head === undefined || event.position > head) continue;
      const c = toCheckpoint(event);
      if (c && c.keyFingerprint === signing.fingerprint && (checkpoints.at(-1)?.treeSize ?? -1) < c.treeSize) {
        const p = plain(c);
        const cosignatures = p.note === undefined ? [] : (audit?.cosignatures(p.treeSize, p.rootHash) ?? []);
        checkpoints.push(cosignatures.length > 0 ? { ...p, note: p.note + cosignatures.map((l) => `${l}\n`).join('') } : p);
      } else skipped++;
    }
    let signed: Checkpoint | undefined;
    // Events after the latest checkpoint other than CheckpointSigned ones (which vouch for themselves).
    const latestSize = checkpoints.at(-1)?.treeSize ?? 0;
    let uncovered = 0;
    const counted = async function* (events: AsyncIterable<StoredEvent>) {
      let index = 0;
      for await (const e of events) {
        if (index++ >= latestSize && e.type !== CHECKPOINT_EVENT_TYPE) uncovered++;
        yield e;
      }
    };
    const finalCheckpoint = async (treeSize: number, rootHash: string) => {
      if (uncovered === 0) return undefined;
      const c = signCheckpointNote({ treeSize, rootHash, timestamp: (key.now ?? (() => new Date()))().toISOString() }, signing, origin);
      const last = stream.at(-1);
      await recordCheckpoint(store, c, { id: uuidv4(), actor: 'ledger', reason: 'export', expectedRevision: last ? last.revision : 'no_stream' });
      signed = c;
      return c;
    };
    const notes = skipped > 0 ? [`${skipped} checkpoint event(s) not signed by this key or malformed were left out of checkpoints.json`] : [];
    const events = head === undefined ? [] : counted(store.readAll({ upTo: head }));
    const result = await writeBundle(dir, { events, checkpoints, finalCheckpoint, publicKeyPem: signing.publicKeyPem, notes });
    return { ...result, skippedCheckpoints: skipped, ...(signed && { signed }), verifierKey: verifierKey(origin, signing.publicKey).vkey };
  } finally {
    audit?.close();
  }
}
