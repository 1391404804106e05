import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessRegistry } from '../../src/access/accessRegistry.ts';
import type { AccessRole, AccessScope } from '../../src/access/accessEvents.ts';
import { formed2022 } from '../property/support/fixtures.ts';
import { buildApp } from '../../src/http/buildApp.ts';
import { seedLedger } from '../../src/seed/seedLedger.ts';
import { ADMIN_TOKEN, startTestLedger, type TestLedger } from './support/testLedger.ts';

const QUINOTA = '080707';
const TR_QUINOTA = 'tr-080707-2022';
const TR_OTHER = 'tr-080702-2022';
const CDP_QUINOTA = 'pdlc-080707-2017-2021';
const CDP_OTHER = 'pdlc-080702-2017-2021';

const item = (transitionId: string, itemId: string) => ({
  type: 'HandoverItemRecorded',
  data: { transitionId, itemId, category: 'document', description: 'Acta de arqueo de caja', recordedOn: '2022-11-20' },
});
const allocation = (lgId: string, allocationId: string, projectId: string, planId: string) => ({
  type: 'BudgetAllocated',
  data: { allocationId, lgId, fiscalYear: 2019, projectId, planId, process: 'participatory', amount: '1000.00', currency: 'PEN', allocatedOn: '2019-03-08' },
});

