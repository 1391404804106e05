import { sha256HexOfBytes } from '../audit/sha256.ts';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { importLocalGovernments } from '../localGovernments/importLocalGovernments.ts';
import { localGovernmentsOf, parseUbigeoDirectory } from '../localGovernments/ubigeoDirectory.ts';
import { withLedger } from './withLedger.ts';

export interface ImportLocalGovernmentsOptions {
  edition?: string;
  actor: string;
}

/**
 * `import-local-governments <file>`: registers every municipality of an INEI directory. The file is
 * read and checked whole before anything is written, so a malformed file changes nothing.
 */
export async function importLocalGovernmentsCommand(file: string, options: ImportLocalGovernmentsOptions): Promise<void> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  const localGovernments = localGovernmentsOf(parseUbigeoDirectory(bytes.toString('utf8')));
  const edition = options.edition ?? basename(file).match(/(?:^|\D)(\d{4})(?:\D|$)/)?.[1];
  if (!edition) throw new Error(`cannot tell the directory's edition from the name ${basename(file)}: pass --edition, e.g. --edition 2025`);
  const source = { file: basename(file), sha256: sha256HexOfBytes(bytes), edition };

  const outcome = await withLedger((ledger) => importLocalGovernments(ledger.record, localGovernments, source, options.actor));
  const provincial = localGovernments.filter((l) => l.level === 'provincial').length;
  console.log(
    `${source.file} (edition ${edition}, sha256 ${source.sha256}): ${localGovernments.length} local governments ` +
      `(${provincial} provincial, ${localGovernments.length - provincial} district); ` +
      `${outcome.registered} registered, ${outcome.alreadyImported} already imported, ` +
      `${outcome.registeredOtherwise.length} registered otherwise and left as recorded` +
      (outcome.registeredOtherwise.length > 0 ? ` (${outcome.registeredOtherwise.join(', ')})` : '') +
      '.',
  );
}
