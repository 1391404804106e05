/** The HTTP hardening settings (from LEDGER_PUBLIC_READS, LEDGER_CORS_ORIGINS, LEDGER_RATE_LIMIT_PER_MINUTE). */
export interface SecurityOptions {
  /** When false, every read under /api/ but /api/health needs a valid token of any role. Default true. */
  publicReads: boolean;
  /** Origins allowed by CORS: none (same-origin only, the default), a list, or `*`. */
  corsOrigins: string[] | '*';
  /** Requests per minute allowed per client IP, and again per bearer token. 0 turns rate limiting off. */
  rateLimitPerMinute: number;
}

/** What buildApp uses when the caller passes nothing: tests and embedders; the server passes the configuration. */
export const DEFAULT_SECURITY: SecurityOptions = { publicReads: true, corsOrigins: [], rateLimitPerMinute: 0 };

/** Parses LEDGER_CORS_ORIGINS: empty → none, `*` → any, else a comma-separated list of origins. */
export function parseCorsOrigins(value: string | undefined): string[] | '*' {
  if (value === undefined || value.trim() === '') return [];
  if (value.trim() === '*') return '*';
  return value.split(',').map((o) => o.trim()).filter(Boolean);
}
