/** What an offline verification of a bundle found, and its human summary. */

export type BundleFailureKind =
  /** An event's stored hash is not the hash of its fields. */
  | 'HASH_MISMATCH'
  /** An event's prevHash does not name the stored hash of its stream predecessor. */
  | 'PREV_HASH_MISMATCH'
  /** A stream's revisions do not run 0, 1, 2… in position order. */
  | 'REVISION_GAP'
  /** Positions do not strictly increase. */
  | 'POSITION_ORDER'
  /** An event id appears twice. */
  | 'DUPLICATE_ID'
  /** The Merkle root recomputed from the events is not the one a checkpoint (or the manifest) states. */
  | 'ROOT_MISMATCH'
  /** A checkpoint's signature does not verify with public-key.pem, or names another key. */
  | 'BAD_SIGNATURE'
  /** Two consecutive checkpoints do not describe one growing log. */
  | 'INCONSISTENT_CHECKPOINTS'
  /** Fewer events than a checkpoint (or the manifest) covers. */
  | 'TRUNCATED'
  /** A file is missing or does not follow FORMAT.md (a non-canonical line, no final newline, not UTF-8, a lone surrogate). */
  | 'MALFORMED'
  /** Events after the latest checkpoint, vouched for by no signature (accepted with --allow-unsigned-tail). */
  | 'UNSIGNED_TAIL'
  /** checkpoints.json leaves out, or differs from, a checkpoint the log's CheckpointSigned events record. */
  | 'CHECKPOINTS_DISAGREE'
  /** The bundle holds fewer events than a trusted checkpoint covers. */
  | 'ROLLBACK'
  /** The bundle's events do not reproduce a trusted checkpoint's root, or it is of another origin. */
  | 'FORK'
  /** A cosignature by a given witness key does not verify. */
  | 'BAD_COSIGNATURE'
  /** Fewer valid witness cosignatures on the latest checkpoint than the quorum asks. */
  | 'QUORUM_NOT_MET';

export interface BundleFailure {
  kind: BundleFailureKind;
  /** Position of the event concerned, decimal. */
  position?: string;
  eventId?: string;
  /** Tree size of the checkpoint concerned. */
  treeSize?: number;
  /** 1-based line of events.jsonl. */
  line?: number;
  message: string;
}

export interface BundleReport {
  /** True when nothing failed. */
  ok: boolean;
  eventsChecked: number;
  checkpointsChecked: number;
  /** The first MAX_REPORTED_FAILURES failures: events in log order, then checkpoints, then the manifest. */
  failures: BundleFailure[];
  /** Every failure found, including those beyond the cap. */
  failureCount: number;
  firstFailure?: BundleFailure;
  /** Fingerprint of public-key.pem, when it could be read. */
  keyFingerprint?: string;
  /** The checkpoint with the largest tree size. */
  latestCheckpoint?: { treeSize: number; rootHash: string; timestamp: string };
  /** Events after the latest checkpoint: present, but not yet vouched for by any signature. */
  uncheckpointedEvents: number;
  /** The checkpoints' origin (version 2). */
  origin?: string;
  trustedCheckpointsChecked: number;
  /** Valid cosignatures by the given witnesses on the latest checkpoint. */
  cosignatures: number;
}

/** A tampered log can fail at every event; the report stays bounded. */
export const MAX_REPORTED_FAILURES = 1000;

/** A few lines for a terminal: the verdict, what was checked, and where it first went wrong. */
export function formatBundleReport(report: BundleReport): string {
  const lines = [
    report.ok ? 'Bundle verified: OK' : `Bundle verification FAILED: ${report.failureCount} problem(s)`,
    `  events checked:      ${report.eventsChecked}`,
    `  checkpoints checked: ${report.checkpointsChecked}`,
  ];
  if (report.keyFingerprint) lines.push(`  signing key:         ${report.keyFingerprint}`);
  const latest = report.latestCheckpoint;
  if (latest) lines.push(`  latest checkpoint:   tree size ${latest.treeSize}, root ${latest.rootHash}, signed ${latest.timestamp}`);
  if (report.origin) lines.push(`  origin:              ${report.origin}`);
  if (report.trustedCheckpointsChecked > 0) lines.push(`  trusted checkpoints: ${report.trustedCheckpointsChecked} extended consistently${report.ok ? '' : ' (unless listed below)'}`);
  if (report.cosignatures > 0) lines.push(`  witness cosignatures: ${report.cosignatures} valid on the latest checkpoint`);
  if (report.uncheckpointedEvents > 0) {
    lines.push(`  not yet checkpointed: ${report.uncheckpointedEvents} event(s) after the latest checkpoint are covered by no signature`);
  }
  const first = report.firstFailure;
  if (first) {
    lines.push(`First failure: ${first.kind}${describeWhere(first)}`, `  ${first.message}`);
    const rest = report.failures.slice(1, 10);
    for (const f of rest) lines.push(`  then ${f.kind}${describeWhere(f)}: ${f.message}`);
    const unshown = report.failureCount - 1 - rest.length;
    if (unshown > 0) lines.push(`  … and ${unshown} more`);
  }
  return lines.join('\n');
}

function describeWhere(f: BundleFailure): string {
  const parts = [
    f.position !== undefined && `position ${f.position}`,
    f.eventId !== undefined && `event ${f.eventId}`,
    f.line !== undefined && `line ${f.line}`,
    f.treeSize !== undefined && `the checkpoint of tree size ${f.treeSize}`,
  ].filter(Boolean);
  return parts.length > 0 ? ` at ${parts.join(', ')}` : '';
}
