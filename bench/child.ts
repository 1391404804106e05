import { buildLedgerViewFromStream } from '../projections/ledgerView.ts';
import { newEventId } from '../src/commandHandling/newEventId.ts';
import { createRecorder } from '../src/commandHandling/recordEvents.ts';
import { SqliteEventStore } from '../src/eventStore/sqliteEventStore.ts';
import { buildApp } from '../src/http/buildApp.ts';
import { LedgerReader } from '../src/readModels/ledgerReader.ts';
import { LgIndex } from '../src/readModels/lgIndex.ts';
import { msSince } from './stats.ts';
import { join } from 'node:path';
import { budgetView } from '../projections/budgetView.ts';
import { listLocalGovernments } from '../projections/localGovernmentView.ts';
import { AuditService } from '../src/audit/log/auditService.ts';
import { LedgerHealth } from '../src/health/ledgerHealth.ts';
import { profileOnSignal } from './loadProfile.ts';

/**
 * Workloads that run in a process of their own, so that their peak RSS is theirs alone and the
 * server of W3 does not share its CPU with the load generator. Prints one JSON line.
 *   rebuild <ledger>            W4: the live LedgerView every read model derives from, one streamed pass
 *   rebuild-two-pass <ledger>   the same at a point in time (retractions first, then facts)
 *   rebuild-index <ledger> <ix> W4: the persistent lg index (lgIndex.ts), from zero
 *   startup <ledger> <ix>       start-up of a reader on a checkpointed index and view
 *   serve <ledger> <token>      W3: the HTTP API, listening on 127.0.0.1 (prints its port)
 *   serve-reads <ledger> <dir> [ix]  W7/W8: the server as `serve` runs it, audit data in <dir>, read index <ix>
 *   startup <ledger> <ix>       also: the first list and budget read (from the view checkpoint in <ix>)
 */
const [task, file, extra, indexFile] = process.argv.slice(2);
const rssMb = () => process.memoryUsage().rss / 2 ** 20;
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

async function main(): Promise<unknown> {
  if (!file) throw new Error('usage: child.ts <task> <ledger file> [extra]');
  if (task === 'serve') {
    const store = SqliteEventStore.open(file);
    const record = createRecorder({ store, now: () => new Date(), newId: newEventId });
    const app = await buildApp({ store, storeName: 'sqlite', record, credentials: [{ name: 'admin', role: 'registrar', token: extra! }] });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    process.on('SIGTERM', () => void app.close().then(() => store.close()).then(() => process.exit(0)));
    return { port: typeof address === 'object' && address ? address.port : undefined };
  }
  if (task === 'serve-reads') {
    const store = SqliteEventStore.open(file);
    const health = new LedgerHealth();
    const audit = new AuditService({ store, health, dataDir: extra!, checkpointEveryEvents: 0, checkpointEveryMinutes: 0, verifyEveryMinutes: 0 });
    await audit.start();
    const record = createRecorder({ store, now: () => new Date(), newId: newEventId });
    const app = await buildApp({ store, storeName: 'sqlite', record, health, audit, readIndexFile: indexFile ?? join(extra!, 'read-index.sqlite'), credentials: [] });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    // BENCH_CPU_PROF: a profile of the load only, started by SIGUSR2 once the reads are warm.
    const profile = process.env.BENCH_CPU_PROF ? profileOnSignal(process.env.BENCH_CPU_PROF) : undefined;
    process.on('SIGTERM', () => void (profile?.stop() ?? Promise.resolve()).then(() => app.close()).then(() => audit.close()).then(() => store.close()).then(() => process.exit(0)));
    return { port: typeof address === 'object' && address ? address.port : undefined };
  }
  const store = SqliteEventStore.open(file, { readonly: true });
  const baseRssMb = rssMb();
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  let result: Record<string, unknown>;
  if (task === 'rebuild') {
    // What a server does on its first read: the live LedgerView, folded in one streamed pass.
    const reader = new LedgerReader(store);
    const view = await reader.view();
    await reader.close();
    result = { events: Number(view.lastPosition), localGovernments: view.localGovernments.size };
  } else if (task === 'rebuild-two-pass') {
    // buildLedgerViewFromStream: retractions first, then facts (for a point in time of the whole ledger).
    let events = 0;
    const view = await buildLedgerViewFromStream(() => {
      events = 0;
      return counting(store.readAll(), () => events++);
    });
    result = { events, lastPosition: view.lastPosition.toString(), localGovernments: view.localGovernments.size };
  } else if (task === 'rebuild-index') {
    const index = LgIndex.open(extra!);
    await index.catchUp(store);
    result = { events: Number(index.checkpoint()?.position ?? 0n) };
    index.close();
  } else if (task === 'startup') {
    // What a restarted server does before its first list and budget read: index and view from their checkpoints.
    const reader = new LedgerReader(store, { indexFile: extra });
    await reader.catchUpIndex();
    const view = await reader.view();
    const lgs = listLocalGovernments(view).localGovernments.length;
    budgetView(view);
    result = { localGovernments: lgs, ms: msSince(start) };
    await reader.close();
  } else {
    throw new Error(`unknown task ${task}`);
  }
  const ms = msSince(start);
  // CPU of the task alone (main thread and helpers such as the GC's), steadier than `ms` on a busy machine.
  const cpu = process.cpuUsage(cpuStart);
  await store.close();
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, ...result, baseRssMb, peakRssMb: peakRssMb() };
}

async function* counting<T>(source: AsyncIterable<T>, onItem: () => void): AsyncGenerator<T> {
  for await (const item of source) {
    onItem();
    yield item;
  }
}

main().then(
  (result) => console.log(JSON.stringify(result)),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
