import { buildProgram } from './cli/program.ts';
import { createFilesOwnerOnly } from './composition/dataDirectory.ts';

// Before any command creates a file: what the ledger writes is its owner's alone.
createFilesOwnerOnly();

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    console.error(`transition-ledger: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
