import { buildProgram } from './cli/program.ts';
import { createFilesOwnerOnly } from './composition/dataDirectory.ts';

// Before any command creates a file: what the ledger writes is its owner's alone.
createFilesOwnerOnly();

// A reader that stops early (`events | head -3`) closes the pipe: that is the end of the output, not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    console.error(`transition-ledger: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
