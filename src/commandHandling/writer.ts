/** Who is writing: recorded in every event's metadata, and so covered by its hash. */
export interface Writer {
  actor: string;
  role?: string;
  correlationId?: string;
  /** Where the facts came from, e.g. an imported file's name, hash and edition. Recorded in each event's metadata. */
  provenance?: Readonly<Record<string, string>>;
  /** Where a scoped role may write (src/access/authorize.ts). Not recorded: its grant in the access stream is. */
  scope?: { transitionIds?: readonly string[]; lgId?: string };
}
