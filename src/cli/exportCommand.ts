import { createWriteStream, existsSync } from 'node:fs';
import { once } from 'node:events';
import { exportLedgerBundle } from '../audit/bundle/exportLedgerBundle.ts';
import { toEventJson } from '../eventStore/eventJson.ts';
import { withLedger } from './withLedger.ts';

export interface ExportOptions {
  /** Write an audit bundle (events, checkpoints, public key; src/audit/bundle/FORMAT.md) into this directory instead. */
  bundle?: string;
}

/**
 * `export <file.jsonl>`: every stored event, in order, one JSON object per line, hashes included.
 * `export --bundle <dir>`: an audit bundle that `verify-bundle` checks with no server.
 */
export async function exportCommand(file: string | undefined, options: ExportOptions = {}): Promise<void> {
  if (options.bundle !== undefined) {
    const dir = options.bundle;
    const { manifest, signed, verifierKey } = await withLedger(({ config, store }) =>
      exportLedgerBundle(store, dir, { dataDir: config.LEDGER_DATA_DIR, keyFile: config.LEDGER_SIGNING_KEY_FILE, origin: config.LEDGER_ORIGIN }),
    );
    console.log(`Wrote an audit bundle to ${dir}: ${manifest.eventCount} events, ${manifest.checkpointCount} checkpoints, key ${manifest.keyFingerprint}.`);
    if (signed) console.log(`Signed a checkpoint of tree size ${signed.treeSize} covering every exported event (origin ${signed.origin}).`);
    console.log(`Check it with: transition-ledger verify-bundle ${dir} --expect-verifier-key '${verifierKey}'`);
    return;
  }
  if (file === undefined) throw new Error('export needs a <file>, or --bundle <dir>');
  const refusal = `${file} already exists; choose another name or remove it first`;
  if (existsSync(file)) throw new Error(refusal);
  const count = await withLedger(async ({ store }) => {
    const out = createWriteStream(file, { flags: 'wx' });
    // 'wx' still guards the race with another writer; it says so in the same words.
    await new Promise<void>((resolve, reject) => {
      out.once('open', () => resolve());
      out.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EEXIST' ? new Error(refusal) : error));
    });
    let n = 0;
    for await (const e of store.readAll()) {
      if (!out.write(`${JSON.stringify(toEventJson(e))}\n`)) await once(out, 'drain');
      n++;
    }
    out.end();
    await once(out, 'finish');
    return n;
  });
  console.log(`Exported ${count} events to ${file}.`);
}
