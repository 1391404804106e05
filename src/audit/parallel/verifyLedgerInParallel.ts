import { EventChecker, type ChainLink } from '../bundle/eventChecks.ts';
import { StreamingMerkleRoot } from '../streamingMerkleRoot.ts';
import { ChainReportBuilder, type ChainReport } from '../verifyChain.ts';
import type { HashedRange } from './eventHashWorker.ts';
import { hashedRanges, type HashedRangesOptions } from './hashedRanges.ts';

export type ParallelVerifyOptions = HashedRangesOptions;

export interface ParallelReport extends ChainReport {
  /** RFC 9162 root of the log's Merkle tree (leaf i: the i-th event's stored hash), lowercase hex;
   * absent when some stored hash is not 64 lowercase hex digits, so that no leaf can be made of it. */
  merkleRoot?: string;
}

/**
 * verifyChain over a SQLite ledger file, with the reading and hashing spread over worker threads:
 * the same rules (EventChecker.checkLinks, with each event's hash recomputed exactly as
 * EventChecker.check does) and the same report, event for event; plus the Merkle root of the log.
 * Reading rows and recomputing hashes (JSON.parse, canonical JSON, SHA-256) is most of the cost and
 * needs no order, so workers do it for ranges of positions (hashedRanges). The rules and the tree
 * need order: this thread applies them to the ranges in position order. `verify` (the CLI) runs it.
 */
export async function verifyLedgerInParallel(file: string, options: ParallelVerifyOptions = {}): Promise<ParallelReport> {
  const checker = new EventChecker();
  const report = new ChainReportBuilder();
  let tree: StreamingMerkleRoot | undefined = new StreamingMerkleRoot();
  for await (const range of hashedRanges(file, options)) {
    forEachLink(range, (event, recomputed) => report.add(event, checker.checkLinks(event, recomputed)));
    if (!range.leaves || !range.root) tree = undefined;
    else tree?.pushAll(range.leaves, range.root);
  }
  return { ...report.build(), ...(tree && { merkleRoot: tree.root().toString('hex') }) };
}

/** Each event of a range as the chain rules read it, with its hash as the worker recomputed it (the stored one unless it differs). */
export function forEachLink(range: HashedRange, each: (event: ChainLink, recomputed: string) => void): void {
  for (let i = 0; i < range.positions.length; i++) {
    const event: ChainLink = {
      position: range.positions[i]!,
      id: range.ids[i]!,
      stream: range.streams[i]!,
      revision: range.revisions[i]!,
      prevHash: range.prevHashes[i]!,
      hash: range.hashes[i]!,
    };
    each(event, range.mismatches.get(i) ?? event.hash);
  }
}
