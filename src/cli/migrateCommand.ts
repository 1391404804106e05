import cliProgress from 'cli-progress';
import type { EventStore } from '../eventStore/eventStore.ts';
import { migrateLedger, verifySource, type MigrationProgress } from '../migration/migrateLedger.ts';
import { MigrationError } from '../migration/migrationError.ts';
import { describeLocation, openLocation, parseStoreLocation, sameLocation } from '../migration/storeLocation.ts';

export interface MigrateCommandOptions {
  /** SQLite file or data directory, or an `esdb://` / `esdb+discover://` connection string. */
  from: string;
  to: string;
}

/**
 * `migrate --from <store> --to <store>`: copies the ledger in order with its ids, recordedAt, actors,
 * metadata and hashes; resumes where an earlier run stopped; verifies the copy at the end
 * (src/migration/migrateLedger.ts). Any refusal exits 1 with the reason.
 */
export async function migrateCommand(options: MigrateCommandOptions): Promise<void> {
  const from = parseStoreLocation(options.from);
  const to = parseStoreLocation(options.to);
  if (sameLocation(from, to)) throw new MigrationError('SAME_STORE', `--from and --to name the same store (${describeLocation(from)})`);

  const stores: EventStore[] = [];
  const progress = progressReporter();
  try {
    const source = await openLocation(from, 'source');
    stores.push(source);
    // The source is verified before the target is opened, so a refused source leaves no empty file behind.
    const verified = await verifySource(source);
    const target = await openLocation(to, 'target');
    stores.push(target);
    const result = await migrateLedger(verified, target, { onProgress: progress.update });
    progress.stop();
    const { summary } = result;
    console.log(
      `Migrated ${describeLocation(from)} to ${describeLocation(to)}: ${result.copied} events copied, ${result.alreadyPresent} already present.\n` +
        `Verified: both hold ${summary.count} events with head ${summary.headId ?? '-'} (hash ${summary.headHash ?? '-'}) and the same ${summary.streamHeads.size} stream chain heads.`,
    );
  } finally {
    progress.stop();
    for (const store of stores.reverse()) await store.close().catch(() => undefined);
  }
}

/** A progress bar on a terminal; nothing when the output is a file or a pipe, so logs stay clean. */
function progressReporter(): { update: (p: MigrationProgress) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  let bar: cliProgress.SingleBar | undefined;
  return {
    update: ({ total, done }) => {
      if (!bar) {
        bar = new cliProgress.SingleBar({ format: 'migrate [{bar}] {value}/{total} events | {eta_formatted} left', stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic);
        bar.start(total, done);
      } else bar.update(done);
    },
    stop: () => {
      bar?.stop();
      bar = undefined;
    },
  };
}
