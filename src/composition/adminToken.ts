import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface AdminToken {
  token: string;
  /** Where the token was read from or written to; undefined when it came from the environment. */
  file?: string;
  created: boolean;
}

/**
 * The registrar's bearer token: LEDGER_ADMIN_TOKEN when set, else the one kept in the data
 * directory, generated on first start with mode 0600 so only the ledger's user can read it.
 */
export function resolveAdminToken(dataDir: string, fromEnv: string | undefined): AdminToken {
  if (fromEnv) return { token: fromEnv, created: false };
  const file = resolve(dataDir, 'admin-token');
  if (existsSync(file)) return { token: readFileSync(file, 'utf8').trim(), file, created: false };
  mkdirSync(dataDir, { recursive: true });
  const token = randomBytes(32).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { token, file, created: true };
}
