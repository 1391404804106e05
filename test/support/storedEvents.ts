import { streamOf, type LedgerEvent } from '../../src/domain/events/catalogue.ts';
import type { StoredEvent } from '../../src/records/storedEvent.ts';

/**
 * Test fixtures: turns `{type, data}` facts into StoredEvents as a store would record them, with
 * positions 1n, 2n…, streams from the catalogue (a retraction joins its target's stream), revisions
 * per stream from 0n, and fake but well-formed hashes. Ids are deterministic UUIDs (see eventIdAt)
 * unless a fact names its own, so a test can retract "the event at position 3".
 */

/** A fact to record; `id` defaults to eventIdAt(its position). */
export type Fact = LedgerEvent & { id?: string };

const GENESIS = '0'.repeat(64);

/** The id storedEvents gives the event at `position` (a valid v4-shaped UUID). */
export function eventIdAt(position: number | bigint): string {
  return `00000000-0000-4000-8000-${BigInt(position).toString().padStart(12, '0')}`;
}

/** `facts` recorded in order, starting at `from` (default 1n). */
export function storedEvents(facts: readonly Fact[], from = 1n): StoredEvent[] {
  const byId = new Map<string, StoredEvent>();
  const heads = new Map<string, { revision: bigint; hash: string }>();
  return facts.map(({ id, ...fact }, i) => {
    const position = from + BigInt(i);
    const stream = streamOf(fact as LedgerEvent) ?? retractedStream(fact as LedgerEvent, byId);
    const head = heads.get(stream);
    const revision = head ? head.revision + 1n : 0n;
    const hash = fakeHash(position);
    const event: StoredEvent = {
      id: id ?? eventIdAt(position),
      type: fact.type,
      schemaVersion: 1,
      data: fact.data,
      recordedAt: new Date(Date.UTC(2024, 0, 1) + Number(position) * 1000).toISOString(),
      actor: 'test',
      metadata: {},
      stream,
      revision,
      position,
      prevHash: head?.hash ?? GENESIS,
      hash,
    };
    heads.set(stream, { revision, hash });
    byId.set(event.id, event);
    return event;
  });
}

function retractedStream(fact: LedgerEvent, byId: ReadonlyMap<string, StoredEvent>): string {
  const target = fact.type === 'EntryRetracted' ? byId.get(fact.data.eventId) : undefined;
  if (!target) throw new Error(`fixture: ${fact.type} names no earlier event of this fixture`);
  return target.stream;
}

function fakeHash(position: bigint): string {
  return position.toString(16).padStart(64, 'f');
}
