import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../src/eventStore/sqliteEventStore.ts';
import { syntheticLedger, toAppend } from './synthetic.ts';

/** A scratch directory for one benchmark run, removed at the end. */
export function scratchDir(): { path: string; file(name: string): string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'ledger-bench-'));
  return { path, file: (name) => join(path, name), remove: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * Writes a synthetic ledger of `total` events through the store port (so every event is hashed and
 * chained as in production), issuing many stream appends at once so that the store commits up to
 * 5,000 events per durable transaction. This is generation, not a measurement.
 */
export async function generateLedger(file: string, total: number, onProgress?: (written: number) => void): Promise<void> {
  const store = SqliteEventStore.open(file);
  try {
    let pending: Promise<unknown>[] = [];
    let pendingEvents = 0;
    let written = 0;
    for (const { stream, events } of syntheticLedger(total)) {
      pending.push(store.appendToStream(stream, toAppend(events)));
      pendingEvents += events.length;
      if (pendingEvents >= 20_000) {
        await Promise.all(pending);
        written += pendingEvents;
        onProgress?.(written);
        pending = [];
        pendingEvents = 0;
      }
    }
    await Promise.all(pending);
  } finally {
    await store.close();
  }
}
