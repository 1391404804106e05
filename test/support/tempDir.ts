import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory under the OS temp dir, for tests that need real files (SQLite ledgers, exports). */
export interface TempDir {
  /** Absolute path of the directory. */
  path: string;
  /** Absolute path of `name` inside the directory (not created). */
  file(name: string): string;
  /** Removes the directory and everything in it. Safe to call twice. */
  remove(): void;
}

export function createTempDir(prefix = 'transition-ledger-'): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    file: (name) => join(path, name),
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}
