import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eventHash, GENESIS_HASH } from '../../src/audit/eventHash.ts';
import { asStored, chainEvents, GroupDependencies, prevalidate, replayOf } from '../../src/eventStore/appendSemantics.ts';
import type { EventToAppend } from '../../src/eventStore/eventStore.ts';
import type { StoredEvent } from '../../src/records/storedEvent.ts';

/** The append rules both adapters share, without a store (the contract suite runs them with one). */
describe('append semantics', () => {
  describe('pre-validation', () => {
    it.each([
      ['a BigInt', { amount: 10n }],
      ['a cycle', (() => { const o: Record<string, unknown> = {}; o.self = o; return o; })()],
      ['undefined', undefined],
    ])('given data holding %s, when pre-validated, then VALIDATION_FAILED names the event', (_, data) => {
      expect(() => prevalidate([anEvent(), anEvent({ data })])).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', issues: [{ path: 'events/1/data', message: 'must be a JSON value' }] }));
    });

    it('given an empty batch or an id twice, then VALIDATION_FAILED and DUPLICATE_EVENT_ID', () => {
      const event = anEvent();
      expect(() => prevalidate([])).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
      expect(() => prevalidate([event, { ...event }])).toThrow(expect.objectContaining({ code: 'DUPLICATE_EVENT_ID', eventId: event.id }));
    });

    it('given JSON data and metadata, then their canonical JSON text (RFC 8785, keys sorted) comes back, for the hash and the store alike', () => {
      const metadata = { role: 'registrar', correlationId: 'c-1' };
      const texts = prevalidate([anEvent({ data: { n: [1], a: 'ñ' }, metadata }), anEvent({ data: 'x', metadata }), anEvent()]);
      expect(texts.map((t) => t.data)).toEqual(['{"a":"ñ","n":[1]}', '"x"', '{"n":1}']);
      expect(texts.map((t) => t.metadata)).toEqual(['{"correlationId":"c-1","role":"registrar"}', '{"correlationId":"c-1","role":"registrar"}', '{}']);
    });

    it('given metadata JSON cannot represent, when pre-validated, then VALIDATION_FAILED names it', () => {
      expect(() => prevalidate([anEvent(), anEvent({ metadata: { role: 1n } as unknown as Record<string, string> })])).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED', issues: [{ path: 'events/1/metadata', message: 'must be a JSON object of strings' }] }),
      );
    });
  });

  describe('what a store answers for ids it already holds', () => {
    it('given a write the store took as an idempotent duplicate of another writer\'s different content, then DUPLICATE_EVENT_ID, never the caller\'s copy', () => {
      const [ours] = chainEvents('s', [anEvent({ data: { amount: '10.00' } })], undefined);
      const theirs = stored({ ...ours!, data: { amount: '99.00' } });
      expect(() => asStored('s', [anEvent({ id: ours!.id, data: { amount: '10.00' } })], new Map([[ours!.id, theirs]]))).toThrow(
        expect.objectContaining({ code: 'DUPLICATE_EVENT_ID', eventId: ours!.id }),
      );
    });

    it('given the same fact stored by another writer, then the stored event (its recordedAt and hash) is the answer', () => {
      const event = anEvent();
      const theirs = stored({ ...chainEvents('s', [{ ...event, recordedAt: '2020-01-01T00:00:00.000Z' }], undefined)[0]! });
      expect(asStored('s', [event], new Map([[event.id, theirs]]))).toEqual([theirs]);
    });

    it('given a batch half recorded, then DUPLICATE_EVENT_ID names the recorded id', () => {
      const [old, fresh] = [anEvent(), anEvent()];
      const recorded = stored(chainEvents('s', [old], undefined)[0]!);
      expect(() => replayOf('s', [old, fresh], new Map([[old.id, recorded]]))).toThrow(expect.objectContaining({ code: 'DUPLICATE_EVENT_ID', eventId: old.id }));
      expect(replayOf('s', [old], new Map([[old.id, recorded]]))).toEqual({ events: [recorded], nextRevision: 0n, replayed: true });
    });
  });

  it('given a head, when chaining, then revisions continue and each hash covers its predecessor', () => {
    const chained = chainEvents('s', [anEvent(), anEvent()], { revision: 4n, hash: 'a'.repeat(64) });
    expect(chained.map((e) => e.revision)).toEqual([5n, 6n]);
    expect(chained[0]!.prevHash).toBe('a'.repeat(64));
    expect(chained[1]!.prevHash).toBe(chained[0]!.hash);
    for (const e of chained) expect(e.hash).toBe(eventHash(e));
    expect(chainEvents('t', [anEvent()], undefined)[0]!.prevHash).toBe(GENESIS_HASH);
  });

  it('given the texts pre-validation wrote, when chaining with them, then every hash is the one chaining without them gives', () => {
    const events = [anEvent({ data: { z: [1, { b: 'ü', a: null }], a: '0.10' }, metadata: { role: 'registrar' } }), anEvent({ data: 'plain' })];
    const head = { revision: 1n, hash: 'b'.repeat(64) };
    expect(chainEvents('s', events, head, prevalidate(events))).toEqual(chainEvents('s', events, head));
  });

  it('given a refused command, then only later commands expecting a revision of its stream depend on it', () => {
    const dependencies = new GroupDependencies();
    dependencies.refused({ stream: 'lg-1', events: [] });
    expect(dependencies.dependency({ stream: 'lg-1', events: [], expectedRevision: 'any' })).toBeUndefined();
    expect(dependencies.dependency({ stream: 'lg-1', events: [], expectedRevision: 3n })).toEqual({ stream: 'lg-1', expected: 3n });
    expect(dependencies.dependency({ stream: 'plan-1', events: [], conditions: [{ stream: 'lg-1', revision: 'no_stream' }] })).toEqual({ stream: 'lg-1', expected: 'no_stream' });
    expect(dependencies.dependency({ stream: 'plan-1', events: [], conditions: [{ stream: 'lg-2', revision: 0n }] })).toBeUndefined();
  });
});

function anEvent(overrides: Partial<EventToAppend> = {}): EventToAppend {
  return { id: randomUUID(), type: 'Tested', schemaVersion: 1, data: { n: 1 }, recordedAt: '2024-01-01T00:00:00.000Z', actor: 'test', ...overrides };
}

function stored(e: Omit<StoredEvent, 'position'>): StoredEvent {
  return { ...e, position: 7n };
}
