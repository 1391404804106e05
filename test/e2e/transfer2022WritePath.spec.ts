import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSealedValue, PERSONAL_DATA_PLACEHOLDERS } from '../../src/domain/personalText.ts';
import type { LedgerEvent } from '../../src/domain/events/catalogue.ts';
import {
  ALL_SIGNATORIES, accountabilityFiled, commissionInstalled, document, etteDesignated, ettsDesignated, ettsInstalled, quinota2026,
  transferActSigned, transferReportFiled, transitionOpened, TRANSFER,
} from '../unit/domain/transferFixtures.ts';
import { filesUnder, searchFiles, startPersonalDataLedger, type PersonalDataLedger } from './support/personalDataLedger.ts';

/**
 * Issue 13: the 2022 transfer (Directiva 016-2022-CG/PREVI) recorded through HTTP on a real SQLite
 * ledger composed as `serve` composes it: who may write it, its rules answered as 422 with their
 * id, malformed documents refused field by field, and team members' names sealed and erasable.
 */
const QUINOTA = '080707';
const COLQUEMARCA = '080702';
const ZOILA = 'Zoila Ilustrativa Quispe';
const lead = { name: { subjectId: 'persona-ette-1', value: ZOILA }, role: 'lead' as const, kind: 'citizen' as const };
const ette = (n: number) => [lead, ...Array.from({ length: n - 1 }, (_, i) => ({ name: `Integrante ${i + 2} (ilustrativo)`, role: 'member' as const, kind: 'servant' as const }))];
const signatories = ALL_SIGNATORIES.map((s) => (s.role === 'incoming-team-lead' ? { ...s, name: { subjectId: 'persona-ette-1', value: ZOILA } } : s));

