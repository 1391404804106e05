import type { StoredEvent } from '../../eventStore/eventStore.ts';
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
  check(event: StoredEvent, line?: number): (BundleFailure & { kind: EventCheckKind })[] {
    const failures: (BundleFailure & { kind: EventCheckKind })[] = [];
    const fail = (kind: EventCheckKind, message: string) =>
      failures.push({ kind, position: event.position.toString(), eventId: event.id, ...(line !== undefined && { line }), message });

    const recomputed = eventHash(event);
    if (recomputed !== event.hash) fail('HASH_MISMATCH', `stored hash ${event.hash}, but the event's fields hash to ${recomputed}`);

    if (this.lastPosition !== undefined && event.position <= this.lastPosition) {
      fail('POSITION_ORDER', `position ${event.position} does not follow position ${this.lastPosition}`);
    }
    this.lastPosition = event.position;

    if (this.ids.has(event.id)) fail('DUPLICATE_ID', `event id ${event.id} appears more than once`);
    this.ids.add(event.id);

    const head = this.heads.get(event.stream);
    const expectedRevision = head ? head.revision + 1n : 0n;
    if (event.revision !== expectedRevision) {
      // The predecessor is missing or misplaced, so the hash it should name is unknown: one failure, not two.
      fail('REVISION_GAP', `stream ${event.stream} expected revision ${expectedRevision}, found ${event.revision}`);
    } else {
      const expectedPrev = head ? head.hash : GENESIS_HASH;
      if (event.prevHash !== expectedPrev) {
        fail('PREV_HASH_MISMATCH', `prevHash ${event.prevHash} does not name the stream predecessor's hash ${expectedPrev}`);
      }
    }
    this.heads.set(event.stream, { revision: event.revision, hash: event.hash });
    return failures;
  }
}
