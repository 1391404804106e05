import type { EventStore } from '../../eventStore/eventStore.ts';
import type { StoredEvent } from '../../records/storedEvent.ts';
import type { LedgerHealth } from '../../health/ledgerHealth.ts';
import { verifyCheckpointSignature } from '../checkpoint.ts';
import { MAX_REPORTED_PROBLEMS, verifyChain, type ChainProblemKind, type ChainReport } from '../verifyChain.ts';
import type { AuditLeaf, AuditLog } from './auditLog.ts';
import type { Checkpointer } from './checkpointer.ts';
import type { SigningKey } from '../signingKey.ts';
import { SYSTEM_STREAMS } from '../../domain/streams.ts';

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
  checkedAt: string;
}

/** What reads are told while the store is known to be corrupt. */
export type IntegrityStatus = { corrupt: false } | { corrupt: true; firstInvalidPosition: bigint; reason: string };

/** The source name under which chain problems are reported to LedgerHealth. */
export const CHAIN_HEALTH_SOURCE = 'chain';

/**
 * How the server learns that its store was altered underneath it. A full verification runs on
 * start, on a timer and on every GET /api/audit/verify: the chain rules (verifyChain), plus a
 * comparison of every event with the leaf the audit log made of it (which catches an event
 * re-hashed to pass the chain rules, and deleted events), plus every checkpoint's signature and
 * root. The follower adds a cheap check as each leaf is appended. Any finding degrades the shared
 * health (`chain`), which /api/health and every read report; a clean full pass restores it.
 */
export class IntegrityMonitor {
  private running: Promise<IntegrityReport> | undefined;
  private state: IntegrityStatus = { corrupt: false };
  private last: IntegrityReport | undefined;

  constructor(
    private readonly deps: { store: EventStore; log: AuditLog; checkpoints: Checkpointer; key: SigningKey; health: LedgerHealth; now: () => Date },
  ) {}

  status(): IntegrityStatus {
    return this.state;
  }

  lastReport(): IntegrityReport | undefined {
    return this.last;
  }

  /** Marks the store corrupt at `position` until a full verification finds it clean. */
  reportProblem(position: bigint, reason: string): void {
    if (this.state.corrupt && this.state.firstInvalidPosition <= position) return;
    this.state = { corrupt: true, firstInvalidPosition: position, reason };
    this.deps.health.degrade(CHAIN_HEALTH_SOURCE, `first invalid position ${position}: ${reason}`);
  }

  /** Runs a full verification (or joins the one running) and updates the health state. */
  verify(): Promise<IntegrityReport> {
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async run(): Promise<IntegrityReport> {
    const { store, log } = this.deps;
    const extra: IntegrityProblem[] = [];
    const leaves = log.leaves(0);
    let leavesChecked = 0;
    let lastEvent: StoredEvent | undefined;
    // Compare each event with its leaf while verifyChain reads the same pass.
    async function* compared(): AsyncGenerator<StoredEvent> {
      for await (const event of store.readAll()) {
        const next = leaves.next();
        if (!next.done) {
          leavesChecked++;
          const leaf: AuditLeaf = next.value;
          if (leaf.eventId !== event.id || leaf.eventHash !== event.hash) {
            extra.push({
              position: event.position, eventId: event.id, stream: event.stream, kind: 'LEAF_MISMATCH',
              message: `leaf ${leaf.leafIndex} was made from event ${leaf.eventId} with hash ${leaf.eventHash}; the store now holds ${event.id} with hash ${event.hash}`,
            });
          }
        }
        lastEvent = event;
        yield event;
      }
    }
    const chain = await verifyChain(compared());
    const missing = leaves.next();
    // A leaf past the events read may only be an event recorded after the pass read the tail.
    if (!missing.done && (await store.getEvent(missing.value.eventId)) === undefined) {
      const leaf = missing.value;
      extra.push({
        position: leaf.position, eventId: leaf.eventId, stream: '', kind: 'EVENTS_MISSING',
        message: `the audit log has ${log.size()} leaves but the store ends after ${chain.checkedEvents} events; event ${leaf.eventId} (leaf ${leaf.leafIndex}, position ${leaf.position}) is gone`,
      });
    }
    const checkpoints = await this.deps.checkpoints.all();
    for (const c of checkpoints) {
      const ours = c.keyFingerprint === this.deps.key.fingerprint;
      const problem =
        ours && !verifyCheckpointSignature(c, this.deps.key.publicKey) ? 'its signature does not verify'
        : c.treeSize <= log.size() && log.rootHex(c.treeSize) !== c.rootHash ? `its root ${c.rootHash} is not the tree's ${log.rootHex(c.treeSize)}`
        : undefined;
      if (problem) extra.push({ position: c.position, eventId: c.eventId, stream: SYSTEM_STREAMS.checkpoints, kind: 'CHECKPOINT_INVALID', message: `checkpoint of tree size ${c.treeSize}: ${problem}` });
    }

    const problems = [...chain.problems, ...extra].sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
    const problemCount = chain.problemCount + extra.length;
    const first = problems[0];
    const report: IntegrityReport = {
      ok: problemCount === 0,
      checkedEvents: chain.checkedEvents,
      ...(lastEvent && { headPosition: lastEvent.position, headHash: lastEvent.hash }),
      ...(first && { firstInvalidPosition: first.position }),
      problems: problems.slice(0, MAX_REPORTED_PROBLEMS),
      problemCount,
      leavesChecked,
      checkpointsChecked: checkpoints.length,
      checkedAt: this.deps.now().toISOString(),
    };
    this.last = report;
    if (first) {
      this.state = { corrupt: true, firstInvalidPosition: first.position, reason: `${first.kind}: ${first.message}` };
      this.deps.health.degrade(CHAIN_HEALTH_SOURCE, `first invalid position ${first.position}: ${first.kind}`);
    } else {
      this.state = { corrupt: false };
      this.deps.health.restore(CHAIN_HEALTH_SOURCE);
    }
    return report;
  }
}
