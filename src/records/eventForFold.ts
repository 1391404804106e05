import type { StoredEvent } from './storedEvent.ts';

/**
 * The fields a fold of the log (projections/evolveLedgerView.ts) reads of an event: no metadata,
 * hashes, ids or stream. The event store's readAllForFold reads only these, so a rebuild of the live
 * view neither reads nor parses the rest. A projection that needs another field must add it here,
 * and the contract suite then fails until every adapter's readAllForFold hands it out.
 */
export const FOLD_FIELDS = ['position', 'type', 'schemaVersion', 'data'] as const;

/** An event as readAllForFold hands it out. An adapter may hand out more fields; a fold must not read them. */
export type EventForFold = Pick<StoredEvent, (typeof FOLD_FIELDS)[number]>;
