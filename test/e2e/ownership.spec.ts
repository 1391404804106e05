import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessRegistry } from '../../src/access/accessRegistry.ts';
import { issueToken } from '../../src/access/tokenSecret.ts';
import type { AccessRole, AccessScope } from '../../src/access/accessEvents.ts';
import { seedLedger } from '../../src/seed/seedLedger.ts';
import { formed2022 } from '../property/support/fixtures.ts';
import { startTestLedger, type TestLedger } from './support/testLedger.ts';

/** Issue 10, items 1, 2 and 8: ids owned for ever, commissions tied to their municipality, system streams closed. */
const QUINOTA = '080707';
const COLQUEMARCA = '080702';

const drafted = (planId: string, lgId: string, draftedOn = '2019-02-01') => ({
  type: 'PlanDrafted',
  data: { planId, lgId, kind: 'LED', title: 'Plan de prueba', horizon: { from: 2019, to: 2022 }, objectives: [], draftedOn },
});
const updated = (planId: string) => ({ type: 'PlanUpdated', data: { planId, version: 2, summary: 'Actualización', updatedOn: '2019-03-01' } });
const item = (transitionId: string, itemId: string) => ({
  type: 'HandoverItemRecorded',
  data: { transitionId, itemId, category: 'document', description: 'Acta de arqueo de caja', recordedOn: '2022-11-20' },
});
const retraction = (eventId: string) => ({ type: 'EntryRetracted', data: { eventId, reason: 'registrado por error', retractedOn: '2022-12-30' } });

