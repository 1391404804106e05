import { Mutex } from 'async-mutex';
import type { EventStore } from '../../eventStore/eventStore.ts';
import type { LedgerHealth } from '../../health/ledgerHealth.ts';
import { EventChecker, type ChainLink, type EventFailure } from '../bundle/eventChecks.ts';
import { verifyCheckpointSignature } from '../checkpoint.ts';
import { ChainReportBuilder, MAX_REPORTED_PROBLEMS, type ChainProblemKind, type ChainReport } from '../verifyChain.ts';
import type { AuditLeaf, AuditLog } from './auditLog.ts';
import type { Checkpointer } from './checkpointer.ts';
import type { SigningKey } from '../signingKey.ts';
import { SYSTEM_STREAMS } from '../../domain/streams.ts';
import { SqliteEventStore } from '../../eventStore/sqliteEventStore.ts';
import { hashedRanges } from '../parallel/hashedRanges.ts';
import { forEachLink } from '../parallel/verifyLedgerInParallel.ts';

export type IntegrityProblemKind =
  | ChainProblemKind
  /** The event at a leaf is not the one (id or hash) the audit log recorded when it first saw it. */
  | 'LEAF_MISMATCH'
  /** The store holds fewer events than the audit log has leaves: events were removed. */
  | 'EVENTS_MISSING'
  /** A recorded checkpoint's signature or root does not match the key or the tree. */
  | 'CHECKPOINT_INVALID';

export interface IntegrityProblem {
  position: bigint;
  eventId: string;
  stream: string;
  kind: IntegrityProblemKind;
  message: string;
}

export interface IntegrityReport extends Omit<ChainReport, 'problems'> {
  problems: IntegrityProblem[];
  /** Leaves compared with the store's events, and the checkpoints checked. */
  leavesChecked: number;
  checkpointsChecked: number;
  /** When the report was last brought up to date: events through `headPosition` were verified by then. */
  checkedAt: string;
}

/** The incremental state, and where the last explicit full re-verification stands. */
export interface IntegrityState extends IntegrityReport {
  fullVerification: {
    running: boolean;
    /** When the running (or else the last) full verification started. */
    startedAt?: string;
    /** When the last full verification finished. */
    completedAt?: string;
  };
}

/** What reads are told while the store is known to be corrupt. */
export type IntegrityStatus = { corrupt: false } | { corrupt: true; firstInvalidPosition: bigint; reason: string };

/** The source name under which chain problems are reported to LedgerHealth. */
export const CHAIN_HEALTH_SOURCE = 'chain';

export interface IntegrityMonitorDeps {
  store: EventStore;
  health: LedgerHealth;
  now: () => Date;
  /** The audit log, checkpoints and key; without them only the chain rules are checked. */
  log?: AuditLog;
  checkpoints?: Checkpointer;
  key?: SigningKey;
  /**
   * Full verifications of a SQLite ledger file reaching position `from` (default PARALLEL_FROM)
   * re-hash its events in `workers` threads (default: the available parallelism; 0 never); smaller
   * logs and other stores are read serially through the store.
   */
  parallel?: { workers?: number; from?: bigint };
}

/** Starting the hashing workers (each loads the TypeScript tree) costs about what hashing this many events serially does. */
export const PARALLEL_FROM = 50_000n;

/** The verification carried forward: the chain rules' state and the problems found so far. */
interface Tail {
  checker: EventChecker;
  chain: ChainReportBuilder;
  /** Position of the last event verified. */
  through?: bigint;
  extra: IntegrityProblem[];
  leavesChecked: number;
  checkpointsChecked: number;
  checkedAt: string;
}

/**
 * How the server learns that its store was altered underneath it, at a cost that does not grow
 * with the log on reads:
 * 1. a full verification (on start, on a timer, or on an auditor's explicit request, single-flight)
 *    reads the whole store: the chain rules (EventChecker), every event against the leaf the audit
 *    log made of it (an event re-hashed to pass the chain rules, deleted events), and every
 *    checkpoint's signature and root;
 * 2. its chain state is then carried forward: `current()` verifies only the events recorded since
 *    (up to the audit log's last leaf, so each is also compared with its leaf) and answers from the
 *    accumulated report. A read therefore never re-scans the log; an edit of an event already
 *    verified is found by the next full verification.
 * The follower adds a hash check as each leaf is appended. Any finding degrades the shared health
 * (`chain`), which /api/health and every read report; a clean full pass restores it.
 */
