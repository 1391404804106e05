import { userInfo } from 'node:os';
import { AccessRegistry, type AccessOperator, type TokenGrant } from '../access/accessRegistry.ts';
import { AccessRole, type AccessScope } from '../access/accessEvents.ts';
import { isLedgerError } from '../errors/ledgerError.ts';
import { withLedger } from './withLedger.ts';

export interface TokensCreateOptions {
  name: string;
  role: string;
  transition?: string[];
  lg?: string;
  note?: string;
}

/** Whoever runs the CLI has the store's files, so they act as the registrar; the grant records their OS user. */
function operator(): AccessOperator {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (some containers): keep "unknown".
  }
  return { actor: `cli:${user}`, now: () => new Date() };
}

/** A grant as `list` prints it: everything but the secret's hash. */
function describe(grant: TokenGrant) {
  const { secretHash: _secretHash, position, ...rest } = grant;
  return { ...rest, position: position.toString() };
}

/** Ledger errors carry their facts in `details`; the CLI prints them rather than a generic title. */
async function explained<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isLedgerError(error) && Array.isArray(error.details.errors)) {
      const lines = (error.details.errors as { path: string; message: string }[]).map((e) => `  ${e.path}: ${e.message}`);
      throw new Error(`${error.message}:\n${lines.join('\n')}`);
    }
    throw error;
  }
}

/** `tokens create`: grants a token and prints it once, as JSON; only its scrypt hash is recorded. */
export async function tokensCreateCommand(options: TokensCreateOptions): Promise<void> {
  const role = AccessRole.safeParse(options.role);
  if (!role.success) throw new Error(`--role must be one of ${AccessRole.options.join(', ')}`);
  const scope: AccessScope = {
    ...(options.transition && options.transition.length > 0 ? { transitionIds: options.transition } : {}),
    ...(options.lg ? { lgId: options.lg } : {}),
  };
  await withLedger(({ store }) =>
    explained(async () => {
      const { grant, token } = await new AccessRegistry(store).grant({ name: options.name, role: role.data, scope, note: options.note }, operator());
      process.stdout.write(`${JSON.stringify({ tokenId: grant.tokenId, name: grant.name, role: grant.role, scope: grant.scope, token })}\n`);
      process.stderr.write('The token is shown this once and stored nowhere; keep it in a secret store.\n');
    }),
  );
}

/** `tokens list`: every token ever granted, revoked ones included, one JSON object per line. */
export async function tokensListCommand(): Promise<void> {
  await withLedger(async ({ store }) => {
    const registry = new AccessRegistry(store);
    await registry.refresh();
    for (const grant of registry.list()) process.stdout.write(`${JSON.stringify(describe(grant))}\n`);
  });
}

/** `tokens revoke`: the token stops working on the server's next request. */
export async function tokensRevokeCommand(tokenId: string, options: { reason?: string }): Promise<void> {
  await withLedger(({ store }) =>
    explained(async () => {
      const grant = await new AccessRegistry(store).revoke(tokenId, operator(), options.reason);
      process.stdout.write(`${JSON.stringify(describe(grant))}\n`);
    }),
  );
}
