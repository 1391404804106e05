import { describe, expect, it } from 'vitest';
import { appendCallOptions, readConnectionSettings } from '../../src/eventStore/eventStoreDbConnection.ts';
import { EventStoreDbEventStore } from '../../src/eventStore/eventStoreDbEventStore.ts';

describe('EventStoreDB connection settings', () => {
  it('given tlsVerifyCert=false (which client 6.x ignores), when connecting, then it is refused with what to do instead', () => {
    for (const cs of ['esdb://node:2113?tls=true&tlsVerifyCert=false', 'esdb://node:2113?TLSVERIFYCERT=False', 'esdb+discover://a:b@node:2113?tlsVerifyCert=false']) {
      expect(() => EventStoreDbEventStore.connect(cs), cs).toThrow(/tlsVerifyCert=false.*ignores.*tlsCAFile/s);
    }
  });

  it('given TLS, insecure mode and credentials, then they are read as the client reads them', () => {
    expect(readConnectionSettings('esdb://eventstore:2113?tls=false')).toEqual({ secure: false });
    expect(readConnectionSettings('esdb://admin:ch%40ngeit@a:2113,b:2113?nodePreference=leader')).toEqual({ secure: true, credentials: { username: 'admin', password: 'ch@ngeit' } });
    expect(readConnectionSettings('esdb://a:2113')).toEqual({ secure: true });
    expect(() => readConnectionSettings('http://a:2113')).toThrow(/esdb:\/\//);
  });

  it('given each kind of connection, then appends carry call credentials where the client allows it (skipping its capabilities cache and batch stream)', () => {
    expect(appendCallOptions({ secure: false }).credentials).toBeDefined();
    expect(appendCallOptions({ secure: true, credentials: { username: 'admin', password: 'x' } })).toEqual({ credentials: { username: 'admin', password: 'x' } });
    expect(appendCallOptions({ secure: true })).toEqual({});
  });
});
