import { request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { CHILD_ADMIN_TOKEN, startChildServer } from '../support/childServer.ts';
import { createTempDir } from '../support/tempDir.ts';

const lg = (lgId: string) => ({ type: 'LocalGovernmentRegistered', data: { lgId, name: `Municipalidad ${lgId}`, level: 'district', province: 'P', department: 'D' } });

/** A POST whose body is sent in two parts, so the request is in flight for as long as the test likes. */
function slowPost(url: string, body: unknown) {
  const bytes = Buffer.from(JSON.stringify(body));
  const { hostname, port } = new URL(url);
  let finish!: () => void;
  const response = new Promise<{ status: number; body: any }>((resolve, reject) => {
    const req = request(
      { hostname, port, path: '/api/events', method: 'POST', headers: { authorization: `Bearer ${CHILD_ADMIN_TOKEN}`, 'content-type': 'application/json', 'content-length': bytes.length } },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.write(bytes.subarray(0, 10));
    finish = () => req.end(bytes.subarray(10));
  });
  return { response, finish: () => finish() };
}

describe('graceful shutdown on SIGTERM', () => {
  const dir = createTempDir('ledger-shutdown-');
  afterAll(() => dir.remove());

  it('given a request in flight and a burst, when SIGTERM arrives, then in-flight requests are answered, new connections are refused, the store closes and the exit code is 0', async () => {
    const server = await startChildServer(dir.path);
    const inFlight = slowPost(server.url, lg('089001'));
    await new Promise((r) => setTimeout(r, 200));
    const burst = Array.from({ length: 30 }, (_, i) => server.post(lg(`0891${String(i).padStart(2, '0')}`)));
    await new Promise((r) => setTimeout(r, 30));
    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    // The server is stopping: a new connection is refused…
    const late = await fetch(`${server.url}/api/health`).then((r) => r.status, (e: { cause?: { code?: string } }) => e.cause?.code);
    expect(['ECONNREFUSED', 503]).toContain(late);
    // …but the request already in flight is finished and answered.
    inFlight.finish();
    expect((await inFlight.response).status).toBe(201);
    const results = await Promise.all(burst);
    const { code, signal } = await server.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(server.lines.some((l) => l.includes('shut down cleanly'))).toBe(true);
    for (const r of results) if ('status' in r) expect([201, 503]).toContain(r.status);

    // Every acknowledged write is there after a restart.
    const restarted = await startChildServer(dir.path);
    const acked = results.filter((r): r is { status: number; body: any } => 'status' in r && r.status === 201).map((r) => r.body.events[0].id);
    for (const id of [...acked]) expect((await restarted.get(`/api/events/${id}`)).status).toBe(200);
    expect((await restarted.get('/api/audit/verify')).body.ok).toBe(true);
    restarted.child.kill('SIGINT');
    expect((await restarted.exited).code).toBe(0);
  }, 60_000);
});
