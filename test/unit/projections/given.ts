import { expect } from 'vitest';
import { buildLedgerView, type LedgerView } from '../../../projections/ledgerView.ts';
import type { PointInTime } from '../../../projections/pointInTime.ts';
import { storedEvents, type Fact } from '../../support/storedEvents.ts';

/**
 * `given(facts).at(pointInTime).expect((view) => someView(view, id))`: records the facts, folds them
 * as of the point in time, and hands the chosen view to vitest's expect.
 */
export function given(facts: readonly Fact[]) {
  const events = storedEvents(facts);
  const at = (pointInTime: PointInTime) => ({
    events,
    at,
    view: (): LedgerView => buildLedgerView(events, pointInTime),
    expect: <V>(read: (view: LedgerView) => V) => expect(read(buildLedgerView(events, pointInTime))),
  });
  return at({});
}
