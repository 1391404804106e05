import { join } from 'node:path';
import { loadConfig } from '../config.ts';
import { resolveAdminToken } from '../composition/adminToken.ts';
import { claimDataDir } from '../composition/dataDirStore.ts';
import { openLedger } from '../composition/openLedger.ts';
import { buildApp } from '../http/buildApp.ts';
import { installGracefulShutdown } from '../http/hardening/gracefulShutdown.ts';
import { createLogger } from '../http/hardening/logger.ts';
import { parseCorsOrigins } from '../http/hardening/securityOptions.ts';
import { seedLedger } from '../seed/seedLedger.ts';
import { startAudit } from '../audit/log/startAudit.ts';
import { LedgerHealth } from '../health/ledgerHealth.ts';
import { WEB_SESSIONS_FILE_NAME } from '../web/session/sessionStore.ts';
import { stopWithNpmParent } from './stopWithParent.ts';

/** `serve`: the HTTP API on the configured store, seeding the demo first when LEDGER_SEED asks for it. */
export async function serveCommand(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  // A data directory built for the other store would resume from positions that mean nothing here.
  claimDataDir(config.LEDGER_DATA_DIR, config.LEDGER_STORE);
  const health = new LedgerHealth();
  // One clock for the write path and the seeder, so the demo skips exactly the facts the rules would call future.
  const clock = () => new Date();
  const ledger = await openLedger(config, clock, { health });

  // A writer on EventStoreDB takes the writer lease now, so /api/health says at once if another holds it.
  const lease = (ledger.store as { writerLease?: { acquire(): Promise<void> } }).writerLease;
  await lease?.acquire().catch((error: unknown) => {
    health.degrade('writer-lease', (error as Error).message);
    logger.warn({ err: error }, 'writer lease not acquired; writes are refused until it is');
  });

  const admin = resolveAdminToken(config.LEDGER_DATA_DIR, config.LEDGER_ADMIN_TOKEN);
  if (admin.file) logger.info({ file: admin.file, created: admin.created }, 'admin token for writes is in this file (mode 0600)');

  // 1. The demo goes only into an empty store; otherwise the log says why, and how to start over.
  let seeded = false;
  if (config.LEDGER_SEED) {
    const head = await ledger.store.headPosition();
    if (head === undefined) {
      const { recorded, alreadyPresent, skipped } = await seedLedger(ledger.record, config.LEDGER_SEED, { clock });
      logger.info({ seed: config.LEDGER_SEED, recorded, alreadyPresent, skippedAfterToday: skipped.length }, 'demo recorded into the empty store');
      if (skipped.length > 0) {
        const today = clock().toISOString().slice(0, 10);
        logger.info({ seed: config.LEDGER_SEED, today, skipped }, 'demo facts dated after today not recorded; run `seed` again on a later day to record them');
      }
      seeded = true;
    } else {
      logger.info(
        {
          seed: config.LEDGER_SEED,
          reason: `the store already holds events, up to position ${head} (the demo, an earlier run, or \`tokens create\`); the demo is recorded only into an empty store`,
          reset: `stop the server, remove ${config.LEDGER_DATA_DIR} (it holds the store, the audit log and the signing key), then run npm run demo again`,
        },
        'demo not recorded',
      );
    }
  }

  // 2. The Merkle log follows the store from here on; it catches up with what the seed wrote.
  //    A replica signs no checkpoints: they are appends, and only the writer appends.
  const auditConfig = config.LEDGER_ROLE === 'replica' ? { ...config, LEDGER_CHECKPOINT_EVERY_EVENTS: 0, LEDGER_CHECKPOINT_EVERY_MINUTES: 0 } : config;
  const audit = await startAudit(auditConfig, ledger.store, health, logger);
  // 3. A fresh demo ends with a signed checkpoint, so an auditor's first look finds one to verify.
  if (seeded) {
    const { checkpoint } = await audit.checkpoints.create('demo-seed', 'after the demo was recorded');
    logger.info({ treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash }, 'demo covered by a signed checkpoint');
  }

  const app = await buildApp({
    health,
    audit,
    store: ledger.store,
    storeName: ledger.storeName,
    record: ledger.record,
    vault: ledger.vault,
    documents: ledger.documents,
    credentials: [{ name: 'admin', role: 'registrar', token: admin.token }],
    logger,
    readIndexFile: join(config.LEDGER_DATA_DIR, 'read-index.sqlite'),
    trustProxy: config.LEDGER_TRUST_PROXY,
    webSessions: {
      file: join(config.LEDGER_DATA_DIR, WEB_SESSIONS_FILE_NAME),
      idleMs: config.LEDGER_SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: config.LEDGER_SESSION_MAX_MINUTES * 60_000,
    },
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