export class IntegrityMonitor {
  private running: Promise<IntegrityReport> | undefined;
  private state: IntegrityStatus = { corrupt: false };
  private tail: Tail | undefined;
  private last: IntegrityReport | undefined;
  private full: IntegrityState['fullVerification'] = { running: false };
  /** Serializes catch-ups: the tail's checker must see events once, in order. */
  private readonly lock = new Mutex();

  constructor(private readonly deps: IntegrityMonitorDeps) {}

  status(): IntegrityStatus {
    return this.state;
  }

  /** The report of the last full verification. */
  lastReport(): IntegrityReport | undefined {
    return this.last;
  }

  /** Marks the store corrupt at `position` until a full verification finds it clean. */
  reportProblem(position: bigint, reason: string): void {
    if (this.state.corrupt && this.state.firstInvalidPosition <= position) return;
    this.state = { corrupt: true, firstInvalidPosition: position, reason };
    this.deps.health.degrade(CHAIN_HEALTH_SOURCE, `first invalid position ${position}: ${reason}`);
  }

  /**
   * The verification as it stands, after verifying the events recorded since the last call (none
   * are re-read). Before any full verification has run, the first call verifies the chain from the
   * start, once.
   */
  async current(): Promise<IntegrityState> {
    await this.lock.runExclusive(async () => {
      this.tail ??= this.freshTail(0, 0);
      await this.advance(this.tail);
    });
    return { ...this.reportOf(this.tail!), fullVerification: { ...this.full } };
  }

