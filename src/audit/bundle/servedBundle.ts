import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
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
 * checkpoint up to it with the witness cosignatures recorded, and the public key. It ends exactly
 * at a checkpoint, so it verifies with no unsigned tail, and it signs nothing: a download writes no
 * event. Undefined while no checkpoint exists. Written to a temporary directory, then streamed as
 * a .tar.gz (node-tar) and removed when the stream ends.
 */
export async function servedBundle(store: EventStore, audit: AuditService, now: () => Date = () => new Date()): Promise<ServedBundle | undefined> {
  const all = await audit.checkpoints.all();
  const latest = all.at(-1);
  if (!latest) return undefined;
  const checkpoints = all.map((c) => {
    const p = plain(c);
    const note = audit.noteOf(c);
    return note === undefined ? p : { ...p, note };
  });
  const name = `transition-ledger-bundle-${latest.treeSize}`;
  const tmp = mkdtempSync(join(tmpdir(), 'ledger-served-bundle-'));
  try {
    await writeBundle(join(tmp, name), {
      events: store.readAll({ limit: latest.treeSize }),
      checkpoints,
      publicKeyPem: audit.key.publicKeyPem,
      createdAt: now().toISOString(),
      notes: [`served over HTTP: events up to the latest checkpoint (tree size ${latest.treeSize}), origin ${audit.origin.origin}`],
    });
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
  const stream = createTar({ gzip: true, cwd: tmp, portable: true }, [name]) as unknown as Readable;
  const cleanup = () => rmSync(tmp, { recursive: true, force: true });
  stream.once('end', cleanup);
  stream.once('error', cleanup);
  stream.once('close', cleanup);
  return { stream, name, treeSize: latest.treeSize };
}
