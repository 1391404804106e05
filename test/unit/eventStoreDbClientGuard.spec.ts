import { EventStoreDBClient, UnavailableError } from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import { guardClientBackgroundErrors, settleWithin } from '../../src/eventStore/eventStoreDbClientGuard.ts';

/**
 * The real client's reconnection (`handleError`), which the client itself never awaits. Here it
 * runs while gossip discovery is failing (seeds on ports nothing listens on), as during a cluster's
 * election: the reconnection rejects, and without the guard that rejection is unhandled, which ends
 * a Node 20 process.
 */
describe('EventStoreDB client guard', () => {
  it('given a reconnection that fails while discovery finds no node, when the client calls handleError without awaiting it, then the failure is reported, not left unhandled', async () => {
    const client = EventStoreDBClient.connectionString('esdb://127.0.0.1:9,127.0.0.1:19?tls=false&maxDiscoverAttempts=2&discoveryInterval=50&gossipTimeout=200');
    const reported: unknown[] = [];
    guardClientBackgroundErrors(client, (error) => reported.push(error));
    // A read starts discovery; the client's channel is that pending discovery.
    const read = (async () => {
      for await (const _ of client.readAll({ maxCount: 1 })) break;
    })().catch((error: unknown) => error);
    // A call on the previous channel fails meanwhile: the client reconnects, as it does from `execute`.
    const failedCall = { getChannel: () => ({ getTarget: () => 'dns:127.0.0.1:9', close: () => undefined }) };
    const reconnect = (client as unknown as { handleError: (c: unknown, e: Error) => Promise<void> }).handleError(failedCall, new UnavailableError(undefined, 'connection lost'));
    await expect(reconnect).resolves.toBeUndefined();
    expect(String(reported[0])).toMatch(/Failed to discover/);
    expect(String(await read)).toMatch(/Failed to discover/);
    await client.dispose();
  });

  it('given a promise that never settles, when bounded, then it rejects with the timeout error; one that settles first keeps its outcome', async () => {
    await expect(settleWithin(new Promise(() => undefined), 20, () => new Error('no answer'))).rejects.toThrow('no answer');
    await expect(settleWithin(Promise.resolve(7), 1_000, () => new Error('no answer'))).resolves.toBe(7);
    await expect(settleWithin(Promise.reject(new Error('refused')), 1_000, () => new Error('no answer'))).rejects.toThrow('refused');
  });
});
