import { verifyChain } from '../audit/verifyChain.ts';
import { withLedger } from './withLedger.ts';

/** `verify`: recompute the whole chain; exit code 1 and the first bad position when it is broken. */
export async function verifyCommand(): Promise<void> {
  const report = await withLedger(({ store }) => verifyChain(store.readAll()));
  if (report.ok) {
    console.log(`OK: ${report.checkedEvents} events verified; head position ${report.headPosition ?? '-'}, head hash ${report.headHash ?? '-'}`);
    return;
  }
  console.error(`BROKEN: first invalid position ${report.firstInvalidPosition}; ${report.problemCount} problem(s)${report.problemCount > report.problems.length ? `, the first ${report.problems.length} listed` : ""}:`);
  for (const p of report.problems) console.error(`  position ${p.position} (${p.stream}, event ${p.eventId}): ${p.kind}: ${p.message}`);
  process.exitCode = 1;
}
