import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Group and others get nothing on what the ledger creates. */
const OWNER_ONLY_UMASK = 0o077;

/**
 * Makes every file and directory this process creates from now on owner-only (0600 files, 0700
 * directories): the SQLite ledger and its -wal/-shm (SQLite gives those the database's mode), the
 * audit, read-index and web-session databases, the admin token, the signing key, and exports and
 * bundles too (chmod them to share). Set once, for the whole process, before any store opens, so
 * no store has to remember it and a new one cannot forget it. Called first by src/main.ts.
 */
export function createFilesOwnerOnly(): void {
  process.umask(OWNER_ONLY_UMASK);
}

/**
 * Creates the data directory owner-only, or tightens one an earlier version left readable: the
 * directory becomes 0700 and files directly in it lose their group and other bits. Entries the
 * process does not own (a volume mounted by someone else) are left as they are.
 */
export function prepareDataDirectory(dir: string): void {
  createFilesOwnerOnly();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  tighten(dir);
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (lstatSync(path).isFile()) tighten(path);
  }
}

function tighten(path: string): void {
  const { mode, uid } = lstatSync(path);
  if ((mode & OWNER_ONLY_UMASK) === 0 || (process.getuid && uid !== process.getuid())) return;
  try {
    chmodSync(path, mode & 0o7700 & ~OWNER_ONLY_UMASK);
  } catch {
    // not ours to change; the umask still covers what we create
  }
}
