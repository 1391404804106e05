import { buildLedgerView } from '../../projections/ledgerView.ts';
import { localGovernmentView } from '../../projections/localGovernmentView.ts';
import type { StoredEvent } from '../eventStore/eventStore.ts';
import { withLedger } from './withLedger.ts';

export interface StateOptions {
  asOf?: string;
  atPosition?: bigint;
}

/** `state <lgId>`: a local government's projected state, as JSON. */
export async function stateCommand(lgId: string, options: StateOptions): Promise<void> {
  const view = await withLedger(async ({ store }) => {
    const events: StoredEvent[] = [];
    for await (const e of store.readAll({ upTo: options.atPosition })) events.push(e);
    return localGovernmentView(buildLedgerView(events, options), lgId);
  });
  if (view === undefined) {
    console.error(`Local government ${lgId} not found at that point in time.`);
    process.exitCode = 1;
    return;
  }
  console.log(JSON.stringify(view, null, 2));
}
