/** Who is writing: recorded in every event's metadata, and so covered by its hash. */
export interface Writer {
  actor: string;
  role?: string;
  correlationId?: string;
  /** Where a scoped role may write (src/access/authorize.ts). Not recorded: its grant in the access stream is. */
  scope?: { transitionIds?: readonly string[]; lgId?: string };
}
