import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChildServer } from '../support/childServer.ts';

/** `npm run demo` as a newcomer meets it: the server seeding the demo, then started again on the same data. */
describe('serve with LEDGER_SEED', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-demo-serve-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('given an empty store, when the demo is served, then it ends with a signed checkpoint covering every event', async () => {
    const server = await startChildServer(dir, { LEDGER_SEED: 'chumbivilcas' }, 60_000);
    try {
      const seeded = server.lines.find((l) => l.includes('demo recorded into the empty store'));
      expect(seeded, server.lines.join('\n')).toBeDefined();
      const latest = await server.get('/api/audit/checkpoints/latest');
      expect(latest.status).toBe(200);
      expect(latest.body.treeSize).toBe(JSON.parse(seeded!).recorded);
      // The demo's clock is the write path's: whatever is dated after today waits, and the log says how much.
      expect(JSON.parse(seeded!).skippedAfterToday).toEqual(expect.any(Number));
      const transfer = await server.get('/api/transitions/tr-080707-2026');
      expect(transfer.status).toBe(200);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 90_000);

  it('given a store that already holds events, when the demo is served, then the log says why nothing was recorded and how to start over', async () => {
    const server = await startChildServer(dir, { LEDGER_SEED: 'chumbivilcas' }, 60_000);
    try {
      const line = server.lines.find((l) => l.includes('demo not recorded'));
      expect(line, server.lines.join('\n')).toBeDefined();
      const entry = JSON.parse(line!);
      expect(entry.reason).toMatch(/already holds events, up to position \d+/);
      expect(entry.reset).toContain(dir);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 90_000);
});
