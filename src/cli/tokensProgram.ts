import { Command } from 'commander';
import { tokensCreateCommand, tokensListCommand, tokensRevokeCommand } from './tokensCommand.ts';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `transition-ledger tokens create|list|revoke`: API tokens, granted and revoked as events of the access stream. */
export function tokensProgram(): Command {
  const tokens = new Command('tokens').description('manage API tokens (grants and revocations are recorded in the access-tokens stream)');
  tokens
    .command('create')
    .requiredOption('--name <name>', 'recorded as the actor of every event the token writes; unique')
    .requiredOption('--role <role>', 'registrar, commission, authority or auditor')
    .option('--transition <transitionId>', 'commission: a transition of its local government it may write (repeatable)', collect)
    .option('--lg <lgId>', 'authority and commission: the local government (INEI ubigeo) it writes for')
    .option('--note <text>', 'why the token exists, recorded with the grant')
    .description('grant a token and print it once, as JSON')
    .action(tokensCreateCommand);
  tokens.command('list').description('print every token ever granted (never its secret) as JSON lines').action(tokensListCommand);
  tokens
    .command('revoke')
    .argument('<tokenId>', 'the 16-hex-digit id, as printed by create and list')
    .option('--reason <text>', 'recorded with the revocation')
    .description('revoke a token; the server refuses it from its next request')
    .action(tokensRevokeCommand);
  return tokens;
}
