import { join } from 'node:path';
import { loadConfig } from '../config.ts';
import { resolveAdminToken } from '../composition/adminToken.ts';
import { openLedger } from '../composition/openLedger.ts';
import { buildApp } from '../http/buildApp.ts';
import { installGracefulShutdown } from '../http/hardening/gracefulShutdown.ts';
import { createLogger } from '../http/hardening/logger.ts';
import { parseCorsOrigins } from '../http/hardening/securityOptions.ts';
import { seedLedger } from '../seed/seedLedger.ts';
import { startAudit } from '../audit/log/startAudit.ts';
import { LedgerHealth } from '../health/ledgerHealth.ts';
import { stopWithNpmParent } from './stopWithParent.ts';

/** `serve`: the HTTP API on the configured store, seeding the demo first when LEDGER_SEED asks for it. */
export async function serveCommand(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const ledger = await openLedger(config);

  const admin = resolveAdminToken(config.LEDGER_DATA_DIR, config.LEDGER_ADMIN_TOKEN);
  if (admin.file) logger.info({ file: admin.file, created: admin.created }, 'admin token for writes is in this file (mode 0600)');

  if (config.LEDGER_SEED && (await ledger.store.headPosition()) === undefined) {
    const result = await seedLedger(ledger.record, config.LEDGER_SEED);
    logger.info({ seed: config.LEDGER_SEED, ...result }, 'demo recorded into the empty store');
  }

  // The Merkle log follows the store from here on; it catches up with what the seed wrote.
  const health = new LedgerHealth();
  const audit = await startAudit(config, ledger.store, health, logger);

  const app = await buildApp({
    health,
    audit,
    store: ledger.store,
    storeName: ledger.storeName,
    record: ledger.record,
    credentials: [{ name: 'admin', role: 'registrar', token: admin.token }],
    logger,
    readIndexFile: join(config.LEDGER_DATA_DIR, 'read-index.sqlite'),
    security: {
      publicReads: config.LEDGER_PUBLIC_READS,
      corsOrigins: parseCorsOrigins(config.LEDGER_CORS_ORIGINS),
      rateLimitPerMinute: config.LEDGER_RATE_LIMIT_PER_MINUTE,
    },
  });

  // Graceful stop: refuse new connections, let requests in flight finish, then close the store.
  const stop = installGracefulShutdown({ app, close: () => audit.close().then(() => ledger.close()), logger });
  stopWithNpmParent(stop, logger);

  await app.listen({ port: config.PORT, host: config.HOST });
}
