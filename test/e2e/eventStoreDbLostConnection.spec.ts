import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { startChildServer, type ChildServer } from '../support/childServer.ts';
import { APPEND, emptyReads, READ, startGrpcStubServer, UNAVAILABLE, type GrpcStubServer } from '../support/grpcStubServer.ts';
import { createTempDir, type TempDir } from '../support/tempDir.ts';

/**
 * The real `serve` in a child process, with the real client, on an "EventStoreDB" that answers
 * recorded replies (an empty store that refuses appends) and then disappears: the process must
 * survive, say so in /api/health, and not end on an unhandled rejection.
 */
describe('serve on EventStoreDB when the connection is lost', () => {
  let dir: TempDir | undefined;
  let stub: GrpcStubServer | undefined;
  let server: ChildServer | undefined;
  afterEach(async () => {
    server?.child.kill('SIGKILL');
    await server?.exited;
    await stub?.close();
    dir?.remove();
  });

  it('given a running server whose EventStoreDB goes away, then the process keeps running and /api/health answers 503, and writes 503 STORE_UNAVAILABLE', async () => {
    dir = createTempDir();
    stub = await startGrpcStubServer({ [READ]: emptyReads, [APPEND]: () => ({ status: UNAVAILABLE, message: 'no leader' }) });
    server = await startChildServer(dir.path, { LEDGER_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: stub.connectionString('&defaultDeadline=2000') }, 60_000);
    const before = await server.get('/api/health');
    expect(before.status).toBe(200);
    // The writer lease could not be appended: writes are refused, and health says why.
    expect(before.body.problems).toEqual([expect.objectContaining({ source: 'writer-lease' })]);

    await stub.close();
    stub = undefined;
    await sleep(3_000); // subscriptions resubscribe, reconnections fail: none of it may end the process
    let ended = false;
    void server.exited.then(() => (ended = true));
    expect(ended).toBe(false);
    expect((await server.get('/api/health')).status).toBe(503);
    const write = await server.post({ type: 'LocalGovernmentRegistered', data: { lgId: '080701', name: 'Municipalidad Provincial de Chumbivilcas', level: 'provincial', province: 'Chumbivilcas', department: 'Cusco' } });
    expect(write).toMatchObject({ status: 503, body: { code: 'STORE_UNAVAILABLE' } });
    expect(ended).toBe(false);
  }, 90_000);
});
