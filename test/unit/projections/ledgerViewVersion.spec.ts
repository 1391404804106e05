import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LEDGER_VIEW_VERSION } from '../../../projections/ledgerView.ts';
import { LG_SNAPSHOT_FORMAT } from '../../../src/readModels/lgSnapshots.ts';

/**
 * Stored snapshots of the fold (src/readModels/lgSnapshots.ts) are trusted as long as their format
 * key matches, so a change of the fold that keeps the key would serve states the new code would not
 * build. The files that decide what a snapshot holds are pinned here, with the key: when this fails,
 * bump LEDGER_VIEW_VERSION (projections/ledgerView.ts) if a fold of the same events can now give
 * another state (or the encoding's number in LG_SNAPSHOT_FORMAT if the encoding changed), then
 * record the new hash and key below.
 */
const FOLD_FILES = [
  'projections/evolveLedgerView.ts',
  'projections/ledgerView.ts',
  'projections/ledgerViewTypes.ts',
  'projections/persistentList.ts',
  'projections/persistentMap.ts',
  'projections/pointInTime.ts',
  'src/domain/retractions.ts',
  'src/readModels/lgScope.ts',
  'src/readModels/lgSnapshots.ts',
  'src/readModels/cutOut.ts',
  'src/readModels/sqliteListSpill.ts',
  'src/readModels/spillCodec.ts',
  'projections/spillLedgerView.ts',
];

const PINNED = { format: '2:1', version: 1, sha256: 'da29e8130227656e5082c38fdb31a22be3ad77402046e01cd1898d2fb68fac81' };

describe('the version of stored folds', () => {
  it('given the files that decide what a snapshot holds, when any of them changes, then the snapshot format key is bumped with it', () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const hash = createHash('sha256');
    for (const file of FOLD_FILES) hash.update(file).update('\0').update(readFileSync(root + file)).update('\0');
    expect({ format: LG_SNAPSHOT_FORMAT, version: LEDGER_VIEW_VERSION, sha256: hash.digest('hex') }).toEqual(PINNED);
  });
});
