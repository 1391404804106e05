import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * Who may tell the server, in X-Forwarded-*, the client's address and whether it came over HTTPS:
 * nobody (`false`), every peer (`true`: only when the port is reachable through the proxy alone),
 * the first N hops, or the proxies' addresses, CIDR ranges and proxy-addr's names
 * (`loopback`, `linklocal`, `uniquelocal`). Passed to fastify's `trustProxy`.
 */
export type TrustProxy = boolean | number | string[];

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/** Parses LEDGER_TRUST_PROXY: unset or `false` → false, `true`, a hop count, or a comma-separated list of addresses. */
export const TrustProxySetting = z
  .string()
  .default('false')
  .transform((value, ctx): TrustProxy => {
    const text = value.trim();
    if (text === 'false' || text === '') return false;
    if (text === 'true') return true;
    if (/^\d{1,2}$/.test(text)) return Number(text);
    const entries = text.split(',').map((e) => e.trim()).filter(Boolean);
    const bad = entries.filter((e) => !isProxyAddress(e));
    if (entries.length === 0 || bad.length > 0) {
      ctx.addIssue({ code: 'custom', message: `must be true, false, a hop count or a comma-separated list of IP addresses, CIDR ranges, loopback, linklocal or uniquelocal (not ${bad.join(', ') || 'empty'})` });
      return z.NEVER;
    }
    return entries;
  });

/**
 * Every setting of the ledger, read once from the environment and validated. The README's
 * configuration table documents each variable; a test keeps the two in step.
 */
export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LEDGER_STORE: z.enum(['sqlite', 'eventstoredb']).default('sqlite'),
  LEDGER_DATA_DIR: z.string().min(1).default('./data'),
  LEDGER_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  LEDGER_SEED: z.enum(['chumbivilcas-2018', 'chumbivilcas']).optional(),
  EVENTSTORE_CONNECTION_STRING: z.string().min(1).optional(),
  LEDGER_ROLE: z.enum(['writer', 'replica']).default('writer'),
  LEDGER_WRITER_LEASE_SECONDS: z.coerce.number().int().min(3).max(300).default(15),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LEDGER_SIGNING_KEY_FILE: z.string().min(1).optional(),
  LEDGER_ORIGIN: z.string().regex(/^[^\s+]+$/, 'must be a schema-less URL-like name without spaces or +, e.g. ledger.example.gob.pe/transicion').optional(),
  LEDGER_WITNESSES: z.string().optional(),
  LEDGER_CHECKPOINT_EVERY_EVENTS: z.coerce.number().int().min(0).default(1000),
  LEDGER_CHECKPOINT_EVERY_MINUTES: z.coerce.number().min(0).default(60),
  LEDGER_VERIFY_EVERY_MINUTES: z.coerce.number().min(0).default(15),
  LEDGER_PUBLIC_READS: z.enum(['true', 'false'], { message: 'must be true or false' }).default('true').transform((v) => v === 'true'),
  LEDGER_CORS_ORIGINS: z.string().optional(),
  LEDGER_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(600),
  LEDGER_TRUST_PROXY: TrustProxySetting,
  LEDGER_SESSION_IDLE_MINUTES: z.coerce.number().min(1).max(7 * 24 * 60).default(8 * 60),
  LEDGER_SESSION_MAX_MINUTES: z.coerce.number().min(1).max(30 * 24 * 60).default(12 * 60),
  LEDGER_DOCUMENT_MAX_BYTES: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).default(20 * 1024 * 1024),
});

export type Config = z.infer<typeof ConfigSchema>;

/** Names of the environment variables the ledger reads. */
export const CONFIG_VARIABLES = Object.keys(ConfigSchema.shape) as (keyof Config)[];

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "unset", as they do for most shells and compose files.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  if (config.LEDGER_STORE === 'eventstoredb' && !config.EVENTSTORE_CONNECTION_STRING) {
    throw new Error('Invalid configuration:\n  EVENTSTORE_CONNECTION_STRING: required when LEDGER_STORE=eventstoredb');
  }
  return config;
}
