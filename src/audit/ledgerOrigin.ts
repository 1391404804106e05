import { randomBytes } from 'node:crypto';
import { closeSync, constants, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isKeyName } from './note/signedNote.ts';

export const ORIGIN_FILE = 'ledger-origin';

export interface LedgerOrigin {
  /** The checkpoint origin line and the name of the ledger's note key. */
  origin: string;
  /** True when this call generated it. */
  created: boolean;
  /** Where it is kept; undefined when it came from LEDGER_ORIGIN. */
  path?: string;
}

/**
 * The ledger's C2SP origin: LEDGER_ORIGIN when set, else the one stored in `ledger-origin` in the
 * data directory, generated on first use (`transition-ledger.invalid/<16 random hex>`, a name that
 * no other deployment shares and that resolves nowhere) and written exclusively, so two processes
 * starting at once agree on it. Changing it later starts a new log for every witness and auditor.
 */
export function loadOrCreateOrigin(options: { dataDir: string; configured?: string }): LedgerOrigin {
  if (options.configured !== undefined) {
    if (!isKeyName(options.configured)) throw new Error(`LEDGER_ORIGIN ${JSON.stringify(options.configured)} must be non-empty, without spaces or '+'`);
    return { origin: options.configured, created: false };
  }
  const dir = resolve(options.dataDir);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, ORIGIN_FILE);
  let created = false;
  try {
    const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
    try {
      writeSync(fd, `transition-ledger.invalid/${randomBytes(8).toString('hex')}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    created = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const origin = readFileSync(path, 'utf8').trim();
  if (!isKeyName(origin)) throw new Error(`${path} does not hold a valid origin`);
  return { origin, created, path };
}
