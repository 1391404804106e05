/**
 * Every stream name of the ledger, built in one place. A domain stream is the consistency boundary
 * of one subject (`expectedRevision` refers to it) and its name is the subject's kind and id; the
 * kinds' prefixes never collide with a system stream's name, so a name says which it is.
 */
export const streams = {
  localGovernment: (lgId: string) => `lg-${lgId}`,
  plan: (planId: string) => `plan-${planId}`,
  transition: (transitionId: string) => `transition-${transitionId}`,
  table: (tableId: string) => `table-${tableId}`,
  project: (projectId: string) => `project-${projectId}`,
  budget: (lgId: string) => `budget-${lgId}`,
  /** One data subject's erasure (PersonalDataErased). */
  personalData: (subjectId: string) => `personal-data-${subjectId}`,
} as const;

export type StreamKind = keyof typeof streams;

/** The prefix of each kind of domain stream. */
export const DOMAIN_PREFIXES = ['lg-', 'plan-', 'transition-', 'table-', 'project-', 'budget-', 'personal-data-'] as const;

/**
 * Streams the ledger itself writes: the access grants (only the `tokens` CLI appends there) and the
 * signed checkpoints (only the audit service does). No HTTP credential, the registrar included,
 * writes or retracts anything in them.
 */
export const SYSTEM_STREAMS = {
  access: 'access-tokens',
  checkpoints: 'audit-checkpoints',
} as const;

/** True for the stream of a domain subject (catalogue events and their retractions live only there). */
export function isDomainStream(stream: string): boolean {
  return DOMAIN_PREFIXES.some((p) => stream.startsWith(p) && stream.length > p.length);
}

/** True for every stream that is not a domain subject's: the system streams and any stream a later version adds. */
export function isSystemStream(stream: string): boolean {
  return !isDomainStream(stream);
}
