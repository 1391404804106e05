/**
 * The ledger's record: an event as recorded, immutable, hashed, in a stream and in the global
 * order. It is the one type shared by the event stores, the audit, the projections and the offline
 * bundle, so that no projection or verifier needs to import a store to read a record.
 *
 * Revisions follow EventStoreDB: the first event of a stream has revision 0n. Positions are the
 * store's global commit order: strictly increasing, opaque beyond that, and bigint because
 * EventStoreDB's exceed 2^53.
 */
export interface StoredEvent {
  /** UUID, chosen by the client or the server; appends are idempotent by it. */
  id: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  /** ISO 8601 instant at which the server accepted the event. */
  recordedAt: string;
  /** Name of the credential that wrote it. */
  actor: string;
  /** Further facts about the write (role, correlation id). Hashed with the event. */
  metadata: Record<string, string>;
  stream: string;
  revision: bigint;
  position: bigint;
  /** Hash of the previous event of the same stream (64 zeros for revision 0). */
  prevHash: string;
  /** SHA-256 of the canonical form of this event, prevHash included (src/audit/eventHash.ts). */
  hash: string;
}