describe('access control: tokens with a role and a scope, granted and revoked as events', () => {
  let ledger: TestLedger;
  let registry: AccessRegistry;
  const tokens: Record<string, string> = {};
  const operator = { actor: 'cli:test', now: () => new Date('2018-11-01T00:00:00Z') };
  const grant = async (name: string, role: AccessRole, scope: AccessScope = {}) => {
    const { token, grant: g } = await registry.grant({ name, role, scope }, operator);
    tokens[name] = token;
    return g;
  };

  beforeAll(async () => {
    ledger = await startTestLedger();
    await seedLedger(ledger.record, 'chumbivilcas-2018');
    for (const [transitionId, lgId] of [[TR_QUINOTA, QUINOTA], [TR_OTHER, '080702']] as const) {
      const formed = await ledger.post(formed2022(transitionId, lgId));
      expect(formed.statusCode).toBe(201);
    }
    registry = new AccessRegistry(ledger.store);
    await grant('comision-quinota', 'commission', { lgId: QUINOTA, transitionIds: [TR_QUINOTA] });
    await grant('alcaldia-quinota', 'authority', { lgId: QUINOTA });
    await grant('contraloria', 'auditor');
    await grant('registrador-2', 'registrar');
  }, 60_000);
  afterAll(async () => ledger.close());

  const problemOf = (r: Awaited<ReturnType<TestLedger['post']>>) => ({ status: r.statusCode, ...r.json() });

  it('given a commission token, when it records an item of its transition, then 201 and the metadata name the token, its role and the request', async () => {
    const response = await ledger.app.inject({
      method: 'POST', url: '/api/events', payload: item(TR_QUINOTA, 'acc-it-01'),
      headers: { authorization: `Bearer ${tokens['comision-quinota']}`, 'x-request-id': 'req-acc-01' },
    });
    expect(response.statusCode).toBe(201);
    const stored = (await ledger.get(`/api/events/${response.json().events[0].id}`)).json();
    expect(stored).toMatchObject({ actor: 'comision-quinota', metadata: { role: 'commission', correlationId: 'req-acc-01' } });
    const byActor = (await ledger.get('/api/events?actor=comision-quinota')).json();
    expect(byActor.events.map((e: { id: string }) => e.id)).toEqual([stored.id]);
  });

  it('given a commission token, when it writes another transition, then 403 FORBIDDEN names the missing scope and nothing is written', async () => {
    const head = await ledger.store.headPosition();
    const response = await ledger.post(item(TR_OTHER, 'acc-it-02'), tokens['comision-quinota']);
    expect(problemOf(response)).toMatchObject({ status: 403, code: 'FORBIDDEN', missingScope: `transition:${TR_OTHER}` });
    expect(response.json().detail).toContain(`transition:${TR_OTHER}`);
    expect(await ledger.store.headPosition()).toBe(head);
  });

  it('given a commission token, when it writes outside transitions (an allocation, a registration), then 403', async () => {
    const r1 = await ledger.post(allocation(QUINOTA, 'acc-al-01', 'proy-2018-agr-03', CDP_QUINOTA), tokens['comision-quinota']);
    expect(problemOf(r1)).toMatchObject({ status: 403, missingScope: `lg:${QUINOTA}` });
    const r2 = await ledger.post({ type: 'LocalGovernmentRegistered', data: { lgId: '080799', name: 'X', level: 'district', province: 'Chumbivilcas', department: 'Cusco' } }, tokens['comision-quinota']);
    expect(problemOf(r2)).toMatchObject({ status: 403, missingScope: 'role:registrar' });
  });

  it('given an authority token, when it allocates for its own local government, then 201; for another, 403 lg:<other>', async () => {
    const own = await ledger.post(allocation(QUINOTA, 'acc-al-02', 'proy-2018-agr-03', CDP_QUINOTA), tokens['alcaldia-quinota']);
    expect(own.statusCode).toBe(201);
    const other = await ledger.post(allocation('080701', 'acc-al-03', 'proy-2018-agr-01', 'pdlc-080701-2017-2021'), tokens['alcaldia-quinota']);
    expect(problemOf(other)).toMatchObject({ status: 403, code: 'FORBIDDEN', missingScope: 'lg:080701' });
  });

  it('given an authority token, when it decides on a plan of another local government (plan events without lgId too), then 403 via the plan’s lgId', async () => {
    const recognized = await ledger.post(
      { type: 'PlanRecognizedAsPublicPolicy', data: { planId: CDP_OTHER, instrument: 'Ordenanza 001-2019', recognizedOn: '2019-02-01' } },
      tokens['alcaldia-quinota'],
    );
    expect(problemOf(recognized)).toMatchObject({ status: 403, missingScope: 'lg:080702' });
    // Claiming its own lgId in the data does not help: the plan's draft decides.
    const decided = await ledger.post(
      { type: 'PlanInheritanceDecided', data: { planId: CDP_OTHER, lgId: QUINOTA, termId: '2019-2022', decision: 'replace', decidedOn: '2019-02-01' } },
      tokens['alcaldia-quinota'],
    );
    expect(problemOf(decided)).toMatchObject({ status: 403, missingScope: 'lg:080702' });
    const handover = await ledger.post(item(TR_QUINOTA, 'acc-it-03'), tokens['alcaldia-quinota']);
    expect(problemOf(handover)).toMatchObject({ status: 403, missingScope: `transition:${TR_QUINOTA}` });
  });

  it('given an authority token, when it drafts and adopts a plan of its own in one batch, then the draft in the batch gives the plan its lgId', async () => {
    const response = await ledger.post(
      {
        events: [
          { type: 'PlanDrafted', data: { planId: 'pdel-080707-acc-01', lgId: QUINOTA, kind: 'LED', title: 'Plan de prueba', horizon: { from: 2019, to: 2022 }, objectives: [], draftedOn: '2019-02-01' } },
          { type: 'PlanAdopted', data: { planId: 'pdel-080707-acc-01', version: 1, instrument: 'Ordenanza 002-2019', adoptedOn: '2019-02-10' } },
        ],
      },
      tokens['alcaldia-quinota'],
    );
    expect(response.statusCode).toBe(201);
  });

  it('given an auditor token, when it writes anything, then 403; a second registrar writes anything', async () => {
    const r = await ledger.post(item(TR_QUINOTA, 'acc-it-04'), tokens.contraloria);
    expect(problemOf(r)).toMatchObject({ status: 403, missingScope: `transition:${TR_QUINOTA}` });
    expect((await ledger.post(item(TR_OTHER, 'acc-it-05'), tokens['registrador-2'])).statusCode).toBe(201);
  });

  it('given any HTTP credential, when it retracts an access grant, then 403 system:access-tokens: only the CLI writes the access stream', async () => {
    const grantEvent = (await ledger.get('/api/events?stream=access-tokens&limit=1')).json().events[0];
    const response = await ledger.post({ type: 'EntryRetracted', data: { eventId: grantEvent.id, reason: 'quitar acceso', retractedOn: '2019-01-01' } });
    expect(problemOf(response)).toMatchObject({ status: 403, missingScope: 'system:access-tokens', reason: 'SYSTEM_STREAM' });
  });

  it('given a commission token, when it retracts the formation of another local government’s transition, then 403 names that local government’s commission scope', async () => {
    const other = (await ledger.get(`/api/events?stream=transition-${TR_OTHER}&limit=1`)).json().events[0];
    const response = await ledger.post({ type: 'EntryRetracted', data: { eventId: other.id, reason: 'error', retractedOn: '2022-12-30' } }, tokens['comision-quinota']);
    expect(problemOf(response)).toMatchObject({ status: 403, missingScope: 'commission:080702' });
  });

  it('given missing, malformed, unknown, wrong-secret and revoked tokens, then every 401 is the same body', async () => {
    const real = tokens['registrador-2']!;
    const [, tokenId] = /^tl_([0-9a-f]{16})_/.exec(real)!;
    const victim = await grant('temporal', 'registrar');
    await registry.revoke(victim.tokenId, operator, 'fin del encargo');
    const attempts = [
      null,
      'garbage',
      'tl_0000000000000000_' + 'A'.repeat(43),
      `tl_${tokenId}_${'B'.repeat(43)}`,
      tokens.temporal!,
      `${ADMIN_TOKEN}x`,
    ];
    const bodies = [];
    for (const token of attempts) {
      const r = await ledger.post(item(TR_QUINOTA, 'acc-it-06'), token);
      expect(r.statusCode).toBe(401);
      const { instance: _instance, ...body } = r.json();
      bodies.push(body);
    }
    for (const body of bodies) expect(body).toEqual(bodies[0]);
    expect(bodies[0]).toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('given a token that was just used (and so cached), when it is revoked, then its next request is 401', async () => {
    const g = await grant('revocable', 'registrar');
    expect((await ledger.post(item(TR_QUINOTA, 'acc-it-07'), tokens.revocable)).statusCode).toBe(201);
    await new AccessRegistry(ledger.store).revoke(g.tokenId, operator); // another process's registry, like the CLI's
    expect((await ledger.post(item(TR_QUINOTA, 'acc-it-08'), tokens.revocable)).statusCode).toBe(401);
  });

  it('given grants and revocations, then they are hashed events verified with the rest, holding no secret', async () => {
    const access = (await ledger.get('/api/events?stream=access-tokens')).json().events;
    expect(access.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['AccessTokenGranted', 'AccessTokenRevoked']));
    const text = JSON.stringify(access);
    for (const token of Object.values(tokens)) expect(text).not.toContain(token.slice(20));
    expect(access[0].data.secretHash).toMatch(/^scrypt\$N=32768,r=8,p=1\$/);
    const verify = (await ledger.get('/api/audit/verify')).json();
    expect(verify.ok).toBe(true);
    expect(verify.checkedEvents).toBe(Number(await ledger.store.headPosition()));
  });

  it('given a name already granted or reserved, when granted again, then VALIDATION_FAILED', async () => {
    await expect(registry.grant({ name: 'contraloria', role: 'auditor', scope: {} }, operator)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(registry.grant({ name: 'admin', role: 'auditor', scope: {} }, operator)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(registry.grant({ name: 'sin-alcance', role: 'commission', scope: {} }, operator)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('given LEDGER_PUBLIC_READS=false, then reads need a token of any role, and /api/health stays open', async () => {
    const app = await buildApp({
      store: ledger.store, storeName: 'sqlite', record: ledger.record,
      credentials: [{ name: 'admin', role: 'registrar', token: ADMIN_TOKEN }],
      security: { publicReads: false, corsOrigins: [], rateLimitPerMinute: 0 },
    });
    try {
      const anonymous = await app.inject({ url: '/api/local-governments' });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json().code).toBe('UNAUTHORIZED');
      expect((await app.inject({ url: '/api/events', headers: { authorization: 'Bearer nope' } })).statusCode).toBe(401);
      expect((await app.inject({ url: '/api/local-governments', headers: { authorization: `Bearer ${tokens.contraloria}` } })).statusCode).toBe(200);
      expect((await app.inject({ url: '/api/health' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
