import { join } from 'node:path';
import type { EventStore } from '../../eventStore/eventStore.ts';
import type { LedgerHealth } from '../../health/ledgerHealth.ts';
import type { Checkpoint } from '../checkpoint.ts';
import { type LedgerOrigin, loadOrCreateOrigin } from '../ledgerOrigin.ts';
import { verifierKey } from '../note/signedNote.ts';
import { loadOrCreateSigningKey, type SigningKey } from '../signingKey.ts';
import { AUDIT_FILE_NAME, AuditLog } from './auditLog.ts';
import { Checkpointer } from './checkpointer.ts';
import { IntegrityMonitor, type IntegrityMonitorDeps } from './integrityMonitor.ts';
import { MerkleFollower } from './merkleFollower.ts';
import { type WitnessEndpoint, WitnessSubmitter } from '../witness/witnessSubmitter.ts';
import { AuditProofs } from './auditProofs.ts';

export interface AuditServiceOptions {
  store: EventStore;
  health: LedgerHealth;
  /** Where audit.sqlite (and a generated signing key) live. */
  dataDir: string;
  /** PEM Ed25519 private key; generated in dataDir when absent. */
  keyFile?: string;
  /** C2SP checkpoint origin (LEDGER_ORIGIN); generated once into dataDir when absent. */
  origin?: string;
  /** Witnesses to submit every new checkpoint to (LEDGER_WITNESSES). */
  witnesses?: readonly WitnessEndpoint[];
  /** First retry delay for a witness that is down, doubling to 5 minutes. Default 1000 ms. */
  witnessRetryMs?: number;
  /** Sign a checkpoint once this many events are uncovered. 0 disables. */
  checkpointEveryEvents: number;
  /** Sign a checkpoint this often when events are uncovered. 0 disables. */
  checkpointEveryMinutes: number;
  /** Re-verify the whole store this often. 0 disables (it still runs on start and on request). */
  verifyEveryMinutes: number;
  /** How full verifications use worker threads (IntegrityMonitorDeps.parallel); by default, on a SQLite file of 50,000 events or more. */
  parallelVerify?: IntegrityMonitorDeps['parallel'];
  now?: () => Date;
  log?: { info: (obj: object, msg: string) => void; warn: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };
}

/**
 * The audit side of a running ledger: the Merkle follower over the store's global order, signed
 * checkpoints, proofs, and the integrity monitor. One per server process; the CLI does not start it.
 */
export class AuditService {
  readonly key: SigningKey;
  readonly origin: LedgerOrigin;
  /** The note verifier key `<origin>+<key id>+<base64 key>` that checks every checkpoint note. */
  readonly verifierKey: string;
  readonly log: AuditLog;
  readonly follower: MerkleFollower;
  readonly checkpoints: Checkpointer;
  readonly integrity: IntegrityMonitor;
  readonly proofs: AuditProofs;
  readonly witnesses: WitnessSubmitter | undefined;
  private readonly timers: NodeJS.Timeout[] = [];
  private checkpointDue = false;
  private closed = false;

  constructor(private readonly options: AuditServiceOptions) {
    const now = options.now ?? (() => new Date());
    this.key = loadOrCreateSigningKey({ dataDir: options.dataDir, keyFile: options.keyFile });
    this.origin = loadOrCreateOrigin({ dataDir: options.dataDir, configured: options.origin });
    this.verifierKey = verifierKey(this.origin.origin, this.key.publicKey).vkey;
    this.log = AuditLog.open(join(options.dataDir, AUDIT_FILE_NAME));
    this.follower = new MerkleFollower(options.store, this.log, {
      onBadHash: (event, recomputed) =>
        this.integrity.reportProblem(event.position, `HASH_MISMATCH: event ${event.id} stores hash ${event.hash} but hashes to ${recomputed}`),
      onAppended: () => this.maybeCheckpoint(),
      onError: (error) => options.log?.error({ err: error }, 'audit follower could not append a leaf'),
    });
    const witnesses = options.witnesses ?? [];
    this.witnesses = witnesses.length === 0 ? undefined : new WitnessSubmitter({ witnesses, log: this.log, health: options.health, ...(options.log && { logger: options.log }), ...(options.witnessRetryMs !== undefined && { retryMs: options.witnessRetryMs }) });
    this.checkpoints = new Checkpointer({
      store: options.store, log: this.log, key: this.key, origin: this.origin.origin, sync: () => this.follower.sync(), now,
      onSigned: (c) => this.witnesses?.submit(c),
    });
    this.integrity = new IntegrityMonitor({ store: options.store, log: this.log, checkpoints: this.checkpoints, key: this.key, health: options.health, now, parallel: options.parallelVerify });
    this.proofs = new AuditProofs(options.store, this.log, this.checkpoints, () => this.follower.sync());
  }

  /** The checkpoint's note with every witness cosignature recorded for it; undefined for a version 1 checkpoint. */
  noteOf(c: Checkpoint): string | undefined {
    if (c.note === undefined) return undefined;
    const cosignatures = this.log.cosignatures(c.treeSize, c.rootHash);
    return c.note + cosignatures.map((l) => `${l}\n`).join('');
  }

  /** Catches up, verifies the whole store once, then follows it and starts the timers. */
  async start(): Promise<void> {
    const { log } = this.options;
    log?.info({ fingerprint: this.key.fingerprint, keyFile: this.key.path, created: this.key.created }, 'checkpoint signing key (Ed25519); publish this fingerprint to auditors');
    log?.info({ origin: this.origin.origin, created: this.origin.created, verifierKey: this.verifierKey }, 'checkpoint origin; auditors and witnesses verify checkpoint notes with this verifier key');
    for (const warning of this.key.warnings) log?.warn({ keyFile: this.key.path }, warning);
    await this.follower.start();
    // The upper levels of the tree in memory before the first proof (about 0.1 s at 1M events).
    this.log.nodes.warm();
    const report = await this.integrity.verify();
    if (!report.ok) log?.error({ firstInvalidPosition: report.firstInvalidPosition?.toString(), problems: report.problemCount }, 'the event store does not verify; reads will carry a Ledger-Integrity warning');
    const every = (minutes: number, run: () => Promise<unknown>) => {
      if (minutes <= 0) return;
      const timer = setInterval(() => void run().catch((error: unknown) => log?.error({ err: error }, 'audit background task failed')), minutes * 60_000);
      timer.unref();
      this.timers.push(timer);
    };
    every(this.options.checkpointEveryMinutes, async () => {
      if ((await this.checkpoints.uncovered()) > 0) await this.checkpoints.create('ledger', 'interval');
    });
    every(this.options.verifyEveryMinutes, () => this.integrity.verify());
    this.maybeCheckpoint();
    // A witness that was down when the latest checkpoint was signed sees it now.
    const latest = await this.checkpoints.latest();
    if (latest) this.witnesses?.submit(latest);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    this.witnesses?.close();
    await this.follower.close();
    this.log.close();
  }

  /** Signs a checkpoint once enough events are uncovered; never from inside the follower's lock. */
  private maybeCheckpoint(): void {
    const every = this.options.checkpointEveryEvents;
    if (every <= 0 || this.checkpointDue || this.closed) return;
    this.checkpointDue = true;
    setImmediate(() => {
      void (async () => {
        try {
          if (!this.closed && (await this.checkpoints.uncovered()) >= every) await this.checkpoints.create('ledger', `every ${every} events`);
        } catch (error) {
          this.options.log?.error({ err: error }, 'automatic checkpoint failed');
        } finally {
          this.checkpointDue = false;
        }
      })();
    });
  }
}