describe('the 2022 transfer through HTTP', () => {
  let l: PersonalDataLedger;
  const post = (event: LedgerEvent | object, token: string) => l.request('POST', '/api/events', token, event);
  const head = () => l.ledger.store.headPosition();
  const rawEvents = async (type: string, token?: string) =>
    (await l.request('GET', `/api/events?stream=transition-${TRANSFER}&type=${type}`, token)).json().events as { id: string; data: Record<string, unknown> }[];

  beforeAll(async () => {
    l = await startPersonalDataLedger();
    // 1. The registrar registers Quiñota and its terms.
    for (const event of quinota2026()) expect((await post(event, l.tokens.admin!)).statusCode).toBe(201);
    await l.grant('alcaldia-quinota', 'authority', { lgId: QUINOTA });
    await l.grant('alcaldia-colquemarca', 'authority', { lgId: COLQUEMARCA });
    await l.grant('comision-quinota', 'commission', { lgId: QUINOTA, transitionIds: [TRANSFER] });
    await l.grant('comision-colquemarca', 'commission', { lgId: COLQUEMARCA, transitionIds: ['tr-080702-2026'] });
    await l.grant('odp-municipal', 'data-protection-officer');
  }, 60_000);
  afterAll(async () => l.close());

  it('given a neighbour municipality’s authority, when it opens Quiñota’s transition, then 403 naming the scope, and nothing is written', async () => {
    const before = await head();
    const r = await post(transitionOpened(), l.tokens['alcaldia-colquemarca']!);
    expect(r.statusCode).toBe(403);
    expect(r.json()).toMatchObject({ code: 'FORBIDDEN', missingScope: `commission:${QUINOTA}`, reason: 'SCOPE_NOT_HELD' });
    expect(await head()).toBe(before);
  });

  it('given Quiñota’s authority, when it opens the transition, then 201; its commission records the ETTS, its installation and both reports', async () => {
    expect((await post(transitionOpened(), l.tokens['alcaldia-quinota']!)).statusCode).toBe(201);
    const commission = l.tokens['comision-quinota']!;
    const etts = ettsDesignated({ members: [{ name: { subjectId: 'persona-etts-1', value: 'Gerente Ilustrativo Huamán' }, role: 'lead', kind: 'official', position: 'Gerente Municipal' }] });
    for (const event of [etts, ettsInstalled(), accountabilityFiled(), transferReportFiled()]) {
      const r = await post(event, commission);
      expect(r.statusCode, `${event.type}: ${r.body}`).toBe(201);
    }
  });

  it('given a neighbour municipality’s commission, when it records into Quiñota’s transition, then 403 naming the transition, and nothing is written', async () => {
    const before = await head();
    const r = await post(accountabilityFiled({ version: 'updated', filedOn: '2026-10-01' }), l.tokens['comision-colquemarca']!);
    expect(r.statusCode).toBe(403);
    expect(r.json()).toMatchObject({ code: 'FORBIDDEN', missingScope: `transition:${TRANSFER}` });
    expect(await head()).toBe(before);
  });

  it('given no ETTE yet, when the commission is installed, then 422 COMMISSION_TEAMS_MISSING; an ETTE of two is 422 INCOMING_TEAM_TOO_SMALL; nothing is written', async () => {
    const commission = l.tokens['comision-quinota']!;
    const before = await head();
    const early = await post(commissionInstalled(), commission);
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({ code: 'RULE_VIOLATED', rule: 'COMMISSION_TEAMS_MISSING' });
    const small = await post(etteDesignated({ members: ette(2) }), commission);
    expect(small.statusCode).toBe(422);
    expect(small.json()).toMatchObject({ code: 'RULE_VIOLATED', rule: 'INCOMING_TEAM_TOO_SMALL' });
    expect(await head()).toBe(before);
    expect((await post(etteDesignated({ members: ette(3) }), commission)).statusCode).toBe(201);
    expect((await post(commissionInstalled(), commission)).statusCode).toBe(201);
  });

  it.each([
    ['an uppercase digest', { sha256: 'AB'.repeat(32) }, /installationAct\/sha256$/],
    ['a negative size', { sizeBytes: -1 }, /installationAct\/sizeBytes$/],
    ['a URL with a space', { publishedAt: 'https://www.muniquinota.gob.pe/acta final.pdf' }, /installationAct\/publishedAt$/],
    ['a javascript: URL', { publishedAt: 'javascript:alert(1)' }, /installationAct\/publishedAt$/],
  ])('given %s in a filed document, when it is submitted, then 400 VALIDATION_FAILED naming the field, and nothing is written', async (_name, bad, field) => {
    const before = await head();
    const event = { type: 'TransferTeamInstalled', data: { transitionId: TRANSFER, side: 'incoming', installationAct: { ...document('Acta de Instalación del ETTE'), ...bad }, installedOn: '2026-11-05' } };
    const r = await post(event, l.tokens['comision-quinota']!);
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('VALIDATION_FAILED');
    expect(r.json().errors).toEqual([expect.objectContaining({ path: expect.stringMatching(field) })]);
    expect(await head()).toBe(before);
  });

  it('given an act with three signatories, when it is filed, then 422 ACT_SIGNATORIES; with the four, 201', async () => {
    const commission = l.tokens['comision-quinota']!;
    const before = await head();
    const three = await post(transferActSigned({ signatories: signatories.filter((s) => s.role !== 'responsible-official') }), commission);
    expect(three.statusCode).toBe(422);
    expect(three.json()).toMatchObject({ code: 'RULE_VIOLATED', rule: 'ACT_SIGNATORIES', transitionId: TRANSFER });
    expect(await head()).toBe(before);
    expect((await post(transferActSigned({ signatories }), commission)).statusCode).toBe(201);
  });

  it('given team members and signatories recorded, then the store holds sealed values, no data file holds the plaintext, and /api/events shows it only to a reader who may see it', async () => {
    const stored = (await l.ledger.store.readStream(`transition-${TRANSFER}`)).find((e) => e.type === 'TransferTeamDesignated' && (e.data as { side: string }).side === 'incoming')!;
    const names = (stored.data as { members: { name: unknown }[] }).members.map((m) => m.name);
    expect(names.every(isSealedValue)).toBe(true);
    expect(names[0]).toMatchObject({ sealed: 'aes-256-gcm', subjectId: 'persona-ette-1', field: 'members/0/name' });
    expect(searchFiles(filesUnder(l.dir), [Buffer.from(ZOILA, 'utf8')])).toEqual([]);
    const anonymous = (await rawEvents('TransferTeamDesignated')).at(-1)!;
    expect(JSON.stringify(anonymous)).not.toContain(ZOILA);
    expect((anonymous.data.members as { name: string }[])[0]!.name).toBe(PERSONAL_DATA_PLACEHOLDERS.withheld);
    const registrar = (await rawEvents('TransferTeamDesignated', l.tokens.admin)).at(-1)!;
    expect((registrar.data.members as { name: string }[])[0]!.name).toBe(ZOILA);
  });

  it('given the ETTE lead’s erasure by the data-protection officer, then her name reads [dato personal suprimido] in the team and in the act, to the registrar and the officer too, and the others’ names stay', async () => {
    const erased = await l.request('POST', '/api/personal-data/erasures', l.tokens['odp-municipal'], { subjectId: 'persona-ette-1', requestedBy: 'titular de los datos', legalBasis: 'Ley N° 29733, art. 20', erasedOn: '2026-12-01' });
    expect(erased.statusCode, erased.body).toBe(201);
    const team = (await rawEvents('TransferTeamDesignated', l.tokens.admin)).at(-1)!;
    expect((team.data.members as { name: string }[]).map((m) => m.name)).toEqual([PERSONAL_DATA_PLACEHOLDERS.erased, 'Integrante 2 (ilustrativo)', 'Integrante 3 (ilustrativo)']);
    const act = (await rawEvents('TransferActSigned', l.tokens.admin))[0]!;
    const byRole = Object.fromEntries((act.data.signatories as { role: string; name: string }[]).map((s) => [s.role, s.name]));
    expect(byRole).toMatchObject({ 'incoming-team-lead': PERSONAL_DATA_PLACEHOLDERS.erased, 'outgoing-head': 'Alcalde saliente (ilustrativo)' });
    const values = (await l.request('GET', '/api/personal-data/values?subjectId=persona-ette-1', l.tokens['odp-municipal'])).json().values;
    expect(values.map((v: { field: string; value: string }) => [v.field, v.value])).toEqual([
      ['members/0/name', PERSONAL_DATA_PLACEHOLDERS.erased],
      ['signatories/3/name', PERSONAL_DATA_PLACEHOLDERS.erased],
    ]);
  });
});
