import { Command, InvalidArgumentError } from 'commander';
import { isCalendarDate } from '../domain/primitives.ts';
import { eventsCommand } from './eventsCommand.ts';
import { exportCommand } from './exportCommand.ts';
import { importCommand } from './importCommand.ts';
import { seedCommand } from './seedCommand.ts';
import { serveCommand } from './serveCommand.ts';
import { stateCommand } from './stateCommand.ts';
import { verifyCommand } from './verifyCommand.ts';

const isoDate = (value: string) => {
  if (!isCalendarDate(value)) throw new InvalidArgumentError('must be a real calendar date, YYYY-MM-DD');
  return value;
};
const position = (value: string) => {
  if (!/^\d{1,20}$/.test(value)) throw new InvalidArgumentError('must be a ledger position (a non-negative integer)');
  return BigInt(value);
};

/** The `transition-ledger` command line. Configuration comes from the same environment as the server. */
export function buildProgram(): Command {
  const program = new Command('transition-ledger')
    .description('Event-sourced, verifiable ledger of local-government transitions (configured by environment; see README)')
    .showHelpAfterError();

  program.command('serve').description('serve the HTTP API').action(serveCommand);
  program
    .command('seed')
    .argument('<name>', 'demo scenario, e.g. chumbivilcas-2018')
    .description('record a demo scenario through the validated write path (idempotent)')
    .action(seedCommand);
  program
    .command('state')
    .argument('<lgId>', 'INEI ubigeo of the local government, e.g. 080707')
    .option('--as-of <date>', 'only facts that had happened by this date', isoDate)
    .option('--at-position <n>', 'only what had been recorded up to this position', position)
    .description("print a local government's state")
    .action(stateCommand);
  program
    .command('events')
    .option('--stream <stream>', 'only this stream, e.g. lg-080707')
    .option('--type <type>', 'only this event type, e.g. PlanAdopted')
    .description('print stored events as JSON lines')
    .action(eventsCommand);
  program.command('verify').description('verify the hash chain; exits 1 at the first broken position').action(verifyCommand);
  program.command('export').argument('<file>', 'JSON-lines file to create').description('export every event, hashes included').action(exportCommand);
  program.command('import').argument('<file>', 'JSON-lines export').description('import an export into an empty store').action(importCommand);
  return program;
}
