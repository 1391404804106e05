import { afterAll, describe, expect, it } from 'vitest';
import { runLedgerCli } from '../support/ledgerCli.ts';
import { startChildServer } from '../support/childServer.ts';
import { createTempDir } from '../support/tempDir.ts';

/** The `tokens` commands as an operator runs them, against a server running in another process. */
describe('transition-ledger tokens create|list|revoke', () => {
  const dir = createTempDir('ledger-tokens-');
  const env = { LEDGER_DATA_DIR: dir.path };
  afterAll(() => dir.remove());

  it('given a running server, when a token is created, used, listed and revoked with the CLI, then the server accepts it and then refuses it', async () => {
    const created = await runLedgerCli(['tokens', 'create', '--name', 'registro-cusco', '--role', 'registrar', '--note', 'Gobierno Regional'], env);
    expect(created.code).toBe(0);
    expect(created.stderr).toContain('shown this once');
    const grant = JSON.parse(created.stdout);
    expect(grant).toMatchObject({ name: 'registro-cusco', role: 'registrar', token: expect.stringMatching(/^tl_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/) });

    const server = await startChildServer(dir.path);
    try {
      const write = (lgId: string) =>
        fetch(`${server.url}/api/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${grant.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'LocalGovernmentRegistered', data: { lgId, name: 'Municipalidad', level: 'district', province: 'P', department: 'D' } }),
        });
      expect((await write('080701')).status).toBe(201);

      const listed = await runLedgerCli(['tokens', 'list'], env);
      expect(listed.code).toBe(0);
      expect(listed.stdout).not.toContain(grant.token.slice(20));
      expect(listed.stdout).not.toContain('secretHash');
      expect(JSON.parse(listed.stdout.trim().split('\n')[0]!)).toMatchObject({ tokenId: grant.tokenId, name: 'registro-cusco', grantedBy: expect.stringMatching(/^cli:/) });

      const revoked = await runLedgerCli(['tokens', 'revoke', grant.tokenId, '--reason', 'fin del encargo'], env);
      expect(revoked.code).toBe(0);
      expect(JSON.parse(revoked.stdout)).toMatchObject({ revoked: { reason: 'fin del encargo' } });
      expect((await write('080702')).status).toBe(401);

      const verify = await runLedgerCli(['verify'], env);
      expect(verify.code).toBe(0);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 60_000);

  it('given a role without its scope, or an unknown role, when creating, then the CLI exits 1 and says why', async () => {
    const noScope = await runLedgerCli(['tokens', 'create', '--name', 'comision', '--role', 'commission'], env);
    expect(noScope.code).toBe(1);
    expect(noScope.stderr).toContain('scope/transitionIds: is required for the commission role');
    expect(noScope.stderr).toContain('scope/lgId: is required for the commission role');
    const badRole = await runLedgerCli(['tokens', 'create', '--name', 'x', '--role', 'alcalde'], env);
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain('--role must be one of');
  }, 30_000);
});
