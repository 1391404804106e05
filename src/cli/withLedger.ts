import { loadConfig } from '../config.ts';
import { openLedger, type Ledger } from '../composition/openLedger.ts';

/** Runs a CLI command against the configured store and always closes it. */
export async function withLedger<T>(fn: (ledger: Ledger) => Promise<T>): Promise<T> {
  const ledger = await openLedger(loadConfig());
  try {
    return await fn(ledger);
  } finally {
    await ledger.close();
  }
}
