import { Command, InvalidArgumentError } from 'commander';
import { isCalendarDate } from '../domain/primitives.ts';
import { parseLedgerPosition } from '../records/ledgerPosition.ts';
import { eventsCommand } from './eventsCommand.ts';
import { exportCommand } from './exportCommand.ts';
import { importCommand } from './importCommand.ts';
import { importLocalGovernmentsCommand } from './importLocalGovernmentsCommand.ts';
import { migrateCommand } from './migrateCommand.ts';
import { seedCommand } from './seedCommand.ts';
import { serveCommand } from './serveCommand.ts';
import { stateCommand } from './stateCommand.ts';
import { verifyCommand } from './verifyCommand.ts';
import { diffCommand } from './diffCommand.ts';
import { replayCommand } from './replayCommand.ts';
import { verifyBundleCommand } from './verifyBundleCommand.ts';
import { tokensProgram } from './tokensProgram.ts';
import { personalDataEraseCommand } from './personalDataCommand.ts';
import { witnessProgram } from './witnessCommand.ts';
import { checkDocumentCommand } from './checkDocumentCommand.ts';

const isoDate = (value: string) => {
  if (!isCalendarDate(value)) throw new InvalidArgumentError('must be a real calendar date, YYYY-MM-DD');
  return value;
};
const position = (value: string) => {
  const parsed = parseLedgerPosition(value);
  if (parsed === undefined) throw new InvalidArgumentError('must be a ledger position (a non-negative integer up to 2^63-1)');
  return parsed;
};

const workerCount = (value: string) => {
  if (!/^\d{1,3}$/.test(value)) throw new InvalidArgumentError('must be a whole number of threads, 0 to 999');
  return Number(value);
};

const collect = (value: string, previous: string[]) => [...previous, value];
const count = (value: string) => {
  if (!/^\d{1,4}$/.test(value)) throw new InvalidArgumentError('must be a non-negative integer');
  return Number(value);
};

/** The `transition-ledger` command line. Configuration comes from the same environment as the server. */
export function buildProgram(): Command {
  const program = new Command('transition-ledger')
    .description('Event-sourced, verifiable ledger of local-government transitions (configured by environment; see README)')
    .showHelpAfterError();

  program.command('serve').description('serve the HTTP API').action(serveCommand);
  program
    .command('seed')
    .argument('<name>', 'demo scenario: chumbivilcas (2018 and 2026) or chumbivilcas-2018')
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
  program
    .command('verify')
    .option('--workers <n>', 'hashing threads for a SQLite ledger (0: serial; default: the available cores, from 50,000 events on)', workerCount)
    .description('verify the hash chain and compute the Merkle root; exits 1 at the first broken position')
    .action(verifyCommand);
  program
    .command('export')
    .argument('[file]', 'JSON-lines file to create')
    .option('--bundle <dir>', 'write an audit bundle (events, checkpoints, public key) into this directory instead')
    .description('export every event, hashes included; or an audit bundle for verify-bundle')
    .action(exportCommand);
  program
    .command('verify-bundle')
    .argument('<dir>', 'audit bundle directory, made by export --bundle')
    .option('--json', 'print the report as JSON')
    .option('--expect-key-fingerprint <hex>', "the ledger key's fingerprint, as published out of band")
    .option('--expect-verifier-key <vkey>', "the ledger's note verifier key <origin>+<key id>+<key>, as published out of band (pins key and origin)")
    .option('--allow-unsigned-tail', 'accept events after the last checkpoint, and count them, instead of failing')
    .option('--trusted-checkpoint <file>', 'a checkpoint you held before (note or JSON); the bundle must extend it consistently (repeatable)', collect, [])
    .option('--witness <vkey>', 'a witness cosigner key <name>+<key id>+<key> (repeatable)', collect, [])
    .option('--quorum <k>', 'valid witness cosignatures required on the latest checkpoint (default 1 with --witness)', count)
    .description('check an audit bundle offline (no server, no database); exits 1 on any failure')
    .action(verifyBundleCommand);
  program
    .command('replay')
    .option('--as-of <date>', 'only facts that had happened by this date', isoDate)
    .option('--at-position <n>', 'only what had been recorded up to this position', position)
    .option('--lg <lgId>', 'print only this local government')
    .description('rebuild the projections from the log and print them (progress bar on a terminal)')
    .action(replayCommand);
  program
    .command('diff')
    .argument('<id>', 'local government (INEI ubigeo), or a transition id with --transition')
    .requiredOption('--from <point>', 'a ledger position or a date YYYY-MM-DD')
    .requiredOption('--to <point>', 'a point of the same kind')
    .option('--transition', 'diff a transition dossier instead of a local government')
    .description('events between two points and the fields of the state that changed')
    .action(diffCommand);
  program.command('import').argument('<file>', 'JSON-lines export').description('import an export into an empty store').action(importCommand);
  program
    .command('import-local-governments')
    .argument('<file>', 'INEI directory of districts, e.g. reference/ubigeo-inei-2025.csv (;-separated, with its header)')
    .option('--edition <edition>', "the directory's edition, recorded with every fact (default: the year in the file name)")
    .option('--actor <name>', 'name recorded as the writer of every fact', 'import-local-governments')
    .description('register one provincial municipality per province and one district municipality per other district (idempotent)')
    .action(importLocalGovernmentsCommand);
  program
    .command('check-document')
    .argument('<file>', 'a document file, e.g. a PDF downloaded from a municipality\'s portal')
    .option('--json', 'print the result as JSON')
    .description("print the file's SHA-256 and size and the recorded filings that cite it; exits 1 when none does")
    .action(checkDocumentCommand);
  program.addCommand(tokensProgram());
  program.addCommand(witnessProgram());
  program
    .command('migrate')
    .requiredOption('--from <store>', 'source: SQLite file or data directory, or esdb:// / esdb+discover:// connection string')
    .requiredOption('--to <store>', 'target, named the same way; created if it is a SQLite file that does not exist')
    .description('copy the ledger to another store, resuming where an earlier run stopped, and verify the copy')
    .action(migrateCommand);
  program
    .command('personal-data')
    .description("a data subject's personal data (Ley N° 29733; docs/personal-data.md)")
    .command('erase')
    .requiredOption('--subject <subjectId>', 'the data subject whose values are erased')
    .requiredOption('--basis <text>', 'legal basis, e.g. "Ley N° 29733, art. 20"')
    .requiredOption('--requested-by <text>', 'who asked, as an office or role, e.g. "titular de los datos"')
    .option('--on <date>', 'day of the erasure (default: today)', isoDate)
    .option('--actor <name>', 'recorded as the actor: the officer who answers', 'cli:data-protection-officer')
    .description('record PersonalDataErased and destroy the subject\'s key; every value sealed under it reads [dato personal suprimido]')
    .action(personalDataEraseCommand);
  return program;
}
