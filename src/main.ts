import { buildProgram } from './cli/program.ts';

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    console.error(`transition-ledger: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
