import { afterAll, describe, expect, it } from 'vitest';
import { catalogue, isEventType } from '../../src/domain/events/catalogue.ts';
import { startChildServer, type ChildServer } from '../support/childServer.ts';
import { createTempDir } from '../support/tempDir.ts';

/**
 * SIGKILL mid-burst, several times, at different points, on one data directory; then restart and
 * check that what was acknowledged survived intact. Killing at "n acknowledgements" puts the kill
 * between group commits, inside one, or while requests are still being parsed.
 */
const KILL_AFTER_ACKS = [0, 3, 17, 40, 75];
const BURST = 90;

interface Ack {
  id: string;
  hash: string;
  position: string;
  stream: string;
}

describe('crash safety: SIGKILL during a burst of appends loses nothing acknowledged and leaves nothing partial', () => {
  const dir = createTempDir('ledger-crash-');
  const acked = new Map<string, Ack>();
  /** Batches of three commitments: after any crash, all three are stored or none is. */
  const batches: string[][] = [];
  const figures = { runs: 0, requests: 0, acknowledged: 0, checked: 0, networkErrors: 0 };
  afterAll(() => {
    console.log(
      `[crash] ${figures.runs} SIGKILL runs survived; ${figures.requests} requests fired, ${figures.acknowledged} acknowledged with 201, ${figures.networkErrors} cut off by the kill; ${figures.checked} acknowledged-event checks after restarts`,
    );
    dir.remove();
  });

  async function verifyAfterRestart(server: ChildServer) {
    for (const ack of acked.values()) {
      const stored = await server.get(`/api/events/${ack.id}`);
      expect(stored.status, `acknowledged event ${ack.id} is missing`).toBe(200);
      expect(stored.body).toMatchObject({ hash: ack.hash, position: ack.position, stream: ack.stream });
      figures.checked++;
    }
    const verify = await server.get('/api/audit/verify');
    expect(verify.body).toMatchObject({ ok: true, problems: [] });
    // No partial event: every stored event is complete and its data is valid for its type.
    let after: string | undefined;
    const commitments = new Set<string>();
    for (;;) {
      const page = await server.get(`/api/events?limit=1000${after ? `&after=${after}` : ''}`);
      for (const e of page.body.events) {
        expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
        const type: unknown = e.type;
        if (isEventType(type)) expect(catalogue[type].schema.safeParse(e.data).success).toBe(true);
        if (e.type === 'FundingCommitted') commitments.add(e.data.commitmentId);
      }
      if (!page.body.next) break;
      after = page.body.next;
    }
    for (const batch of batches) {
      const present = batch.filter((c) => commitments.has(c)).length;
      expect([0, batch.length], `batch ${batch.join(',')} is partial`).toContain(present);
    }
    // Projections rebuild from the recovered log.
    expect((await server.get('/api/local-governments')).status).toBe(200);
    expect((await server.get('/api/budget')).status).toBe(200);
  }

  it(`given ${KILL_AFTER_ACKS.length} runs killed with SIGKILL after ${KILL_AFTER_ACKS.join(', ')} acknowledgements, when restarted each time, then every 201 is present with its hash, batches are whole and the chain verifies`, async () => {
    let server = await startChildServer(dir.path);
    const setup = [
      await server.post({ type: 'LocalGovernmentRegistered', data: { lgId: '089900', name: 'Municipalidad de Prueba', level: 'district', province: 'Chumbivilcas', department: 'Cusco' } }),
      await server.post({ type: 'ProjectRegistered', data: { projectId: 'proy-crash', title: 'Proyecto', sector: 'other', lgIds: ['089900'], registeredOn: '2019-01-01' } }),
    ];
    for (const r of setup) expect(r).toMatchObject({ status: 201 });

    for (const [run, killAfter] of KILL_AFTER_ACKS.entries()) {
      let acks = 0;
      let killed = false;
      const kill = () => {
        if (!killed) {
          killed = true;
          server.child.kill('SIGKILL');
        }
      };
      if (killAfter === 0) setTimeout(kill, 5);
      const requests = Array.from({ length: BURST }, (_, i) => {
        const kind = i % 3;
        let body: unknown;
        if (kind === 0) {
          body = { type: 'LocalGovernmentRegistered', data: { lgId: `09${run}${String(i).padStart(3, '0')}`, name: `Municipalidad ${run}-${i}`, level: 'district', province: 'P', department: 'D' } };
        } else if (kind === 1) {
          body = { type: 'FundingCommitted', data: { commitmentId: `c-${run}-${i}`, projectId: 'proy-crash', funder: 'MEF', amount: '10.00', currency: 'PEN', committedOn: '2019-02-01' } };
        } else {
          const batch = [0, 1, 2].map((k) => `b-${run}-${i}-${k}`);
          batches.push(batch);
          body = { events: batch.map((commitmentId) => ({ type: 'FundingCommitted', data: { commitmentId, projectId: 'proy-crash', funder: 'GORE', amount: '5.00', currency: 'PEN', committedOn: '2019-02-01' } })) };
        }
        return server.post(body).then((result) => {
          if ('status' in result && result.status === 201) {
            for (const e of result.body.events) acked.set(e.id, { id: e.id, hash: e.hash, position: e.position, stream: e.stream });
            figures.acknowledged += result.body.events.length;
            if (++acks >= killAfter && killAfter > 0) kill();
          } else if ('error' in result) {
            figures.networkErrors++;
          } else {
            throw new Error(`unexpected answer ${result.status}: ${JSON.stringify(result.body)}`);
          }
        });
      });
      figures.requests += BURST;
      await Promise.all(requests);
      kill();
      const { signal } = await server.exited;
      expect(signal).toBe('SIGKILL');
      figures.runs++;

      server = await startChildServer(dir.path);
      await verifyAfterRestart(server);
    }
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
    expect(acked.size).toBeGreaterThan(0);
  }, 180_000);
});
