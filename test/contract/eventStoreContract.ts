import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { eventHash, GENESIS_HASH } from '../../src/audit/eventHash.ts';
import { verifyChain } from '../../src/audit/verifyChain.ts';
import type { EventStore, EventToAppend } from '../../src/eventStore/eventStore.ts';
import { FOLD_FIELDS, type EventForFold } from '../../src/records/eventForFold.ts';
import type { StoredEvent } from '../../src/records/storedEvent.ts';

/**
 * The meaning of the EventStore port, as tests. Every adapter runs it:
 *
 *   eventStoreContract('sqlite', async () => ({ store, cleanup }));
 *
 * Store-agnostic on purpose: each test writes to fresh random streams, and positions are only
 * compared with each other (never assumed dense or to start at 1), so the suite also runs against a
 * shared EventStoreDB server that holds other data. Tests in one file run one after another, so
 * "nothing else appended in between" holds within a test.
 */
export function eventStoreContract(
  adapterName: string,
  factory: () => Promise<{ store: EventStore; cleanup: () => Promise<void> }>,
): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    let store: EventStore;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await factory());
    });
    afterEach(async () => {
      await cleanup();
    });

    describe('revisions', () => {
      it('given a new stream, when appending, then the first event is revision 0n and the next batch continues from it', async () => {
        const stream = newStream();
        const first = await store.appendToStream(stream, [anEvent()]);
        const second = await store.appendToStream(stream, [anEvent(), anEvent()]);
        expect(first.events.map((e) => e.revision)).toEqual([0n]);
        expect(first.nextRevision).toBe(0n);
        expect(second.events.map((e) => e.revision)).toEqual([1n, 2n]);
        expect(second.nextRevision).toBe(2n);
        expect(await store.streamRevision(stream)).toBe(2n);
      });

      it('given no stream, when appending with no_stream, stream_exists, any or 0n, then only no_stream and any are accepted', async () => {
        const stream = newStream();
        await expect(store.appendToStream(stream, [anEvent()], { expectedRevision: 'stream_exists' })).rejects.toMatchObject({
          code: 'CONCURRENCY_CONFLICT', stream, expectedRevision: 'stream_exists', actualRevision: 'no_stream',
        });
        await expect(store.appendToStream(stream, [anEvent()], { expectedRevision: 0n })).rejects.toMatchObject({
          code: 'CONCURRENCY_CONFLICT', expectedRevision: 0n, actualRevision: 'no_stream',
        });
        await expect(store.appendToStream(stream, [anEvent()], { expectedRevision: 'no_stream' })).resolves.toMatchObject({ nextRevision: 0n });
        await expect(store.appendToStream(newStream(), [anEvent()], { expectedRevision: 'any' })).resolves.toMatchObject({ nextRevision: 0n });
      });

      it('given a stream at 1n, when appending with each expectation, then stale ones fail with CONCURRENCY_CONFLICT carrying the actual revision', async () => {
        const stream = newStream();
        await store.appendToStream(stream, [anEvent(), anEvent()]);
        await expect(store.appendToStream(stream, [anEvent()], { expectedRevision: 'no_stream' })).rejects.toMatchObject({
          code: 'CONCURRENCY_CONFLICT', actualRevision: 1n,
        });
        await expect(store.appendToStream(stream, [anEvent()], { expectedRevision: 0n })).rejects.toMatchObject({
          code: 'CONCURRENCY_CONFLICT', expectedRevision: 0n, actualRevision: 1n,
        });
        await expect(store.appendToStream(stream, [anEvent()], { expectedRevision: 2n })).rejects.toMatchObject({
          code: 'CONCURRENCY_CONFLICT', actualRevision: 1n,
        });
        await expect(store.appendToStream(stream, [anEvent()], { expectedRevision: 1n })).resolves.toMatchObject({ nextRevision: 2n });
        await expect(store.appendToStream(stream, [anEvent()], { expectedRevision: 'stream_exists' })).resolves.toMatchObject({ nextRevision: 3n });
        await expect(store.appendToStream(stream, [anEvent()], { expectedRevision: 'any' })).resolves.toMatchObject({ nextRevision: 4n });
      });

      it('given two writers with the same expected revision, when they append concurrently, then exactly one succeeds', async () => {
        const stream = newStream();
        await store.appendToStream(stream, [anEvent()]);
        const outcomes = await Promise.allSettled([
          store.appendToStream(stream, [anEvent()], { expectedRevision: 0n }),
          store.appendToStream(stream, [anEvent()], { expectedRevision: 0n }),
        ]);
        expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
        expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: { code: 'CONCURRENCY_CONFLICT', actualRevision: 1n } });
        expect(await store.streamRevision(stream)).toBe(1n);
      });

      it('given a conflicting append, when it is rejected, then nothing of it was written', async () => {
        const stream = newStream();
        await store.appendToStream(stream, [anEvent()]);
        const rejected = [anEvent(), anEvent()];
        await expect(store.appendToStream(stream, rejected, { expectedRevision: 'no_stream' })).rejects.toMatchObject({ code: 'CONCURRENCY_CONFLICT' });
        expect(await store.readStream(stream)).toHaveLength(1);
        expect(await store.streamRevision(stream)).toBe(0n);
        expect(await store.getEvent(rejected[0]!.id)).toBeUndefined();
      });
    });

    describe('idempotency', () => {
      it('given a recorded event, when the same id and content is appended again, then the original is returned and nothing is written', async () => {
        const stream = newStream();
        const event = anEvent();
        const original = await store.appendToStream(stream, [event]);
        const head = await store.headPosition();
        const retry = await store.appendToStream(stream, [{ ...event, recordedAt: '2030-01-01T00:00:00.000Z' }]);
        expect(retry.events).toEqual(original.events);
        expect([original.replayed, retry.replayed]).toEqual([false, true]);
        expect(retry.nextRevision).toBe(0n);
        expect(await store.headPosition()).toBe(head);
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('given a recorded batch, when the whole batch is retried with its original expectation, then the originals come back instead of a conflict', async () => {
        const stream = newStream();
        const batch = [anEvent(), anEvent(), anEvent()];
        const original = await store.appendToStream(stream, batch, { expectedRevision: 'no_stream' });
        const retry = await store.appendToStream(stream, batch, { expectedRevision: 'no_stream' });
        expect(retry.events).toEqual(original.events);
        expect(retry.nextRevision).toBe(2n);
        expect(await store.readStream(stream)).toHaveLength(3);
      });

      it('given a recorded event, when retried with the data keys in another order, then it is the same content (canonical JSON)', async () => {
        const stream = newStream();
        const event = anEvent({ data: { a: 1, b: { c: 'x', d: [1, 2] } } });
        const original = await store.appendToStream(stream, [event]);
        const retry = await store.appendToStream(stream, [{ ...event, data: { b: { d: [1, 2], c: 'x' }, a: 1 } }]);
        expect(retry.events.map((e) => e.position)).toEqual(original.events.map((e) => e.position));
      });

      it.each([
        ['different data', (e: EventToAppend) => ({ ...e, data: { changed: true } }), (s: string) => s],
        ['a different type', (e: EventToAppend) => ({ ...e, type: 'SomethingElse' }), (s: string) => s],
        ['a different schemaVersion', (e: EventToAppend) => ({ ...e, schemaVersion: 2 }), (s: string) => s],
        ['a different stream', (e: EventToAppend) => e, () => newStream()],
      ])('given a recorded id, when it is appended with %s, then DUPLICATE_EVENT_ID and nothing is written', async (_, change, target) => {
        const stream = newStream();
        const event = anEvent();
        await store.appendToStream(stream, [event]);
        const head = await store.headPosition();
        const other = target(stream);
        await expect(store.appendToStream(other, [change(event)])).rejects.toMatchObject({ code: 'DUPLICATE_EVENT_ID', eventId: event.id });
        expect(await store.headPosition()).toBe(head);
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('given a batch in which some ids are recorded and some are new, when appended, then DUPLICATE_EVENT_ID and the new ones are not written', async () => {
        const stream = newStream();
        const recorded = anEvent();
        await store.appendToStream(stream, [recorded]);
        const fresh = anEvent();
        await expect(store.appendToStream(stream, [recorded, fresh])).rejects.toMatchObject({ code: 'DUPLICATE_EVENT_ID', eventId: recorded.id });
        expect(await store.getEvent(fresh.id)).toBeUndefined();
        expect(await store.streamRevision(stream)).toBe(0n);
      });

      it('given a batch that repeats an id, when appended, then DUPLICATE_EVENT_ID and nothing is written', async () => {
        const stream = newStream();
        const event = anEvent();
        await expect(store.appendToStream(stream, [event, anEvent(), { ...event }])).rejects.toMatchObject({ code: 'DUPLICATE_EVENT_ID', eventId: event.id });
        expect(await store.streamRevision(stream)).toBe('no_stream');
      });
    });

    describe('atomicity', () => {
      it('given a batch whose 3rd event reuses an id recorded elsewhere, when appended, then the stream is untouched', async () => {
        const elsewhere = anEvent();
        await store.appendToStream(newStream(), [elsewhere]);
        const stream = newStream();
        const batch = [anEvent(), anEvent(), { ...elsewhere, data: { other: true } }, anEvent()];
        await expect(store.appendToStream(stream, batch)).rejects.toMatchObject({ code: 'DUPLICATE_EVENT_ID' });
        expect(await store.streamRevision(stream)).toBe('no_stream');
        for (const e of batch.slice(0, 2)) expect(await store.getEvent(e.id)).toBeUndefined();
      });

      it('given a batch whose 3rd event cannot be serialized, when appended, then VALIDATION_FAILED names it and the stream is untouched', async () => {
        const stream = newStream();
        await store.appendToStream(stream, [anEvent()]);
        const batch = [anEvent(), anEvent(), anEvent({ data: { amount: 10n } }), anEvent()];
        await expect(store.appendToStream(stream, batch)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'events/2/data' }] });
        expect(await store.readStream(stream)).toHaveLength(1);
        expect(await store.getEvent(batch[0]!.id)).toBeUndefined();
        // The stream still continues at the next revision, as if the failed batch never happened.
        await expect(store.appendToStream(stream, [anEvent()], { expectedRevision: 0n })).resolves.toMatchObject({ nextRevision: 1n });
      });

      it('given an event id with upper-case letters, when appended, then VALIDATION_FAILED and nothing is written (ids are lowercase, RFC 9562)', async () => {
        const stream = newStream();
        const id = randomUUID().toUpperCase();
        await expect(store.appendToStream(stream, [anEvent({ id })])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
        expect(await store.streamRevision(stream)).toBe('no_stream');
        expect(await store.getEvent(id.toLowerCase())).toBeUndefined();
      });

      it('given an empty batch, when appended, then VALIDATION_FAILED and the stream is not created', async () => {
        const stream = newStream();
        await expect(store.appendToStream(stream, [])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
        expect(await store.streamRevision(stream)).toBe('no_stream');
      });
    });

    describe('groups', () => {
      it('given commands for several streams, when appended as one group, then each is answered in order with positions in group order', async () => {
        const [a, b] = [newStream(), newStream()];
        const outcomes = await store.appendGroup([
          { stream: a, events: anEvents(2), expectedRevision: 'no_stream' },
          { stream: b, events: anEvents(1) },
          { stream: a, events: anEvents(1), expectedRevision: 1n },
        ]);
        expect(outcomes).toMatchObject([
          { ok: true, result: { nextRevision: 1n, replayed: false } },
          { ok: true, result: { nextRevision: 0n } },
          { ok: true, result: { nextRevision: 2n, events: [{ revision: 2n }] } },
        ]);
        const positions = outcomes.flatMap((o) => (o.ok ? o.result.events.map((e) => e.position) : []));
        expectStrictlyIncreasing(positions);
        expect(await verifyChain(await store.readStream(a))).toMatchObject({ ok: true, checkedEvents: 3 });
      });

      it('given a group whose middle command is stale, when appended, then only it is refused with CONCURRENCY_CONFLICT and writes nothing', async () => {
        const [a, b, c] = [newStream(), newStream(), newStream()];
        await store.appendToStream(b, [anEvent()]);
        const stale = anEvents(2);
        const outcomes = await store.appendGroup([
          { stream: a, events: anEvents(1) },
          { stream: b, events: stale, expectedRevision: 'no_stream' },
          { stream: c, events: anEvents(1), expectedRevision: 'no_stream' },
        ]);
        expect(outcomes).toMatchObject([
          { ok: true },
          { ok: false, error: { code: 'CONCURRENCY_CONFLICT', stream: b, expectedRevision: 'no_stream', actualRevision: 0n } },
          { ok: true },
        ]);
        expect(await store.streamRevision(b)).toBe(0n);
        expect(await store.getEvent(stale[0]!.id)).toBeUndefined();
      });

      it('given a refused command, when a later command of the group expects a revision of its stream, then that one is refused too; one expecting any is written', async () => {
        const [a, other] = [newStream(), newStream()];
        await store.appendToStream(a, [anEvent()]);
        const outcomes = await store.appendGroup([
          { stream: a, events: anEvents(1), expectedRevision: 'no_stream' }, // stale: refused
          { stream: a, events: anEvents(1), expectedRevision: 1n }, // built on the refused one
          { stream: other, events: anEvents(1), conditions: [{ stream: a, revision: 1n }] }, // read the refused one's stream
          { stream: a, events: anEvents(1), expectedRevision: 'any' },
        ]);
        expect(outcomes).toMatchObject([
          { ok: false, error: { code: 'CONCURRENCY_CONFLICT', stream: a } },
          { ok: false, error: { code: 'CONCURRENCY_CONFLICT', stream: a, expectedRevision: 1n } },
          { ok: false, error: { code: 'CONCURRENCY_CONFLICT', stream: a, expectedRevision: 1n } },
          { ok: true, result: { nextRevision: 1n } },
        ]);
        expect(await store.streamRevision(other)).toBe('no_stream');
      });

      it('given one group with an unserializable command and a reused id, then VALIDATION_FAILED and DUPLICATE_EVENT_ID refuse those alone', async () => {
        const recorded = anEvent();
        await store.appendToStream(newStream(), [recorded]);
        const [a, b, c] = [newStream(), newStream(), newStream()];
        const outcomes = await store.appendGroup([
          { stream: a, events: [anEvent({ data: { amount: 10n } })] },
          { stream: b, events: [{ ...recorded, data: { changed: true } }] },
          { stream: c, events: anEvents(1) },
        ]);
        expect(outcomes).toMatchObject([
          { ok: false, error: { code: 'VALIDATION_FAILED' } },
          { ok: false, error: { code: 'DUPLICATE_EVENT_ID', eventId: recorded.id } },
          { ok: true },
        ]);
        expect([await store.streamRevision(a), await store.streamRevision(b), await store.streamRevision(c)]).toEqual(['no_stream', 'no_stream', 0n]);
      });

      it('given the same batch twice in one group, when appended, then the second is an idempotent replay of the first', async () => {
        const stream = newStream();
        const batch = anEvents(2);
        const [first, second] = await store.appendGroup([{ stream, events: batch }, { stream, events: batch }]);
        expect(first).toMatchObject({ ok: true, result: { replayed: false } });
        expect(second).toMatchObject({ ok: true, result: { replayed: true, nextRevision: 1n } });
        expect(second!.ok && second!.result.events).toEqual(first!.ok && first!.result.events);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('given an empty group, when appended, then nothing is answered and nothing written', async () => {
        const before = await store.headPosition();
        expect(await store.appendGroup([])).toEqual([]);
        expect(await store.headPosition()).toBe(before);
      });
    });

    describe('conditions', () => {
      it('given another stream at the revision a decision read, when appending on that condition, then it is written', async () => {
        const [read, written, absent] = [newStream(), newStream(), newStream()];
        await store.appendToStream(read, anEvents(2));
        const [outcome] = await store.appendGroup([{ stream: written, events: anEvents(1), conditions: [{ stream: read, revision: 1n }, { stream: absent, revision: 'no_stream' }] }]);
        expect(outcome).toMatchObject({ ok: true, result: { nextRevision: 0n } });
      });

      it.each([
        ['has moved on', 0n, 1n],
        ['was expected absent but exists', 'no_stream', 1n],
      ] as const)('given a condition on a stream that %s, when appending, then CONCURRENCY_CONFLICT names that stream and nothing is written', async (_, revision, actual) => {
        const [read, written] = [newStream(), newStream()];
        await store.appendToStream(read, anEvents(2));
        const events = anEvents(1);
        const [outcome] = await store.appendGroup([{ stream: written, events, conditions: [{ stream: read, revision }] }]);
        expect(outcome).toMatchObject({ ok: false, error: { code: 'CONCURRENCY_CONFLICT', stream: read, expectedRevision: revision, actualRevision: actual } });
        expect(await store.streamRevision(written)).toBe('no_stream');
        expect(await store.getEvent(events[0]!.id)).toBeUndefined();
      });

      it('given a condition on a stream absent when read, when it was created since, then CONCURRENCY_CONFLICT', async () => {
        const [read, written] = [newStream(), newStream()];
        await store.appendToStream(read, anEvents(1));
        await expect(
          store.appendGroup([{ stream: written, events: anEvents(1), conditions: [{ stream: read, revision: 'no_stream' }] }]).then(([o]) => (o!.ok ? o!.result : Promise.reject(o!.error))),
        ).rejects.toMatchObject({ code: 'CONCURRENCY_CONFLICT', stream: read, actualRevision: 0n });
      });

      it('given a condition on a stream an earlier command of the same group wrote, when it expects that write, then it holds', async () => {
        const [lg, plan] = [newStream(), newStream()];
        const outcomes = await store.appendGroup([
          { stream: lg, events: anEvents(1), expectedRevision: 'no_stream' },
          { stream: plan, events: anEvents(1), conditions: [{ stream: lg, revision: 0n }] },
        ]);
        expect(outcomes.map((o) => o.ok)).toEqual([true, true]);
      });
    });

    describe('global order', () => {
      it('given appends to several streams, when reading all, then events come in append order with strictly increasing positions', async () => {
        const [a, b] = [newStream(), newStream()];
        const before = await store.headPosition();
        const appended: StoredEvent[] = [];
        for (const [stream, n] of [[a, 2], [b, 1], [a, 1], [b, 3]] as const) {
          appended.push(...(await store.appendToStream(stream, anEvents(n))).events);
        }
        const read = (await collect(store.readAll(before === undefined ? {} : { after: before }))).filter((e) => e.stream === a || e.stream === b);
        expect(read.map((e) => e.id)).toEqual(appended.map((e) => e.id));
        expect(read.map((e) => e.position)).toEqual(appended.map((e) => e.position));
        expectStrictlyIncreasing(read.map((e) => e.position));
        expect(await store.headPosition()).toBe(appended.at(-1)!.position);
      });

      it('given five events, when reading with after, limit and upTo, then exactly the requested window comes back', async () => {
        const { events: e } = await store.appendToStream(newStream(), anEvents(5));
        const ids = (events: StoredEvent[]) => events.map((x) => x.id);
        expect(ids(await collect(store.readAll({ after: e[1]!.position })))).toEqual(ids(e.slice(2)));
        expect(ids(await collect(store.readAll({ after: e[0]!.position, limit: 2 })))).toEqual(ids(e.slice(1, 3)));
        expect(ids(await collect(store.readAll({ after: e[0]!.position, upTo: e[2]!.position })))).toEqual(ids(e.slice(1, 3)));
        expect(ids(await collect(store.readAll({ after: e[0]!.position, upTo: e[3]!.position, limit: 10 })))).toEqual(ids(e.slice(1, 4)));
        expect(await collect(store.readAll({ after: e[4]!.position }))).toEqual([]);
        expect(await collect(store.readAll({ after: e[0]!.position, limit: 0 }))).toEqual([]);
      });

      it('given five events, when reading from an event\'s own position, then that event comes first (from is inclusive)', async () => {
        const { events: e } = await store.appendToStream(newStream(), anEvents(5));
        const ids = (events: StoredEvent[]) => events.map((x) => x.id);
        expect(ids(await collect(store.readAll({ from: e[2]!.position, limit: 1 })))).toEqual([e[2]!.id]);
        expect(ids(await collect(store.readAll({ from: e[2]!.position, upTo: e[4]!.position })))).toEqual(ids(e.slice(2)));
        expect(ids(await collect(store.readAll({ from: e[1]!.position, after: e[2]!.position, upTo: e[4]!.position })))).toEqual(ids(e.slice(3)));
      });

      it('given a position that is not an event\'s own (one past an event), when reading after or from it, then exactly the later events come back', async () => {
        const { events: e } = await store.appendToStream(newStream(), anEvents(5));
        const ids = (events: StoredEvent[]) => events.map((x) => x.id);
        const upTo = e[4]!.position;
        for (const x of [e[0]!.position + 1n, e[1]!.position + 1n, e[3]!.position + 1n]) {
          expect(ids(await collect(store.readAll({ after: x, upTo }))), `after ${x}`).toEqual(ids(e.filter((ev) => ev.position > x)));
          expect(ids(await collect(store.readAll({ from: x, upTo }))), `from ${x}`).toEqual(ids(e.filter((ev) => ev.position >= x)));
        }
        expect(await collect(store.readAll({ after: upTo + 1n }))).toEqual([]);
        expect(await collect(store.readAll({ from: upTo + 1n }))).toEqual([]);
      });

      it('given an event, when reading all from before it, then it reads back equal to what the append returned', async () => {
        const before = await store.headPosition();
        const { events } = await store.appendToStream(newStream(), [anEvent()]);
        const [read] = await collect(store.readAll({ ...(before !== undefined && { after: before }), limit: 1 }));
        expect(read).toEqual(events[0]);
      });
    });

    describe('reading for a fold', () => {
      it('given events with metadata, nested data and several schema versions, when read for a fold over readAll\'s windows, then non-empty pages hold exactly readAll\'s events\' fold fields, in order', async () => {
        const before = await store.headPosition();
        const { events: e } = await store.appendToStream(newStream(), [
          anEvent({ schemaVersion: 1, data: { planId: 'plan-a', objectives: [{ code: 'OE1', text: 'Ñuñoa y Quiñota' }], amount: '846320.00' } }),
          anEvent({ schemaVersion: 2, metadata: { role: 'registrar', correlationId: 'c-1' } }),
          anEvent({ schemaVersion: 7 }),
          ...anEvents(2),
        ]);
        const start = before === undefined ? {} : { after: before };
        for (const window of [start, { after: e[0]!.position }, { ...start, limit: 3 }, { from: e[1]!.position, upTo: e[3]!.position }, { after: e[4]!.position }]) {
          const pages = await collect(store.readAllForFold(window));
          expect(pages.every((page) => page.length > 0), JSON.stringify(window, bigints)).toBe(true);
          const folded = pages.flat();
          for (const event of folded) for (const field of FOLD_FIELDS) expect(event[field], field).not.toBeUndefined();
          expect(folded.map(foldFields), JSON.stringify(window, bigints)).toEqual((await collect(store.readAll(window))).map(foldFields));
        }
      });
    });

    describe('reading streams and events', () => {
      it('given a stream of five events, when reading from a revision with a maximum count, then that slice comes back in revision order', async () => {
        const stream = newStream();
        const { events } = await store.appendToStream(stream, anEvents(5));
        expect(await store.readStream(stream)).toEqual(events);
        expect((await store.readStream(stream, { fromRevision: 2n })).map((e) => e.revision)).toEqual([2n, 3n, 4n]);
        expect((await store.readStream(stream, { maxCount: 2 })).map((e) => e.revision)).toEqual([0n, 1n]);
        expect((await store.readStream(stream, { fromRevision: 1n, maxCount: 3 })).map((e) => e.revision)).toEqual([1n, 2n, 3n]);
        expect(await store.readStream(stream, { fromRevision: 5n })).toEqual([]);
        expect(await store.readStream(stream, { maxCount: 0 })).toEqual([]);
      });

      it('given no stream, when reading it or asking its revision, then it is empty and at no_stream', async () => {
        const stream = newStream();
        expect(await store.readStream(stream)).toEqual([]);
        expect(await store.streamRevision(stream)).toBe('no_stream');
      });

      it('given a recorded event, when getting it by id, then it is found; an unknown id gives undefined', async () => {
        const { events } = await store.appendToStream(newStream(), anEvents(2));
        expect(await store.getEvent(events[1]!.id)).toEqual(events[1]);
        expect(await store.getEvent(randomUUID())).toBeUndefined();
      });
    });

    describe('hash chain', () => {
      it('given a stream written in several batches, then each prevHash names its predecessor and every stored hash recomputes', async () => {
        const stream = newStream();
        await store.appendToStream(stream, anEvents(2));
        await store.appendToStream(newStream(), anEvents(1)); // another stream in between must not break the chain
        await store.appendToStream(stream, anEvents(3));
        const events = await store.readStream(stream);
        expect(events[0]!.prevHash).toBe(GENESIS_HASH);
        for (let i = 1; i < events.length; i++) expect(events[i]!.prevHash).toBe(events[i - 1]!.hash);
        for (const e of events) expect(e.hash).toBe(eventHash(e));
        expect(await verifyChain(events)).toMatchObject({ ok: true, checkedEvents: 5 });
      });

      it('given an event with metadata, then the metadata is covered by the hash', async () => {
        const [event] = (await store.appendToStream(newStream(), [anEvent({ metadata: { role: 'registrar', correlationId: 'c-1' } })])).events;
        expect(event!.hash).toBe(eventHash(event!));
        expect(eventHash({ ...event!, metadata: { role: 'someone-else', correlationId: 'c-1' } })).not.toBe(event!.hash);
      });
    });

    describe('subscriptions', () => {
      it('given recorded events, when subscribing, then it catches up and then delivers new events live, in order', async () => {
        const stream = newStream();
        const before = await store.headPosition();
        const first = (await store.appendToStream(stream, anEvents(3))).events;
        const received = collector(stream);
        const subscription = store.subscribe(received.push, before === undefined ? {} : { after: before });
        try {
          await vi.waitFor(() => expect(received.events.length >= 3).toBe(true), { timeout: 5000, interval: 10 });
          const live = (await store.appendToStream(stream, anEvents(2))).events;
          await vi.waitFor(() => expect(received.events.length >= 5).toBe(true), { timeout: 5000, interval: 10 });
          await sleep(300);
          expect(received.events.map((e) => e.id)).toEqual([...first, ...live].map((e) => e.id));
          expect(received.events).toEqual([...first, ...live]);
        } finally {
          await subscription.close();
        }
      });

      it('given a position, when subscribing after it, then only later events are delivered', async () => {
        const stream = newStream();
        const { events } = await store.appendToStream(stream, anEvents(4));
        const received = collector();
        const subscription = store.subscribe(received.push, { after: events[1]!.position });
        try {
          await vi.waitFor(() => expect(received.events.some((e) => e.id === events[3]!.id)).toBe(true), { timeout: 5000, interval: 10 });
          expect(received.events.every((e) => e.position > events[1]!.position)).toBe(true);
          expect(received.events.filter((e) => e.stream === stream).map((e) => e.id)).toEqual([events[2]!.id, events[3]!.id]);
        } finally {
          await subscription.close();
        }
      });

      it('given a slow handler, when events are appended during catch-up, then each is delivered once, in order, one at a time', async () => {
        const stream = newStream();
        const before = await store.headPosition();
        const expected = [...(await store.appendToStream(stream, anEvents(20))).events];
        const received = collector();
        let running = 0;
        let overlapped = false;
        const subscription = store.subscribe(
          async (event) => {
            running++;
            overlapped ||= running > 1;
            await sleep(1);
            received.push(event);
            running--;
          },
          before === undefined ? {} : { after: before },
        );
        try {
          for (let i = 0; i < 4; i++) expected.push(...(await store.appendToStream(stream, anEvents(5))).events);
          await vi.waitFor(() => expect(received.events.filter((e) => e.stream === stream).length >= 40).toBe(true), { timeout: 5000, interval: 10 });
          await sleep(300);
          expect(received.events.filter((e) => e.stream === stream).map((e) => e.id)).toEqual(expected.map((e) => e.id));
          expectStrictlyIncreasing(received.events.map((e) => e.position));
          expect(overlapped).toBe(false);
        } finally {
          await subscription.close();
        }
      });

      it('given a closed subscription, when events are appended, then they are not delivered', async () => {
        const stream = newStream();
        const received = collector(stream);
        const subscription = store.subscribe(received.push, { after: (await store.headPosition()) ?? undefined });
        await store.appendToStream(stream, [anEvent()]);
        await vi.waitFor(() => expect(received.events.length === 1).toBe(true), { timeout: 5000, interval: 10 });
        await subscription.close();
        await store.appendToStream(stream, [anEvent()]);
        await sleep(600);
        expect(received.events).toHaveLength(1);
      });
    });

    describe('data', () => {
      it('given text in Spanish and other scripts, decimal strings and nested values, then they round-trip exactly', async () => {
        const nfd = 'Quin\u0303ota';
        const data = {
          district: 'Quiñota',
          decomposed: nfd,
          province: 'Chumbivilcas — Cusco',
          note: '«Año 2019» ½ 🇵🇪 漢字 \\ " \u2028',
          amount: '5187500.00',
          items: [{ qty: 3, ok: true, none: null }, [], {}],
          float: 0.1,
          big: 9007199254740991,
          empty: '',
        };
        const metadata = { role: 'registrador', correlationId: 'Ñandú-1' };
        const event = anEvent({ data, metadata, actor: 'alcaldía-quiñota', recordedAt: '2019-01-02T03:04:05.678Z' });
        const stream = newStream();
        await store.appendToStream(stream, [event]);
        const read = [(await store.readStream(stream))[0]!, (await store.getEvent(event.id))!];
        for (const e of read) {
          expect(e.data).toEqual(data);
          expect((e.data as typeof data).decomposed).toBe(nfd);
          expect(e.metadata).toEqual(metadata);
          expect(e.actor).toBe('alcaldía-quiñota');
          expect(e.recordedAt).toBe('2019-01-02T03:04:05.678Z');
          expect(e.type).toBe(event.type);
          expect(e.schemaVersion).toBe(1);
          expect(e.hash).toBe(eventHash(e));
        }
      });

      it('given an event without metadata, then it is stored with empty metadata', async () => {
        const stream = newStream();
        const { metadata: _omitted, ...event } = anEvent();
        const { events } = await store.appendToStream(stream, [event]);
        expect(events[0]!.metadata).toEqual({});
        expect((await store.readStream(stream))[0]!.metadata).toEqual({});
      });
    });
  });
}

/** The fields of an event a fold reads (FOLD_FIELDS), whatever else the adapter hands out. */
function foldFields(event: EventForFold): EventForFold {
  return Object.fromEntries(FOLD_FIELDS.map((field) => [field, event[field]])) as EventForFold;
}

const bigints = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);

function newStream(): string {
  return `contract-${randomUUID()}`;
}

function anEvent(overrides: Partial<EventToAppend> = {}): EventToAppend {
  return {
    id: randomUUID(),
    type: 'ContractChecked',
    schemaVersion: 1,
    data: { note: 'contract', n: 1 },
    recordedAt: '2024-05-06T07:08:09.000Z',
    actor: 'contract-suite',
    metadata: { role: 'tester' },
    ...overrides,
  };
}

function anEvents(n: number): EventToAppend[] {
  return Array.from({ length: n }, (_, i) => anEvent({ data: { n: i } }));
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** Records delivered events, optionally only those of one stream (a shared store holds others). */
function collector(stream?: string) {
  const events: StoredEvent[] = [];
  return {
    events,
    push: (event: StoredEvent) => {
      if (stream === undefined || event.stream === stream) events.push(event);
    },
  };
}


function expectStrictlyIncreasing(positions: bigint[]): void {
  for (let i = 1; i < positions.length; i++) expect(positions[i]! > positions[i - 1]!).toBe(true);
}
