import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Mutex } from 'async-mutex';
import { create as createTar } from 'tar';
import type { EventStore } from '../../eventStore/eventStore.ts';
import type { AuditService } from '../log/auditService.ts';
import { plain } from '../log/auditProofs.ts';
import { writeBundle } from './writeBundle.ts';

export interface ServedBundle {
  /** gzip-compressed tar of one directory, `<name>/`, holding the bundle files. */
  stream: Readable;
  name: string;
  treeSize: number;
}

/**
 * The audit bundle as anyone may download it: the events up to the latest signed checkpoint, every
 * checkpoint up to it with the witness cosignatures recorded, and the public key. It ends exactly at
 * a checkpoint, so it verifies with no unsigned tail, and it signs nothing: a download writes no
 * event. Built once per set of checkpoints and cosignatures (under a lock, so a crowd of downloads
 * costs one build), kept as a .tar.gz (node-tar) in a temporary directory, and streamed from there.
 */
export class BundleServer {
  private readonly lock = new Mutex();
  private readonly dir = mkdtempSync(join(tmpdir(), 'ledger-served-bundles-'));

  constructor(private readonly store: EventStore, private readonly audit: AuditService, private readonly now: () => Date = () => new Date()) {}

  /** The latest bundle; undefined while no checkpoint exists. */
  async latest(): Promise<ServedBundle | undefined> {
    const all = await this.audit.checkpoints.all();
    const latest = all.at(-1);
    if (!latest) return undefined;
    const checkpoints = all.map((c) => {
      const p = plain(c);
      const note = this.audit.noteOf(c);
      return note === undefined ? p : { ...p, note };
    });
    const name = `transition-ledger-bundle-${latest.treeSize}`;
    const key = createHash('sha256').update(JSON.stringify(checkpoints)).digest('hex').slice(0, 16);
    const file = join(this.dir, `${key}.tar.gz`);
    await this.lock.runExclusive(async () => {
      if (existsSync(file)) return;
      const work = mkdtempSync(join(this.dir, 'build-'));
      try {
        await writeBundle(join(work, name), {
          events: this.store.readAll({ limit: latest.treeSize }),
          checkpoints,
          publicKeyPem: this.audit.key.publicKeyPem,
          createdAt: this.now().toISOString(),
          notes: [`served over HTTP: events up to the latest checkpoint (tree size ${latest.treeSize}), origin ${this.audit.origin.origin}`],
        });
        await createTar({ gzip: true, cwd: work, portable: true, file: join(work, 'bundle.tar.gz') }, [name]);
        // Older bundles go: a download already streaming keeps its open file.
        for (const old of readdirSync(this.dir)) if (old.endsWith('.tar.gz')) rmSync(join(this.dir, old), { force: true });
        renameSync(join(work, 'bundle.tar.gz'), file);
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    });
    return { stream: createReadStream(file), name, treeSize: latest.treeSize };
  }

  close(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
