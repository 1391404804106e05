import { buildLedgerViewFromStream } from '../../projections/ledgerView.ts';
import { localGovernmentView } from '../../projections/localGovernmentView.ts';
import { withLedger } from './withLedger.ts';

export interface StateOptions {
  asOf?: string;
  atPosition?: bigint;
}

/** `state <lgId>`: a local government's projected state, as JSON. */
export async function stateCommand(lgId: string, options: StateOptions): Promise<void> {
  // Streamed (the log is read twice: retractions, then facts), so memory holds the view, not the log.
  const view = await withLedger(async ({ store }) =>
    localGovernmentView(await buildLedgerViewFromStream(() => store.readAll({ upTo: options.atPosition }), options), lgId),
  );
  if (view === undefined) {
    console.error(`Local government ${lgId} not found at that point in time.`);
    process.exitCode = 1;
    return;
  }
  console.log(JSON.stringify(view, null, 2));
}
