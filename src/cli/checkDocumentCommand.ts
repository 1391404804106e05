import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { buildLedgerViewFromStream } from '../../projections/ledgerView.ts';
import { documentFilings } from '../../projections/documentFilings.ts';
import { withLedger } from './withLedger.ts';

export interface CheckDocumentOptions {
  json?: boolean;
}

/** The SHA-256 (lowercase hex, as `sha256sum` prints it) and size of a file, streamed. */
export async function digestFile(file: string): Promise<{ sha256: string; sizeBytes: number }> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  try {
    for await (const chunk of createReadStream(file)) {
      hash.update(chunk as Buffer);
      sizeBytes += (chunk as Buffer).length;
    }
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  return { sha256: hash.digest('hex'), sizeBytes };
}

/**
 * `check-document <file>`: is this file (e.g. a PDF downloaded from a municipality's portal) the
 * one the ledger records? Prints its digest and size, then every filing citing that digest. Exit
 * code 1 when none does, or when one records another size (the filing's facts are then wrong).
 */
export async function checkDocumentCommand(file: string, options: CheckDocumentOptions): Promise<void> {
  // 1. the file's digest; 2. the filings of the local ledger that cite it, and whether it keeps the file.
  const { sha256, sizeBytes } = await digestFile(file);
  const { filings, kept } = await withLedger(async ({ store, documents }) => ({
    filings: documentFilings(await buildLedgerViewFromStream(() => store.readAll()), sha256),
    kept: (await documents.find(sha256)) !== undefined,
  }));
  const sizeMismatches = filings.filter((f) => f.sizeBytes !== sizeBytes);
  if (filings.length === 0 || sizeMismatches.length > 0) process.exitCode = 1;

  if (options.json) {
    console.log(JSON.stringify({ file, sha256, sizeBytes, kept, filings: filings.map((f) => ({ ...f, position: f.position.toString() })) }, null, 2));
    return;
  }
  console.log(`${sha256}  ${file}`);
  console.log(`${sizeBytes} bytes${kept ? '; this ledger keeps the file' : ''}`);
  if (filings.length === 0) {
    console.log('No recorded filing cites this SHA-256: this is not a document the ledger records.');
    return;
  }
  console.log(`Recorded by ${filings.length} filing${filings.length === 1 ? '' : 's'}:`);
  for (const f of filings) {
    const where = [f.contraloriaRef && `Contraloría ${f.contraloriaRef}`, f.publishedAt && `published at ${f.publishedAt}`].filter(Boolean).join(', ');
    const size = f.sizeBytes === sizeBytes ? '' : ` — RECORDED SIZE ${f.sizeBytes} BYTES DIFFERS`;
    console.log(`  position ${f.position}: ${f.eventType} of transition ${f.transitionId} (lg ${f.lgId}), ${f.field}: "${f.title}"${where ? ` (${where})` : ''}${size}`);
  }
}
