import { z } from 'zod';
import { Id, IsoDate, LgId, shortText } from '../domain/primitives.ts';
import { SYSTEM_STREAMS } from '../domain/streams.ts';

/**
 * The access stream: who could write what, and since when. Grants and revocations are events like
 * any other (hashed, chained, covered by `verify` and `/api/audit/verify`), appended through the
 * store port by the `tokens` CLI only; no HTTP credential may write into this stream.
 */
export const ACCESS_STREAM = SYSTEM_STREAMS.access;
/** Schema version of AccessTokenRevoked (grants are at ACCESS_GRANT_SCHEMA_VERSION). */
export const ACCESS_SCHEMA_VERSION = 1;

/**
 * What a credential may do. `registrar` writes anything; the others are scoped (see authorize.ts).
 * `data-protection-officer` records PersonalDataErased and reads personal data (docs/personal-data.md).
 */
export const AccessRole = z.enum(['registrar', 'commission', 'authority', 'auditor', 'data-protection-officer']);
export type AccessRole = z.infer<typeof AccessRole>;

/** Where a scoped role may write: a commission's local government and transitions, an authority's local government. */
export const AccessScope = z.strictObject({
  transitionIds: z.array(Id).min(1).max(50).optional(),
  lgId: LgId.optional(),
});
export type AccessScope = z.infer<typeof AccessScope>;

/** Token ids are 16 lowercase hex digits: the public half of a `tl_<tokenId>_<secret>` token. */
export const TokenId = z.string().regex(/^[0-9a-f]{16}$/, 'must be a token id: 16 lowercase hex digits');

const grantFields = {
  tokenId: TokenId,
  /** Recorded as the `actor` of every event the token writes; unique among all tokens ever granted. */
  name: Id,
  role: AccessRole,
  scope: AccessScope,
  /** `scrypt$N=…,r=…,p=…$<salt>$<hash>` (base64url): only the salted slow hash is ever stored. */
  secretHash: z.string().regex(/^scrypt\$N=\d+,r=\d+,p=\d+\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/),
  grantedOn: IsoDate,
  note: shortText().optional(),
};

/** Which scope fields each role takes, by schema version: since v2 a commission is also issued for its local government. */
const SCOPE_FIELDS = {
  1: { registrar: [], commission: ['transitionIds'], authority: ['lgId'], auditor: [], 'data-protection-officer': [] },
  2: { registrar: [], commission: ['transitionIds', 'lgId'], authority: ['lgId'], auditor: [], 'data-protection-officer': [] },
} as const satisfies Record<number, Record<AccessRole, readonly (keyof AccessScope)[]>>;

const grantOfVersion = (version: keyof typeof SCOPE_FIELDS) =>
  z.strictObject(grantFields).superRefine((grant, ctx) => {
    const required: readonly string[] = SCOPE_FIELDS[version][grant.role];
    for (const key of ['transitionIds', 'lgId'] as const) {
      if (required.includes(key) && grant.scope[key] === undefined) ctx.addIssue({ code: 'custom', path: ['scope', key], message: `is required for the ${grant.role} role` });
      if (!required.includes(key) && grant.scope[key] !== undefined) ctx.addIssue({ code: 'custom', path: ['scope', key], message: `does not apply to the ${grant.role} role` });
    }
  });

/**
 * A token granted. v2 (current): a commission's grant names its local government (`scope.lgId`) as
 * well as its transitions, and the commission writes only into transitions of that local
 * government. v1 grants stay readable; a v1 commission grant, which names no local government,
 * authenticates but holds no scope: re-issue it with `--lg`.
 */
export const AccessTokenGranted = grantOfVersion(2);
export const AccessTokenGrantedV1 = grantOfVersion(1);
export const ACCESS_GRANT_SCHEMA_VERSION = 2;
export type AccessTokenGranted = z.infer<typeof AccessTokenGranted>;

export const AccessTokenRevoked = z.strictObject({
  tokenId: TokenId,
  revokedOn: IsoDate,
  reason: shortText().optional(),
});
export type AccessTokenRevoked = z.infer<typeof AccessTokenRevoked>;

/** Names no granted token may take: the bootstrap credential and the demo's seeder. */
export const RESERVED_TOKEN_NAMES = new Set(['admin', 'demo-seed']);