describe('ownership of ids and who may write where', () => {
  let ledger: TestLedger;
  const tokens: Record<string, string> = {};
  const operator = { actor: 'cli:test', now: () => new Date('2018-11-01T00:00:00Z') };

  beforeAll(async () => {
    ledger = await startTestLedger();
    await seedLedger(ledger.record, 'chumbivilcas-2018');
    expect((await ledger.post(formed2022('tr-080702-2022', COLQUEMARCA))).statusCode).toBe(201);
    const registry = new AccessRegistry(ledger.store);
    const grant = async (name: string, role: AccessRole, scope: AccessScope) => {
      tokens[name] = (await registry.grant({ name, role, scope }, operator)).token;
    };
    await grant('alcaldia-quinota', 'authority', { lgId: QUINOTA });
    await grant('alcaldia-colquemarca', 'authority', { lgId: COLQUEMARCA });
    await grant('comision-quinota', 'commission', { lgId: QUINOTA, transitionIds: ['tr-080707-2022', 'tr-080702-2022'] });
  }, 60_000);
  afterAll(async () => ledger.close());

  const idOf = (r: { json(): { events: { id: string }[] } }) => r.json().events[0]!.id;

  describe('item 1: an id once recorded stays its stream’s and its local government’s', () => {
    it('given a plan drafted for Quiñota and retracted, when a draft of the same id for Colquemarca is submitted, then 422 PLAN_ALREADY_DRAFTED and the plan stays Quiñota’s', async () => {
      const first = await ledger.post(drafted('plan-x', QUINOTA));
      expect(first.statusCode).toBe(201);
      expect((await ledger.post(retraction(idOf(first)))).statusCode).toBe(201);
      const head = await ledger.store.headPosition();
      const second = await ledger.post(drafted('plan-x', COLQUEMARCA));
      expect(second.statusCode).toBe(422);
      expect(second.json()).toMatchObject({ code: 'RULE_VIOLATED', rule: 'PLAN_ALREADY_DRAFTED' });
      expect(await ledger.store.headPosition()).toBe(head);
      // The scope check agrees with the rules: the stream records Quiñota's draft, retracted or not.
      const update = await ledger.post(updated('plan-x'), tokens['alcaldia-colquemarca']);
      expect(update.json()).toMatchObject({ code: 'FORBIDDEN', missingScope: `lg:${QUINOTA}` });
    });

    it('given a local government’s authority, when it drafts a plan id outside its namespace (another’s ubigeo, or none), then 403 and the id stays free for its owner', async () => {
      const neighbours = await ledger.post(drafted('pdel-080702-2023-2026', QUINOTA), tokens['alcaldia-quinota']);
      expect(neighbours.json()).toMatchObject({ code: 'FORBIDDEN', missingScope: 'id:pdel-080702-2023-2026', reason: 'ID_OUTSIDE_NAMESPACE' });
      const unnamespaced = await ledger.post(drafted('plan-y', QUINOTA), tokens['alcaldia-quinota']);
      expect(unnamespaced.json()).toMatchObject({ code: 'FORBIDDEN', missingScope: 'id:plan-y' });
      expect((await ledger.post(drafted('pdel-080702-2023-2026', COLQUEMARCA), tokens['alcaldia-colquemarca'])).statusCode).toBe(201);
      expect((await ledger.post(drafted('pdel-080707-2023-2026', QUINOTA), tokens['alcaldia-quinota'])).statusCode).toBe(201);
    });

    it('given a handover item recorded and retracted, when an item with the same id is recorded again, then 422 HANDOVER_ITEM_ALREADY_RECORDED', async () => {
      const first = await ledger.post(item('tr-080702-2022', 'own-it-01'));
      expect(first.statusCode).toBe(201);
      expect((await ledger.post(retraction(idOf(first)))).statusCode).toBe(201);
      const again = await ledger.post(item('tr-080702-2022', 'own-it-01'));
      expect(again.json()).toMatchObject({ code: 'RULE_VIOLATED', rule: 'HANDOVER_ITEM_ALREADY_RECORDED' });
    });
  });

  describe('item 2: a commission writes only for its own municipality', () => {
    it('given a commission of Quiñota granted a transition id, when it forms that transition for another local government, then 403 and nothing is written', async () => {
      const head = await ledger.store.headPosition();
      const formed = await ledger.post(formed2022('tr-080707-2022', COLQUEMARCA), tokens['comision-quinota']);
      expect(formed.json()).toMatchObject({ code: 'FORBIDDEN', missingScope: `commission:${COLQUEMARCA}` });
      expect(await ledger.store.headPosition()).toBe(head);
      expect((await ledger.post(formed2022('tr-080707-2022', QUINOTA), tokens['comision-quinota'])).statusCode).toBe(201);
    });

    it('given a commission of Quiñota whose grant also names a transition of Colquemarca, when it writes into that transition, then 403 commission:<that local government>', async () => {
      const written = await ledger.post(item('tr-080702-2022', 'own-it-02'), tokens['comision-quinota']);
      expect(written.json()).toMatchObject({ code: 'FORBIDDEN', missingScope: `commission:${COLQUEMARCA}` });
      expect((await ledger.post(item('tr-080707-2022', 'own-it-03'), tokens['comision-quinota'])).statusCode).toBe(201);
    });

    it('given the authority of a local government, when it forms a transition of its own (id in its namespace), then 201; for another local government, 403', async () => {
      const own = await ledger.post(formed2022('tr-080707-2022b', QUINOTA), tokens['alcaldia-quinota']);
      expect(own.statusCode).toBe(201);
      const other = await ledger.post(formed2022('tr-080702-2022b', COLQUEMARCA), tokens['alcaldia-quinota']);
      expect(other.json()).toMatchObject({ code: 'FORBIDDEN', missingScope: `commission:${COLQUEMARCA}` });
    });

    it('given a commission grant without a local government, then VALIDATION_FAILED names scope/lgId', async () => {
      const registry = new AccessRegistry(ledger.store);
      await expect(registry.grant({ name: 'comision-sin-lg', role: 'commission', scope: { transitionIds: ['tr-080707-2026'] } }, operator)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { errors: [expect.objectContaining({ path: 'scope/lgId' })] },
      });
    });
  });

  it('given a v1 commission grant (no local government) already in the access stream, then it stays readable and authenticates, but holds no scope', async () => {
    const issued = await issueToken();
    const access = await ledger.store.readStream('access-tokens');
    await ledger.store.appendToStream(
      'access-tokens',
      [{
        id: '0b6d4a52-54c4-4a4b-9c4e-4f0d8f1e2a02', type: 'AccessTokenGranted', schemaVersion: 1,
        data: { tokenId: issued.tokenId, name: 'comision-v1', role: 'commission', scope: { transitionIds: ['tr-080707-2022'] }, secretHash: issued.secretHash, grantedOn: '2018-11-01' },
        recordedAt: new Date().toISOString(), actor: 'cli:test', metadata: { role: 'registrar' },
      }],
      { expectedRevision: access[access.length - 1]!.revision },
    );
    const written = await ledger.post(item('tr-080707-2022', 'own-it-v1'), issued.token);
    expect(written.statusCode).toBe(403);
    expect(written.json()).toMatchObject({ code: 'FORBIDDEN', missingScope: 'transition:tr-080707-2022' });
  });

  describe('item 8: no HTTP credential writes into a system stream', () => {
    it('given a signed checkpoint in audit-checkpoints, when the registrar retracts it, then 403 FORBIDDEN SYSTEM_STREAM and nothing is written', async () => {
      const revision = (await ledger.store.readStream('audit-checkpoints')).length;
      const [checkpoint] = (
        await ledger.store.appendToStream(
          'audit-checkpoints',
          [{ id: '0b6d4a52-54c4-4a4b-9c4e-4f0d8f1e2a01', type: 'CheckpointSigned', schemaVersion: 1, data: { treeSize: '1' }, recordedAt: new Date().toISOString(), actor: 'ledger', metadata: {} }],
          { expectedRevision: revision === 0 ? 'no_stream' : BigInt(revision - 1) },
        )
      ).events;
      const head = await ledger.store.headPosition();
      const response = await ledger.post(retraction(checkpoint!.id));
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: 'FORBIDDEN', missingScope: 'system:audit-checkpoints', reason: 'SYSTEM_STREAM' });
      expect(await ledger.store.headPosition()).toBe(head);
    });

    it('given any HTTP credential, when it retracts an access grant, then 403 system:access-tokens', async () => {
      const grantEvent = (await ledger.get('/api/events?stream=access-tokens&limit=1')).json().events[0];
      const response = await ledger.post(retraction(grantEvent.id));
      expect(response.json()).toMatchObject({ code: 'FORBIDDEN', missingScope: 'system:access-tokens', reason: 'SYSTEM_STREAM' });
    });
  });
});
