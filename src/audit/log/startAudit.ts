import type { Config } from '../../config.ts';
import type { EventStore } from '../../eventStore/eventStore.ts';
import type { LedgerHealth } from '../../health/ledgerHealth.ts';
import { parseWitnessEndpoints } from '../witness/witnessSubmitter.ts';
import { AuditService, type AuditServiceOptions } from './auditService.ts';

/** Builds the server's audit service from the configuration and starts it (catch-up, first verification, timers). */
export async function startAudit(config: Config, store: EventStore, health: LedgerHealth, log?: AuditServiceOptions['log']): Promise<AuditService> {
  const audit = new AuditService({
    store,
    health,
    dataDir: config.LEDGER_DATA_DIR,
    keyFile: config.LEDGER_SIGNING_KEY_FILE,
    origin: config.LEDGER_ORIGIN,
    witnesses: parseWitnessEndpoints(config.LEDGER_WITNESSES),
    checkpointEveryEvents: config.LEDGER_CHECKPOINT_EVERY_EVENTS,
    checkpointEveryMinutes: config.LEDGER_CHECKPOINT_EVERY_MINUTES,
    verifyEveryMinutes: config.LEDGER_VERIFY_EVERY_MINUTES,
    log,
  });
  try {
    await audit.start();
  } catch (error) {
    await audit.close();
    throw error;
  }
  return audit;
}
