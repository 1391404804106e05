import { eventHash } from '../audit/eventHash.ts';
import type { EventStore } from '../eventStore/eventStore.ts';
import type { StoredEvent } from '../records/storedEvent.ts';
import { copyInOrder } from './copyInOrder.ts';
import { summarizeLedger, summaryDifferences, type LedgerSummary } from './ledgerSummary.ts';
import { MigrationError } from './migrationError.ts';

export interface MigrationProgress {
  /** Events of the source to be in the target at the end. */
  total: number;
  /** Events in the target so far: those it already had plus those copied. */
  done: number;
}

export interface MigrateOptions {
  /** Called once the source is verified and the target's prefix checked, then after every append. */
  onProgress?: (progress: MigrationProgress) => void;
}

export interface MigrationResult {
  /** Events the target already had (a resumed migration), checked by id and hash. */
  alreadyPresent: number;
  copied: number;
  /** The source as verified, equal to the target's after the copy. */
  summary: LedgerSummary;
}

/** A source whose chain verified, fixed at its head position when it was verified. */
export interface VerifiedSource {
  store: EventStore;
  /** Position of its last event then; undefined for an empty ledger. */
  head?: bigint;
  summary: LedgerSummary;
}

/**
 * Steps 1 and 2 of a migration, before the target is even opened:
 *
 * 1. Fix the source's head position, so that a source still being written to is copied up to a
 *    definite point (run again to copy what came after).
 * 2. Verify the source's chain up to it; a broken source is refused before anything is written.
 */
export async function verifySource(store: EventStore): Promise<VerifiedSource> {
  const head = await store.headPosition();
  const summary = await summarizeLedger(eventsOf({ store, head }));
  if (!summary.chain.ok) {
    const problem = summary.chain.problems[0];
    throw new MigrationError('SOURCE_CHAIN_BROKEN', `the source's chain does not verify (first invalid position ${summary.chain.firstInvalidPosition}: ${problem?.message}); nothing was copied`);
  }
  return { store, ...(head !== undefined && { head }), summary };
}

/**
 * Copies a verified source into `target`, resumably, and proves the copy:
 *
 * 3. Walk the target alongside the source: every target event must be the source's event at the same
 *    place (same id and hash) and must hash to its stored hash. That prefix was copied by an earlier
 *    run and is skipped; any other event means the target is another ledger, and nothing is written.
 * 4. Append the rest in order (copyInOrder), checking each recomputed hash against the source's.
 * 5. Verify the target's chain and compare it with the source: event count, head id and hash, and
 *    the head of every stream's chain.
 */
export async function migrateLedger(source: VerifiedSource, target: EventStore, options: MigrateOptions = {}): Promise<MigrationResult> {
  const { summary } = source;
  const report = (done: number) => options.onProgress?.({ total: summary.count, done });
  // 3.
  const resume = { alreadyPresent: 0 };
  const rest = afterCommonPrefix(eventsOf(source), target.readAll(), resume, () => report(resume.alreadyPresent));
  // 4.
  const copied = await copyInOrder(rest, target, { onProgress: (n) => report(resume.alreadyPresent + n) });
  // 5.
  const copy = await summarizeLedger(target.readAll());
  const differences = summaryDifferences(summary, copy);
  if (differences.length > 0) throw new MigrationError('VERIFICATION_FAILED', `after copying, the target is not the same ledger as the source: ${differences.join('; ')}`);
  return { alreadyPresent: resume.alreadyPresent, copied, summary };
}

/** The source's events up to the head it was verified at. */
function eventsOf({ store, head }: { store: EventStore; head?: bigint }): AsyncIterable<StoredEvent> {
  return head === undefined ? emptyLog() : store.readAll({ upTo: head });
}

/**
 * The source's events after the longest prefix the target already holds. Reads the whole target
 * before yielding anything, so a target that diverges is refused before the first write.
 */
async function* afterCommonPrefix(
  source: AsyncIterable<StoredEvent>,
  target: AsyncIterable<StoredEvent>,
  resume: { alreadyPresent: number },
  onPrefixChecked: () => void,
): AsyncGenerator<StoredEvent> {
  const fromSource = source[Symbol.asyncIterator]();
  try {
    for await (const present of target) {
      const next = await fromSource.next();
      const place = `its event ${resume.alreadyPresent + 1} (position ${present.position}, id ${present.id}, stream ${present.stream})`;
      if (next.done) throw diverges(`the target has more events than the source: ${place} is not in the source`);
      const expected = next.value;
      if (present.id !== expected.id || present.hash !== expected.hash) {
        throw diverges(`${place} is not the source's event ${resume.alreadyPresent + 1} (id ${expected.id}, stream ${expected.stream}, hash ${expected.hash})`);
      }
      if (eventHash(present) !== present.hash) throw diverges(`${place} does not hash to its stored hash: the target was altered`);
      resume.alreadyPresent++;
    }
    onPrefixChecked();
    for (let next = await fromSource.next(); !next.done; next = await fromSource.next()) yield next.value;
  } finally {
    await fromSource.return?.();
  }
}

function diverges(detail: string): MigrationError {
  return new MigrationError('TARGET_DIVERGES', `the target is not a copy of the source, so it cannot be resumed: ${detail}; nothing was written`);
}

async function* emptyLog(): AsyncGenerator<StoredEvent> {}