  /** Starts a full verification, or joins the one running; resolves when it has finished. */
  verify(): Promise<IntegrityReport> {
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async run(): Promise<IntegrityReport> {
    const { store, log } = this.deps;
    this.full = { running: true, startedAt: this.deps.now().toISOString(), completedAt: this.full.completedAt };
    try {
      const checkpoints = (await this.deps.checkpoints?.all()) ?? [];
      const tail = this.freshTail(0, checkpoints.length);
      const leaves = log?.leaves(0);
      // 1. Every event: the chain rules, and the leaf the audit log made of it; hashed in worker
      //    threads for a large SQLite file, the rules applied here in order either way.
      const parallel = await this.parallelFile();
      if (parallel) {
        for await (const range of hashedRanges(parallel.file, { workers: parallel.workers })) {
          forEachLink(range, (event, recomputed) => this.check(tail, event, tail.checker.checkLinks(event, recomputed), leaves?.next()));
        }
      } else {
        for await (const event of store.readAll()) this.check(tail, event, tail.checker.check(event), leaves?.next());
      }
      // 2. A leaf past the events read may only be an event recorded after the pass read the tail.
      const missing = leaves?.next();
      if (missing && !missing.done && (await store.getEvent(missing.value.eventId)) === undefined) {
        const leaf = missing.value;
        tail.extra.push({
          position: leaf.position, eventId: leaf.eventId, stream: '', kind: 'EVENTS_MISSING',
          message: `the audit log has ${log!.size()} leaves but the store ends after ${tail.chain.build().checkedEvents} events; event ${leaf.eventId} (leaf ${leaf.leafIndex}, position ${leaf.position}) is gone`,
        });
      }
      // 3. Every checkpoint: our signature, and the root of the tree it names.
      for (const c of checkpoints) {
        const ours = c.keyFingerprint === this.deps.key?.fingerprint;
        const problem =
          ours && !verifyCheckpointSignature(c, this.deps.key!.publicKey) ? 'its signature does not verify'
          : log && c.treeSize <= log.size() && log.rootHex(c.treeSize) !== c.rootHash ? `its root ${c.rootHash} is not the tree's ${log.rootHex(c.treeSize)}`
          : undefined;
        if (problem) tail.extra.push({ position: c.position, eventId: c.eventId, stream: SYSTEM_STREAMS.checkpoints, kind: 'CHECKPOINT_INVALID', message: `checkpoint of tree size ${c.treeSize}: ${problem}` });
      }
      tail.checkedAt = this.deps.now().toISOString();
      const report = this.reportOf(tail);
      this.last = report;
      // 4. This pass becomes the state carried forward (a clean one clears earlier findings).
      await this.lock.runExclusive(() => {
        this.tail = tail;
      });
      if (report.firstInvalidPosition === undefined) {
        this.state = { corrupt: false };
        this.deps.health.restore(CHAIN_HEALTH_SOURCE);
      }
      this.updateHealth(report);
      return report;
    } finally {
      this.full = { ...this.full, running: false, completedAt: this.deps.now().toISOString() };
    }
  }

  private freshTail(leavesChecked: number, checkpointsChecked: number): Tail {
    return { checker: new EventChecker(), chain: new ChainReportBuilder(), extra: [], leavesChecked, checkpointsChecked, checkedAt: this.deps.now().toISOString() };
  }

  /** Verifies the events after `tail.through`; with an audit log, only those it has made leaves of. */
  private async advance(tail: Tail): Promise<void> {
    const { store, log } = this.deps;
    const upTo = log ? log.lastPosition() : undefined;
    if (log && (upTo === undefined || (tail.through !== undefined && upTo <= tail.through))) return;
    const leaves = log?.leaves(tail.leavesChecked);
    let read = 0;
    for await (const event of store.readAll({ after: tail.through, upTo })) {
      this.check(tail, event, tail.checker.check(event), leaves?.next());
      read++;
    }
    if (read === 0) return;
    tail.checkedAt = this.deps.now().toISOString();
    this.updateHealth(this.reportOf(tail));
  }

  /** The ledger file and thread count for a parallel full verification, when it is worth it. */
  private async parallelFile(): Promise<{ file: string; workers: number | undefined } | undefined> {
    const { store, parallel } = this.deps;
    if (parallel?.workers === 0 || !(store instanceof SqliteEventStore) || store.file === undefined) return undefined;
    const head = await store.headPosition();
    return head !== undefined && head >= (parallel?.from ?? PARALLEL_FROM) ? { file: store.file, workers: parallel?.workers } : undefined;
  }

  /** Records `event`'s chain failures, and compares it with the audit log's next leaf. */
  private check(tail: Tail, event: ChainLink, failures: readonly EventFailure[], next: IteratorResult<AuditLeaf> | undefined): void {
    tail.chain.add(event, failures);
    tail.through = event.position;
    if (next === undefined || next.done) return;
    tail.leavesChecked++;
    const leaf = next.value;
    if (leaf.eventId !== event.id || leaf.eventHash !== event.hash) {
      tail.extra.push({
        position: event.position, eventId: event.id, stream: event.stream, kind: 'LEAF_MISMATCH',
        message: `leaf ${leaf.leafIndex} was made from event ${leaf.eventId} with hash ${leaf.eventHash}; the store now holds ${event.id} with hash ${event.hash}`,
      });
    }
  }

  private reportOf(tail: Tail): IntegrityReport {
    const chain = tail.chain.build();
    const problems = [...chain.problems, ...tail.extra].sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
    const problemCount = chain.problemCount + tail.extra.length;
    const first = problems[0];
    return {
      ok: problemCount === 0,
      checkedEvents: chain.checkedEvents,
      ...(chain.headPosition !== undefined && { headPosition: chain.headPosition, headHash: chain.headHash }),
      ...(first && { firstInvalidPosition: first.position }),
      problems: problems.slice(0, MAX_REPORTED_PROBLEMS),
      problemCount,
      leavesChecked: tail.leavesChecked,
      checkpointsChecked: tail.checkpointsChecked,
      checkedAt: tail.checkedAt,
    };
  }

  private updateHealth(report: IntegrityReport): void {
    const first = report.problems[0];
    if (!first) return;
    this.state = { corrupt: true, firstInvalidPosition: first.position, reason: `${first.kind}: ${first.message}` };
    this.deps.health.degrade(CHAIN_HEALTH_SOURCE, `first invalid position ${first.position}: ${first.kind}`);
  }
}
