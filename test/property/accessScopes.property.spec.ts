import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { authorize, holdsScope, requiredScopes, type ScopeLookup } from '../../src/access/authorize.ts';
import { hashSecret, parseToken, verifySecret } from '../../src/access/tokenSecret.ts';
import { isEventType, type LedgerEvent } from '../../src/domain/events/catalogue.ts';
import { namespaceOf } from '../../src/domain/idNamespace.ts';
import { storedLog } from './support/eventArbitraries.ts';

const lookup: ScopeLookup = {
  planLgId: async (planId) => (planId === 'plan-a' ? '080701' : planId === 'plan-b' ? '080707' : undefined),
  transitionLgId: async (transitionId) => (transitionId === 'tr-a' ? '080707' : transitionId === 'tr-b' ? '080701' : undefined),
};
const writers = fc.constantFrom(
  { actor: 'c', role: 'commission', scope: { lgId: '080707', transitionIds: ['tr-a'] } },
  { actor: 'a', role: 'authority', scope: { lgId: '080707' } },
  { actor: 'u', role: 'auditor' },
  { actor: 'r', role: 'registrar' },
  { actor: 'n' },
);
let cases = 0;

describe('property: a writer may record a fact exactly when it holds every scope the fact requires', () => {
  afterAll(() => console.log(`[property] access scopes: ${cases} (writer, fact) pairs checked`));

  it('given any writer and any valid fact, then authorize refuses with FORBIDDEN naming a missing scope, or accepts when every scope is held', async () => {
    await fc.assert(
      fc.asyncProperty(writers, storedLog(5), async (writer, log) => {
        for (const e of log) {
          if (!isEventType(e.type) || e.type === 'EntryRetracted') continue;
          cases++;
          const event = { type: e.type, data: e.data } as LedgerEvent;
          const scopes = await requiredScopes(event, lookup);
          const missing = scopes.find((s) => !holdsScope(writer, s));
          if (missing === undefined) await expect(authorize(writer, event, lookup)).resolves.toBeUndefined();
          else await expect(authorize(writer, event, lookup)).rejects.toMatchObject({ code: 'FORBIDDEN', missingScope: missing });
          // Scoped roles never reach beyond their own transition or local government.
          if (missing === undefined && writer.role === 'commission') {
            expect(scopes.every((s) => ['transition:tr-a', 'commission:080707', 'id:tr-a'].includes(s))).toBe(true);
          }
          if (missing === undefined && writer.role === 'authority') {
            expect(scopes.every((s) => s === 'lg:080707' || s === 'commission:080707' || (s.startsWith('id:') && namespaceOf(s.slice(3)) === '080707'))).toBe(true);
          }
          // No credential writes into a system stream.
          expect(holdsScope(writer, 'system:audit-checkpoints')).toBe(false);
          if (writer.role === 'auditor' || writer.role === undefined) expect(missing).toBeDefined();
        }
      }),
      { numRuns: 400 },
    );
  });

  it('given any id, then at most one local government’s authority may introduce it, and only an id naming its ubigeo', () => {
    const segment = fc.oneof(fc.constantFrom('080701', '080702', '080707', '2023', 'pdlc', 'tr'), fc.stringMatching(/^[a-z0-9]{1,7}$/));
    const id = fc.tuple(fc.array(segment, { minLength: 1, maxLength: 5 }), fc.constantFrom('-', '.', '_', ':')).map(([parts, sep]) => parts.join(sep));
    fc.assert(
      fc.property(id, (planId) => {
        const holders = ['080701', '080702', '080707'].filter((lgId) => holdsScope({ actor: 'a', role: 'authority', scope: { lgId } }, `id:${planId}`));
        expect(holders.length).toBeLessThanOrEqual(1);
        for (const lgId of holders) expect(planId.split(/[-._:]/)).toContain(lgId);
        expect(holdsScope({ actor: 'r', role: 'registrar' }, `id:${planId}`)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('given a stored scrypt hash, then only the exact secret verifies; tampered hashes and parameters never do', async () => {
    const secret = 'A'.repeat(43);
    const stored = await hashSecret(secret, { N: 1024, r: 8, p: 1 });
    expect(await verifySecret(secret, stored)).toBe(true);
    expect(await verifySecret(`${secret.slice(0, -1)}B`, stored)).toBe(false);
    expect(await verifySecret(secret, stored.replace('N=1024', 'N=2048'))).toBe(false);
    expect(await verifySecret(secret, stored.replace('N=1024', 'N=1048576000'))).toBe(false);
    expect(await verifySecret(secret, 'plain-sha256')).toBe(false);
    expect(parseToken(`tl_0123456789abcdef_${secret}`)).toEqual({ tokenId: '0123456789abcdef', secret });
    expect(parseToken(`tl_0123456789abcdef_${secret}x`)).toBeUndefined();
  });
});
