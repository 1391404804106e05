import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EventStore } from '../../eventStore/eventStore.ts';
import type { Checkpoint } from '../checkpoint.ts';
import { plain } from '../log/auditProofs.ts';
import { CHECKPOINT_STREAM, toCheckpoint } from '../log/checkpointer.ts';
import { DEFAULT_KEY_FILE, loadOrCreateSigningKey } from '../signingKey.ts';
import { writeBundle, type WriteBundleResult } from './writeBundle.ts';

/**
 * Writes the audit bundle of a ledger: every event of the store, the checkpoints recorded in its
 * `audit-checkpoints` stream that the ledger's key signed, and that key's public half. The key is
 * the server's (LEDGER_SIGNING_KEY_FILE, or signing-key.pem in the data directory); it is never
 * created here, since a new key could vouch for nothing already signed.
 */
export async function exportLedgerBundle(
  store: EventStore,
  dir: string,
  key: { dataDir: string; keyFile?: string },
): Promise<WriteBundleResult & { skippedCheckpoints: number }> {
  const keyFile = key.keyFile ?? join(key.dataDir, DEFAULT_KEY_FILE);
  if (!existsSync(keyFile)) {
    throw new Error(`No signing key at ${keyFile}: start the server once (it creates one) or set LEDGER_SIGNING_KEY_FILE`);
  }
  const signing = loadOrCreateSigningKey({ dataDir: key.dataDir, keyFile });
  // Checkpoints first, then the events: every checkpoint read is then covered by the events written.
  const checkpoints: Checkpoint[] = [];
  let skipped = 0;
  for (const event of await store.readStream(CHECKPOINT_STREAM)) {
    const c = toCheckpoint(event);
    if (c && c.keyFingerprint === signing.fingerprint && (checkpoints.at(-1)?.treeSize ?? -1) < c.treeSize) checkpoints.push(plain(c));
    else skipped++;
  }
  const notes = skipped > 0 ? [`${skipped} checkpoint event(s) not signed by this key or malformed were left out of checkpoints.json`] : [];
  const result = await writeBundle(dir, { events: store.readAll(), checkpoints, publicKeyPem: signing.publicKeyPem, notes });
  return { ...result, skippedCheckpoints: skipped };
}
