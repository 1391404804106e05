import { deserialize, serialize } from 'node:v8';
import Database from 'better-sqlite3';
import { initialLedgerView, type LedgerView, type TransitionState } from '../../projections/ledgerView.ts';
import { PersistentList } from '../../projections/persistentList.ts';
import { PersistentMap } from '../../projections/persistentMap.ts';
import type { EventStore } from '../eventStore/eventStore.ts';

/** Bumped whenever LedgerView's shape changes: a checkpoint of another shape is ignored, not misread. */
const FORMAT = 1;

const MAPS = ['localGovernments', 'terms', 'plans', 'projects', 'tables', 'commitments', 'allocations'] as const;

type Plain = {
  format: number;
  lastPosition: bigint;
  maps: Record<(typeof MAPS)[number], Array<[string, unknown]>>;
  transitions: Array<[string, Omit<TransitionState, 'decisions' | 'items' | 'observations'> & { decisions: unknown[]; items: unknown[]; observations: Array<[string, unknown]> }]>;
};

/**
 * The live LedgerView saved to disk with the position and hash of the last event it folded, so a
 * restarted server resumes from it instead of folding the whole log again. Like the lg index it is
 * a cache of the log, never a source of truth: a checkpoint whose last event is not in the store
 * with that hash (another ledger, a rewritten one) or of another format is ignored.
 */
export class ViewCheckpoint {
  private readonly stmts;

  private constructor(private readonly db: Database.Database) {
    db.exec('CREATE TABLE IF NOT EXISTS view_checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position TEXT NOT NULL, hash TEXT NOT NULL, view BLOB NOT NULL)');
    this.stmts = {
      get: db.prepare<[], { position: string; hash: string; view: Buffer }>('SELECT position, hash, view FROM view_checkpoint WHERE id = 1'),
      put: db.prepare('INSERT INTO view_checkpoint (id, position, hash, view) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position, hash = excluded.hash, view = excluded.view'),
    };
  }

  /** Opens (creating) the checkpoint table in `file`, beside the lg index's tables. */
  static open(file: string): ViewCheckpoint {
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    return new ViewCheckpoint(db);
  }

  /** The saved view, if its last event is still in `store` with the same hash. */
  async load(store: EventStore): Promise<LedgerView | undefined> {
    const row = this.stmts.get.get();
    if (!row) return undefined;
    const position = BigInt(row.position);
    let found = false;
    for await (const e of store.readAll({ after: position - 1n, limit: 1 })) found = e.position === position && e.hash === row.hash;
    if (!found) return undefined;
    const plain = deserialize(row.view) as Plain;
    return plain.format === FORMAT ? decode(plain) : undefined;
  }

  /** Saves `view`, whose last folded event has `hash`. */
  save(view: LedgerView, hash: string): void {
    this.stmts.put.run(view.lastPosition.toString(), hash, serialize(encode(view)));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function encode(view: LedgerView): Plain {
  const maps = Object.fromEntries(MAPS.map((name) => [name, view[name].entries()])) as Plain['maps'];
  const transitions = view.transitions.entries().map(([id, t]): Plain['transitions'][number] => [
    id,
    { ...t, decisions: t.decisions.toArray(), items: t.items.toArray(), observations: t.observations.entries() },
  ]);
  return { format: FORMAT, lastPosition: view.lastPosition, maps, transitions };
}

function decode(plain: Plain): LedgerView {
  const view = initialLedgerView() as unknown as Record<string, unknown>;
  for (const name of MAPS) view[name] = PersistentMap.fromEntries(plain.maps[name]);
  view.transitions = PersistentMap.fromEntries(
    plain.transitions.map(([id, t]) => [
      id,
      { ...t, decisions: PersistentList.fromArray(t.decisions), items: PersistentList.fromArray(t.items), observations: PersistentMap.fromEntries(t.observations) } as TransitionState,
    ]),
  );
  view.lastPosition = plain.lastPosition;
  return view as unknown as LedgerView;
}
