import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { w1BatchedAppend } from './workloads/appends.ts';

/**
 * Runs W1 alone on a fresh file, for `node --cpu-prof` (see bench/profileTop.ts) or valgrind:
 *   node --cpu-prof --cpu-prof-dir=prof --import tsx bench/w1Profile.ts [batches] [runs]
 */
const dir = mkdtempSync(join(tmpdir(), 'w1-'));
try {
  const rates = await w1BatchedAppend(join(dir, 'w1.sqlite'), Number(process.argv[2] ?? 1000), Number(process.argv[3] ?? 1));
  console.log(JSON.stringify({ rates: rates.map(Math.round) }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
