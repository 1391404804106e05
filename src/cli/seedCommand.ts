import { seedLedger, SEEDS, type SeedName } from '../seed/seedLedger.ts';
import { withLedger } from './withLedger.ts';

export async function seedCommand(name: string): Promise<void> {
  if (!Object.hasOwn(SEEDS, name)) throw new Error(`Unknown seed ${name}; known: ${Object.keys(SEEDS).join(', ')}`);
  const result = await withLedger((ledger) => seedLedger(ledger.record, name as SeedName));
  const later = result.skipped.length > 0 ? ` ${result.skipped.length} dated after today skipped (seed again later to record them).` : '';
  console.log(`Seed ${name}: ${result.recorded} events recorded, ${result.alreadyPresent} already present.${later}`);
}
