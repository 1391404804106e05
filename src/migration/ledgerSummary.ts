import { verifyChain, type ChainReport } from '../audit/verifyChain.ts';
import type { StoredEvent } from '../records/storedEvent.ts';

/** What two copies of one ledger must share, whatever their store. Positions are not in it: each store assigns its own. */
export interface LedgerSummary {
  count: number;
  /** Id and hash of the last event in global order; absent for an empty ledger. */
  headId?: string;
  headHash?: string;
  /** Last revision and hash of every stream: the head of each hash chain. */
  streamHeads: Map<string, { revision: bigint; hash: string }>;
  /** The chain verification done on the same pass. */
  chain: ChainReport;
}

/** Verifies the chain and summarizes the ledger in one pass over `events` (global order). */
export async function summarizeLedger(events: AsyncIterable<StoredEvent>): Promise<LedgerSummary> {
  const streamHeads = new Map<string, { revision: bigint; hash: string }>();
  let headId: string | undefined;
  async function* noting(): AsyncGenerator<StoredEvent> {
    for await (const e of events) {
      streamHeads.set(e.stream, { revision: e.revision, hash: e.hash });
      headId = e.id;
      yield e;
    }
  }
  const chain = await verifyChain(noting());
  return { count: chain.checkedEvents, ...(headId !== undefined && { headId, headHash: chain.headHash }), streamHeads, chain };
}

/** Every way in which `target` is not the same ledger as `source`, as sentences; empty when it is. */
export function summaryDifferences(source: LedgerSummary, target: LedgerSummary): string[] {
  const out: string[] = [];
  if (!target.chain.ok) out.push(`the target's chain does not verify (first invalid position ${target.chain.firstInvalidPosition}: ${target.chain.problems[0]?.message})`);
  if (source.count !== target.count) out.push(`the source has ${source.count} events, the target ${target.count}`);
  if (source.headHash !== target.headHash || source.headId !== target.headId) {
    out.push(`head differs: source ${source.headId ?? '-'} (${source.headHash ?? '-'}), target ${target.headId ?? '-'} (${target.headHash ?? '-'})`);
  }
  if (source.streamHeads.size !== target.streamHeads.size) out.push(`the source has ${source.streamHeads.size} streams, the target ${target.streamHeads.size}`);
  for (const [stream, head] of source.streamHeads) {
    const other = target.streamHeads.get(stream);
    if (!other || other.revision !== head.revision || other.hash !== head.hash) {
      out.push(`stream ${stream}: source head revision ${head.revision} (${head.hash}), target ${other ? `revision ${other.revision} (${other.hash})` : 'missing'}`);
      if (out.length >= 10) break;
    }
  }
  return out;
}
