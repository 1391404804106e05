import { join } from 'node:path';
import { Command } from 'commander';
import { parseVerifierKey, SIG_COSIGNATURE_V1, SIG_ED25519, verifierKey } from '../audit/note/signedNote.ts';
import { loadOrCreateSigningKey } from '../audit/signingKey.ts';
import { buildWitnessApp } from '../audit/witness/witnessApp.ts';
import { WitnessState } from '../audit/witness/witnessState.ts';
import { createLogger } from '../http/hardening/logger.ts';

interface WitnessServeOptions {
  dataDir: string;
  name: string;
  log: string[];
  port: number;
  host: string;
}

/**
 * `witness serve`: an independent c2sp.org/tlog-witness for one or more ledgers. Its key
 * (signing-key.pem) and its state (witness.sqlite) live in its own data directory, never the
 * ledger's. Prints its cosigner vkey, which auditors pass to `verify-bundle --witness`.
 */
export function witnessProgram(): Command {
  const witness = new Command('witness').description('run an independent C2SP tlog-witness that cosigns consistent checkpoints');
  witness
    .command('serve')
    .requiredOption('--name <name>', 'the witness key name, a schema-less URL, e.g. testigo.contraloria.gob.pe/w1')
    .requiredOption('--log <vkey>', "a ledger's verifier key (GET /api/audit/public-key → verifierKey); repeatable", (v: string, all: string[]) => [...all, v], [])
    .option('--data-dir <dir>', 'where the witness key and state live', './witness-data')
    .option('--port <port>', 'port to listen on', (v) => Number(v), 3100)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .action(witnessServe);
  return witness;
}

async function witnessServe(options: WitnessServeOptions): Promise<void> {
  const logger = createLogger((process.env.LOG_LEVEL as 'info' | undefined) ?? 'info');
  const logs = options.log.map((v) => {
    const key = parseVerifierKey(v);
    if (!key || key.type !== SIG_ED25519) throw new Error(`--log ${v} is not an Ed25519 note verifier key <origin>+<key id>+<key>`);
    return key;
  });
  if (logs.length === 0) throw new Error('witness serve needs at least one --log <vkey>');
  const key = loadOrCreateSigningKey({ dataDir: options.dataDir });
  const vkey = verifierKey(options.name, key.publicKey, SIG_COSIGNATURE_V1).vkey;
  const state = WitnessState.open(join(options.dataDir, 'witness.sqlite'));
  // Crash tests only: a SIGKILL of our own at a named point of add-checkpoint.
  const crashAt = process.env.LEDGER_WITNESS_FAULT;
  const app = buildWitnessApp({
    name: options.name, privateKey: key.privateKey, logs, state, now: () => new Date(), logger,
    ...(crashAt && { fault: (point: string) => { if (point === crashAt) process.kill(process.pid, 'SIGKILL'); } }),
  });
  app.addHook('onClose', () => state.close());
  await app.listen({ port: options.port, host: options.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  logger.info({ vkey, logs: logs.map((l) => l.name), port }, 'witness listening');
  console.log(`witness vkey: ${vkey}`);
  console.log(`witness listening on http://${options.host}:${port}`);
  const stop = () => void app.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
