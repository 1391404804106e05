import autocannon from 'autocannon';
import { SqliteEventStore } from '../../src/eventStore/sqliteEventStore.ts';
import { startChild } from '../spawnChild.ts';
import { itemEvent } from '../synthetic.ts';
import { setupTransitions, transitionIdOf, W1_STREAMS } from './setupTransitions.ts';

export interface HttpRun {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

const TOKEN = 'bench-admin-token-0123456789';

/**
 * W3: `POST /api/events` (one HandoverItemRecorded, each a new item of one of 1,000 transitions) from
 * `connections` concurrent connections for `seconds`, against the real server listening in a child
 * process (so the load generator does not share its event loop). Durable: a 201 is sent after fsync.
 */
export async function w3HttpAppend(file: string, seconds: number, connections: number, runs: number): Promise<HttpRun[]> {
  const store = SqliteEventStore.open(file);
  await setupTransitions(store);
  await store.close();
  const { child, firstLine } = startChild<{ port: number }>(['serve', file, TOKEN]);
  const { port } = await firstLine;
  const results: HttpRun[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      let n = 0;
      const result = await autocannon({
        url: `http://127.0.0.1:${port}`,
        connections,
        duration: seconds,
        requests: [{
          method: 'POST',
          path: '/api/events',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
          setupRequest: (request) => {
            const i = n++;
            const { type, data } = itemEvent(transitionIdOf(i % W1_STREAMS), 1_000_000 * (run + 1) + i);
            return { ...request, body: JSON.stringify({ type, data }) };
          },
        }],
      });
      results.push({
        requestsPerSecond: result.requests.average,
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        non2xx: result.non2xx,
        errors: result.errors,
      });
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
  return results;
}
