import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_GROUP_EVENTS, type EventStore, type GroupAppend } from '../src/eventStore/eventStore.ts';
import { SqliteEventStore } from '../src/eventStore/sqliteEventStore.ts';
import { syntheticLedger, toAppend } from './synthetic.ts';

/** A scratch directory for one benchmark run, removed at the end. */
export function scratchDir(): { path: string; file(name: string): string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'ledger-bench-'));
  return { path, file: (name) => join(path, name), remove: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * Writes a synthetic ledger of `total` events through the store port (so every event is hashed and
 * chained as in production), in groups of up to MAX_GROUP_EVENTS events per durable transaction.
 * This is generation, not a measurement.
 */
export async function generateLedger(file: string, total: number, onProgress?: (written: number) => void): Promise<void> {
  const store = SqliteEventStore.open(file);
  try {
    let group: GroupAppend[] = [];
    let written = 0;
    for (const { stream, events } of syntheticLedger(total)) {
      group.push({ stream, events: toAppend(events) });
      if (group.reduce((n, c) => n + c.events.length, 0) >= 20_000) {
        written += await appendAll(store, group);
        onProgress?.(written);
        group = [];
      }
    }
    await appendAll(store, group);
  } finally {
    await store.close();
  }
}

/** Appends `commands` in groups of at most MAX_GROUP_EVENTS events; any refusal is a bug of the generator. Returns the events written. */
export async function appendAll(store: EventStore, commands: GroupAppend[]): Promise<number> {
  let written = 0;
  for (let start = 0; start < commands.length; ) {
    let end = start;
    for (let events = 0; end < commands.length && (end === start || events + commands[end]!.events.length <= MAX_GROUP_EVENTS); end++) events += commands[end]!.events.length;
    for (const outcome of await store.appendGroup(commands.slice(start, end))) {
      if (!outcome.ok) throw outcome.error;
      written += outcome.result.events.length;
    }
    start = end;
  }
  return written;
}
