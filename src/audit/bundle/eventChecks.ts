import type { StoredEvent } from '../../records/storedEvent.ts';
import { eventHash, GENESIS_HASH } from '../eventHash.ts';
import type { BundleFailure } from './bundleReport.ts';

/**
 * The rules every event of the global order must keep, checked one event at a time:
 *   1. its stored hash is the hash of its fields (src/audit/eventHash.ts);
 *   2. positions strictly increase;
 *   3. ids are unique;
 *   4. per stream, revisions run 0, 1, 2… and prevHash names the predecessor's stored hash
 *      (GENESIS_HASH, 64 zeros, at revision 0).
 * The chain is followed through *stored* hashes, so an edited event is reported once (HASH_MISMATCH);
 * re-hashing it to hide the edit then shows at its successor (PREV_HASH_MISMATCH) and in the Merkle root.
 */
export type EventCheckKind = 'HASH_MISMATCH' | 'PREV_HASH_MISMATCH' | 'REVISION_GAP' | 'POSITION_ORDER' | 'DUPLICATE_ID';

/**
 * The one implementation of the chain rules, shared by the offline bundle verifier and the server's
 * own verification (src/audit/verifyChain.ts), so the two can never disagree on what a valid log is.
 */
export class EventChecker {
  private readonly heads = new Map<string, { revision: bigint; hash: string }>();
  private readonly ids = new Set<string>();
  private lastPosition: bigint | undefined;

  /** The rules `event` breaks, given every event checked before it; `line` (1-based, bundles only) is copied into each failure. */
  check(event: StoredEvent, line?: number): readonly EventFailure[] {
    return this.checkLinks(event, eventHash(event), line);
  }

  /**
   * The same rules, with rule 1 taking `recomputed` as the hash of the event's fields (computed
   * elsewhere, e.g. in parallel by src/audit/parallel). Rules 2–4 read only the fields of ChainLink.
   */
  checkLinks(event: ChainLink, recomputed: string, line?: number): readonly EventFailure[] {
    // Allocates nothing for an event that keeps every rule (the common case, a million times over).
    let failures: EventFailure[] | undefined;

    if (recomputed !== event.hash) failures = withFailure(failures, event, line, 'HASH_MISMATCH', `stored hash ${event.hash}, but the event's fields hash to ${recomputed}`);

    if (this.lastPosition !== undefined && event.position <= this.lastPosition) {
      failures = withFailure(failures, event, line, 'POSITION_ORDER', `position ${event.position} does not follow position ${this.lastPosition}`);
    }
    this.lastPosition = event.position;

    if (this.ids.has(event.id)) failures = withFailure(failures, event, line, 'DUPLICATE_ID', `event id ${event.id} appears more than once`);
    this.ids.add(event.id);

    const head = this.heads.get(event.stream);
    const expectedRevision = head ? head.revision + 1n : 0n;
    if (event.revision !== expectedRevision) {
      // The predecessor is missing or misplaced, so the hash it should name is unknown: one failure, not two.
      failures = withFailure(failures, event, line, 'REVISION_GAP', `stream ${event.stream} expected revision ${expectedRevision}, found ${event.revision}`);
    } else {
      const expectedPrev = head ? head.hash : GENESIS_HASH;
      if (event.prevHash !== expectedPrev) {
        failures = withFailure(failures, event, line, 'PREV_HASH_MISMATCH', `prevHash ${event.prevHash} does not name the stream predecessor's hash ${expectedPrev}`);
      }
    }
    if (head) {
      head.revision = event.revision;
      head.hash = event.hash;
    } else {
      this.heads.set(event.stream, { revision: event.revision, hash: event.hash });
    }
    return failures ?? NO_FAILURES;
  }
}

/** One broken rule. */
export type EventFailure = BundleFailure & { kind: EventCheckKind };

/** The fields rules 2–4 read. */
export type ChainLink = Pick<StoredEvent, 'position' | 'id' | 'stream' | 'revision' | 'prevHash' | 'hash'>;

function withFailure(failures: EventFailure[] | undefined, event: ChainLink, line: number | undefined, kind: EventCheckKind, message: string): EventFailure[] {
  const failure: EventFailure = { kind, position: event.position.toString(), eventId: event.id, ...(line !== undefined && { line }), message };
  return failures ? [...failures, failure] : [failure];
}

const NO_FAILURES: readonly EventFailure[] = Object.freeze([]);
