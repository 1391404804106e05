import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createRecorder } from '../../src/commandHandling/recordEvents.ts';
import { EventStoreDbEventStore } from '../../src/eventStore/eventStoreDbEventStore.ts';
import { SqliteEventStore } from '../../src/eventStore/sqliteEventStore.ts';
import { buildApp } from '../../src/http/buildApp.ts';
import { copyInOrder } from '../../src/migration/copyInOrder.ts';
import type { StoredEvent } from '../../src/records/storedEvent.ts';
import { EventStoreDbServerModel } from '../support/eventStoreDbServerModel.ts';
import { createTempDir, type TempDir } from '../support/tempDir.ts';

/**
 * EventStoreDB refuses an append whose events exceed MaxAppendSize (1 MiB by default) with the
 * client's MaxAppendSizeExceededError; the model (test/support/eventStoreDbServerModel.ts) raises
 * that error the same way. A refusal is the client's 413, never a 500, and migrate splits its runs.
 */
const TOKEN = 'append-limit-token-0123456789';
const event = (bytes: number) => ({ id: randomUUID(), type: 'ContractChecked', schemaVersion: 1, data: { text: 'x'.repeat(bytes) }, recordedAt: '2024-05-06T07:08:09.000Z', actor: 'spec' });

describe('EventStoreDB append size limit', () => {
  let dir: TempDir | undefined;
  afterEach(() => dir?.remove());

  it('given events over the server\'s limit, when appended, then PAYLOAD_TOO_LARGE and nothing is written', async () => {
    const server = new EventStoreDbServerModel();
    const store = new EventStoreDbEventStore(server.client, { streamPattern: '^contract-' });
    await expect(store.appendToStream('contract-big', [event(600_000), event(600_000)])).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { maxAppendBytes: 1_048_576 } });
    expect(await store.streamRevision('contract-big')).toBe('no_stream');
  });

  it('given a server with a smaller MaxAppendSize, when a valid request exceeds it, then the answer is 413 problem+json with code PAYLOAD_TOO_LARGE', async () => {
    const store = new EventStoreDbEventStore(new EventStoreDbServerModel(300).client);
    const record = createRecorder({ store, now: () => new Date('2019-01-02T00:00:00Z'), newId: randomUUID });
    const app = await buildApp({ store, storeName: 'eventstoredb', record, credentials: [{ name: 'admin', role: 'registrar', token: TOKEN }] });
    try {
      const response = await app.inject({
        method: 'POST', url: '/api/events', headers: { authorization: `Bearer ${TOKEN}` },
        payload: { type: 'LocalGovernmentRegistered', data: { lgId: '080701', name: 'Municipalidad Provincial de Chumbivilcas', level: 'provincial', province: 'Chumbivilcas', department: 'Cusco' } },
      });
      expect(response.statusCode, response.body).toBe(413);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 });
    } finally {
      await app.close();
    }
  });

  it('given a SQLite ledger whose one stream holds more than 1 MiB, when migrated to EventStoreDB, then the runs are split under the limit and every event is copied with its hash', async () => {
    dir = createTempDir();
    const source = SqliteEventStore.open(dir.file('ledger.sqlite'));
    for (let i = 0; i < 6; i++) await source.appendToStream('contract-big', [event(300_000)]);
    const events: StoredEvent[] = [];
    for await (const e of source.readAll()) events.push(e);
    await source.close();
    const target = new EventStoreDbEventStore(new EventStoreDbServerModel().client, { streamPattern: '^contract-' });
    expect(await copyInOrder((async function* () { yield* events; })(), target)).toBe(6);
    expect((await target.readStream('contract-big')).map((e) => e.hash)).toEqual(events.map((e) => e.hash));
  });
});
