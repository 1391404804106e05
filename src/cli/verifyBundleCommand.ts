import { existsSync, statSync } from 'node:fs';
import { formatBundleReport } from '../audit/bundle/bundleReport.ts';
import { verifyBundle } from '../audit/bundle/verifyBundle.ts';

export interface VerifyBundleCommandOptions {
  json?: boolean;
  /** Fingerprint of the ledger's key learnt out of band; the bundle's own key is not trusted without it. */
  expectKeyFingerprint?: string;
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
  const report = await verifyBundle(dir, { expectedKeyFingerprint: options.expectKeyFingerprint });
  if (options.json) console.log(JSON.stringify(report, null, 2));
  else {
    console.log(formatBundleReport(report));
    if (options.expectKeyFingerprint === undefined && report.ok) {
      console.log('  note: no --expect-key-fingerprint given; the bundle vouches only for itself until you compare the key with the published one');
    }
  }
  if (!report.ok) process.exitCode = 1;
}
