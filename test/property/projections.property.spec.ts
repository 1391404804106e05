import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { buildLedgerView, evolveLedgerView, initialLedgerView, needsRebuild, type LedgerView } from '../../projections/ledgerView.ts';
import { buildLedgerViewFromStream } from '../../projections/ledgerView.ts';
import { storedLog } from './support/eventArbitraries.ts';

/** A view as plain, comparable data: each map's values in key order, bigints as strings. */
function plain(view: LedgerView): unknown {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(view)) {
    out[key] = value !== null && typeof value === 'object' && 'values' in value && typeof value.values === 'function'
      ? [...(value.values() as Iterable<unknown>)].map((v) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x))).sort()
      : typeof value === 'bigint' ? value.toString() : value;
  }
  return out;
}

const RUNS = 1500;
let cases = 0;

describe('property: projections folded incrementally equal a from-scratch replay of the same log', () => {
  afterAll(() => console.log(`[property] projections: ${cases} generated logs checked (incremental vs replay vs streamed)`));

  it('given any log of valid facts, retractions and access events, when folded one event at a time (rebuilding at retractions), then the view equals buildLedgerView', async () => {
    await fc.assert(
      fc.asyncProperty(storedLog(60), async (log) => {
        cases++;
        let live = initialLedgerView();
        log.forEach((event, i) => {
          live = needsRebuild(event) ? buildLedgerView(log.slice(0, i + 1)) : evolveLedgerView(live, event);
        });
        const replayed = buildLedgerView(log);
        expect(plain(live)).toEqual(plain(replayed));
        const streamed = await buildLedgerViewFromStream(async function* () {
          yield* log;
        });
        expect(plain(streamed)).toEqual(plain(replayed));
      }),
      { numRuns: RUNS },
    );
  });
});
