import { pino } from 'pino';
import { loadConfig } from '../config.ts';
import { resolveAdminToken } from '../composition/adminToken.ts';
import { openLedger } from '../composition/openLedger.ts';
import { buildApp } from '../http/buildApp.ts';
import { seedLedger } from '../seed/seedLedger.ts';

/** `serve`: the HTTP API on the configured store, seeding the demo first when LEDGER_SEED asks for it. */
export async function serveCommand(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.LOG_LEVEL });
  const ledger = await openLedger(config);

  const admin = resolveAdminToken(config.LEDGER_DATA_DIR, config.LEDGER_ADMIN_TOKEN);
  if (admin.file) logger.info({ file: admin.file, created: admin.created }, 'admin token for writes is in this file (mode 0600)');

  if (config.LEDGER_SEED && (await ledger.store.headPosition()) === undefined) {
    const result = await seedLedger(ledger.record, config.LEDGER_SEED);
    logger.info({ seed: config.LEDGER_SEED, ...result }, 'demo recorded into the empty store');
  }

  const app = await buildApp({
    store: ledger.store,
    storeName: ledger.storeName,
    record: ledger.record,
    credentials: [{ name: 'admin', role: 'registrar', token: admin.token }],
    logger,
  });

  // Graceful stop: refuse new connections, let requests in flight finish, then close the store.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await app.close();
    await ledger.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  await app.listen({ port: config.PORT, host: config.HOST });
}
