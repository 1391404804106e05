import { randomUUID } from 'node:crypto';
import { isLedgerError } from '../errors/ledgerError.ts';
import { ValidationError } from '../errors/validationError.ts';
import { NotFoundError } from '../errors/notFoundError.ts';
import type { EventStore, StreamRevision } from '../eventStore/eventStore.ts';
import type { StoredEvent } from '../records/storedEvent.ts';
import {
  ACCESS_GRANT_SCHEMA_VERSION,
  ACCESS_SCHEMA_VERSION,
  ACCESS_STREAM,
  AccessTokenGranted,
  AccessTokenGrantedV1,
  AccessTokenRevoked,
  RESERVED_TOKEN_NAMES,
  type AccessRole,
  type AccessScope,
} from './accessEvents.ts';
import { issueToken } from './tokenSecret.ts';

/** A token as the access stream says it is now. */
export interface TokenGrant extends AccessTokenGranted {
  grantedBy: string;
  position: bigint;
  revoked?: { revokedOn: string; revokedBy: string; reason?: string };
}

/** Who performs a grant or revocation (the CLI's operator), and when. */
export interface AccessOperator {
  actor: string;
  now: () => Date;
}

export interface GrantRequest {
  name: string;
  role: AccessRole;
  scope: AccessScope;
  note?: string;
}

/**
 * The access stream folded into a map of tokens. `refresh()` reads only the stream's new tail, so
 * calling it before every authentication is cheap, and a revocation made by the CLI in another
 * process takes effect on the server's very next request.
 */
export class AccessRegistry {
  private readonly grants = new Map<string, TokenGrant>();
  private revision: StreamRevision = 'no_stream';

  constructor(private readonly store: EventStore) {}

  async refresh(): Promise<void> {
    const from = this.revision === 'no_stream' ? 0n : this.revision + 1n;
    for (const event of await this.store.readStream(ACCESS_STREAM, { fromRevision: from })) {
      // Concurrent refreshes may read the same tail; fold each revision once.
      if (this.revision !== 'no_stream' && event.revision <= this.revision) continue;
      this.apply(event);
      this.revision = event.revision;
    }
  }

  /** The grant of `tokenId`, revoked or not, as of the last refresh. */
  get(tokenId: string): TokenGrant | undefined {
    return this.grants.get(tokenId);
  }

  list(): TokenGrant[] {
    return [...this.grants.values()].sort((a, b) => (a.position < b.position ? -1 : 1));
  }

  /** Records a grant and returns the token, which exists nowhere else: show it once. */
  async grant(request: GrantRequest, by: AccessOperator): Promise<{ grant: TokenGrant; token: string }> {
    await this.refresh();
    if (RESERVED_TOKEN_NAMES.has(request.name) || this.list().some((g) => g.name === request.name)) {
      throw new ValidationError([{ path: 'name', message: `a token named ${request.name} exists already; names are actors and must stay unambiguous` }]);
    }
    const issued = await issueToken();
    const data = AccessTokenGranted.safeParse({
      tokenId: issued.tokenId,
      name: request.name,
      role: request.role,
      scope: request.scope,
      secretHash: issued.secretHash,
      grantedOn: by.now().toISOString().slice(0, 10),
      ...(request.note === undefined ? {} : { note: request.note }),
    });
    if (!data.success) throw new ValidationError(data.error.issues.map((i) => ({ path: i.path.join('/'), message: i.message })));
    await this.append('AccessTokenGranted', ACCESS_GRANT_SCHEMA_VERSION, data.data, by);
    return { grant: this.grants.get(issued.tokenId)!, token: issued.token };
  }

  async revoke(tokenId: string, by: AccessOperator, reason?: string): Promise<TokenGrant> {
    await this.refresh();
    const grant = this.grants.get(tokenId);
    if (!grant) throw new NotFoundError('Token', tokenId);
    if (grant.revoked) return grant;
    const data = AccessTokenRevoked.parse({ tokenId, revokedOn: by.now().toISOString().slice(0, 10), ...(reason ? { reason } : {}) });
    await this.append('AccessTokenRevoked', ACCESS_SCHEMA_VERSION, data, by);
    return this.grants.get(tokenId)!;
  }

  /** Appends conditioned on the revision just folded, so two operators cannot grant one name twice. */
  private async append(type: string, schemaVersion: number, data: unknown, by: AccessOperator): Promise<void> {
    const expectedRevision = this.revision;
    try {
      await this.store.appendToStream(
        ACCESS_STREAM,
        [{ id: randomUUID(), type, schemaVersion, data, recordedAt: by.now().toISOString(), actor: by.actor, metadata: { role: 'registrar' } }],
        { expectedRevision },
      );
    } catch (error) {
      if (isLedgerError(error, 'CONCURRENCY_CONFLICT')) await this.refresh();
      throw error;
    }
    await this.refresh();
  }

  private apply(event: StoredEvent): void {
    if (event.type === 'AccessTokenGranted') {
      const parsed = (event.schemaVersion === 1 ? AccessTokenGrantedV1 : AccessTokenGranted).safeParse(event.data);
      // An unreadable grant grants nothing (and `verify` reports any tampering).
      if (parsed.success && !this.grants.has(parsed.data.tokenId)) {
        this.grants.set(parsed.data.tokenId, { ...parsed.data, grantedBy: event.actor, position: event.position });
      }
    } else if (event.type === 'AccessTokenRevoked') {
      const parsed = AccessTokenRevoked.safeParse(event.data);
      const grant = parsed.success ? this.grants.get(parsed.data.tokenId) : undefined;
      if (parsed.success && grant && !grant.revoked) {
        const { revokedOn, reason } = parsed.data;
        grant.revoked = { revokedOn, revokedBy: event.actor, ...(reason ? { reason } : {}) };
      }
    }
  }
}
