import { existsSync, statSync } from 'node:fs';
import { formatBundleReport } from '../audit/bundle/bundleReport.ts';
import { parseWitnessKey, readTrustedCheckpoint } from '../audit/bundle/bundleTrust.ts';
import { verifyBundle } from '../audit/bundle/verifyBundle.ts';
import { countBundlePersonalData, formatBundlePersonalData } from '../audit/bundle/personalDataCount.ts';

export interface VerifyBundleCommandOptions {
  json?: boolean;
  /** Fingerprint of the ledger's key learnt out of band; the bundle's own key is not trusted without it. */
  expectKeyFingerprint?: string;
  /** The ledger's note verifier key learnt out of band: pins key and origin. */
  expectVerifierKey?: string;
  /** Accept, and count, events after the last checkpoint. */
  allowUnsignedTail?: boolean;
  /** Files of checkpoints held before (notes or JSON); repeatable. */
  trustedCheckpoint?: string[];
  /** Witness vkeys; repeatable. */
  witness?: string[];
  quorum?: number;
}

/**
 * `verify-bundle <dir>`: checks an audit bundle offline (no server, no database, no configuration).
 * Prints a summary (or the report as JSON) and exits 1 on any failure.
 */
export async function verifyBundleCommand(dir: string, options: VerifyBundleCommandOptions): Promise<void> {
  // A mistyped path is not a tampered bundle: say which it is before checking any file.
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    console.error(`transition-ledger: ${dir}: no such directory${existsSync(dir) ? ' (it is a file)' : ''}`);
    process.exitCode = 1;
    return;
  }
  const report = await verifyBundle(dir, {
    expectedKeyFingerprint: options.expectKeyFingerprint,
    expectedVerifierKey: options.expectVerifierKey,
    allowUnsignedTail: options.allowUnsignedTail ?? false,
    trustedCheckpoints: (options.trustedCheckpoint ?? []).map(readTrustedCheckpoint),
    witnesses: (options.witness ?? []).map(parseWitnessKey),
    quorum: options.quorum,
  });
  const personalData = await countBundlePersonalData(dir);
  if (options.json) console.log(JSON.stringify({ ...report, personalData }, null, 2));
  else {
    console.log(formatBundleReport(report));
    console.log(formatBundlePersonalData(personalData));
    if (options.expectKeyFingerprint === undefined && options.expectVerifierKey === undefined && report.ok) {
      console.log('  note: no --expect-key-fingerprint or --expect-verifier-key given; the bundle vouches only for itself until you compare the key with the published one');
    }
    if ((options.trustedCheckpoint ?? []).length === 0 && (options.witness ?? []).length === 0 && report.ok) {
      console.log('  note: no --trusted-checkpoint or --witness given; a rollback or a history re-signed by the ledger\'s own key cannot be seen from the bundle alone');
    }
  }
  if (!report.ok) process.exitCode = 1;
}
