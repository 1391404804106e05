import { z } from 'zod';
import { Id, IsoDate, LgId, shortText } from '../domain/primitives.ts';

/**
 * The access stream: who could write what, and since when. Grants and revocations are events like
 * any other (hashed, chained, covered by `verify` and `/api/audit/verify`), appended through the
 * store port by the `tokens` CLI only; no HTTP credential may write into this stream.
 */
export const ACCESS_STREAM = 'access-tokens';
export const ACCESS_SCHEMA_VERSION = 1;

/** What a credential may do. `registrar` writes anything; the others are scoped (see authorize.ts). */
export const AccessRole = z.enum(['registrar', 'commission', 'authority', 'auditor']);
export type AccessRole = z.infer<typeof AccessRole>;

/** Where a scoped role may write: a commission's transitions, an authority's local government. */
export const AccessScope = z.strictObject({
  transitionIds: z.array(Id).min(1).max(50).optional(),
  lgId: LgId.optional(),
});
export type AccessScope = z.infer<typeof AccessScope>;

/** Token ids are 16 lowercase hex digits: the public half of a `tl_<tokenId>_<secret>` token. */
export const TokenId = z.string().regex(/^[0-9a-f]{16}$/, 'must be a token id: 16 lowercase hex digits');

export const AccessTokenGranted = z
  .strictObject({
    tokenId: TokenId,
    /** Recorded as the `actor` of every event the token writes; unique among all tokens ever granted. */
    name: Id,
    role: AccessRole,
    scope: AccessScope,
    /** `scrypt$N=…,r=…,p=…$<salt>$<hash>` (base64url): only the salted slow hash is ever stored. */
    secretHash: z.string().regex(/^scrypt\$N=\d+,r=\d+,p=\d+\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/),
    grantedOn: IsoDate,
    note: shortText().optional(),
  })
  .superRefine((grant, ctx) => {
    const need = { commission: 'transitionIds', authority: 'lgId' } as const;
    const required = need[grant.role as keyof typeof need];
    for (const key of ['transitionIds', 'lgId'] as const) {
      if (key === required && grant.scope[key] === undefined) ctx.addIssue({ code: 'custom', path: ['scope', key], message: `is required for the ${grant.role} role` });
      if (key !== required && grant.scope[key] !== undefined) ctx.addIssue({ code: 'custom', path: ['scope', key], message: `does not apply to the ${grant.role} role` });
    }
  });
export type AccessTokenGranted = z.infer<typeof AccessTokenGranted>;

export const AccessTokenRevoked = z.strictObject({
  tokenId: TokenId,
  revokedOn: IsoDate,
  reason: shortText().optional(),
});
export type AccessTokenRevoked = z.infer<typeof AccessTokenRevoked>;

/** Names no granted token may take: the bootstrap credential and the demo's seeder. */
export const RESERVED_TOKEN_NAMES = new Set(['admin', 'demo-seed']);
