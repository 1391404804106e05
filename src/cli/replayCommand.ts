import { budgetView } from '../../projections/budgetView.ts';
import { buildLedgerViewFromStream } from '../../projections/ledgerView.ts';
import { listLocalGovernments, localGovernmentView } from '../../projections/localGovernmentView.ts';
import { withProgress } from './replayProgress.ts';
import { withLedger } from './withLedger.ts';

export interface ReplayOptions {
  asOf?: string;
  atPosition?: bigint;
  lg?: string;
}

/**
 * `replay [--as-of DATE] [--at-position N] [--lg ID]`: rebuilds the projections from the log (two
 * streamed passes: retractions, then facts) and prints them as JSON: one local government with
 * --lg, else every local government and the budget. A progress bar shows on a terminal.
 */
export async function replayCommand(options: ReplayOptions): Promise<void> {
  const at = { asOf: options.asOf, atPosition: options.atPosition };
  const result = await withLedger(async ({ store }) => {
    const head = (await store.headPosition()) ?? 0n;
    const upTo = options.atPosition;
    const expected = Number(upTo !== undefined && upTo < head ? upTo : head);
    const progress = withProgress(expected, 'replay', { passes: 2 });
    let events = 0;
    const started = performance.now();
    try {
      const view = await buildLedgerViewFromStream(() => {
        events = 0;
        return count(progress.track(store.readAll({ upTo })), () => events++);
      }, at);
      const millis = Math.round(performance.now() - started);
      const replay = { eventsRead: events, atPosition: view.lastPosition.toString(), ...(options.asOf && { asOf: options.asOf }), millis };
      if (options.lg !== undefined) return { replay, localGovernment: localGovernmentView(view, options.lg) ?? null };
      return { replay, localGovernments: listLocalGovernments(view).localGovernments, budget: budgetView(view) };
    } finally {
      progress.stop();
    }
  });
  if ('localGovernment' in result && result.localGovernment === null) {
    console.error(`Local government ${options.lg} not found at that point in time.`);
    process.exitCode = 1;
  }
  console.log(JSON.stringify(result, null, 2));
}

async function* count<T>(items: AsyncIterable<T>, tick: () => void): AsyncIterable<T> {
  for await (const item of items) {
    tick();
    yield item;
  }
}
