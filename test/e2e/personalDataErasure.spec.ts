import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createRecorder } from '../../src/commandHandling/recordEvents.ts';
import { newEventId } from '../../src/commandHandling/newEventId.ts';
import { PERSONAL_DATA_PLACEHOLDERS } from '../../src/domain/personalText.ts';
import { seedLedger } from '../../src/seed/seedLedger.ts';
import { startPersonalDataLedger, type PersonalDataLedger } from './support/personalDataLedger.ts';

const run = promisify(execFile);
const TR = 'tr-080707-2022';
const formed = {
  type: 'TransitionCommissionFormed',
  data: {
    transitionId: TR, lgId: '080707', outgoingTermId: '2019-2022', incomingTermId: '2023-2026', formedOn: '2022-11-02',
    members: [{ name: 'Ana Saliente Ilustrativa', role: 'presidenta', side: 'outgoing' }, { name: { subjectId: 'persona-0002', value: 'Zoila Verificable Quispe' }, role: 'miembro', side: 'incoming' }],
  },
};
const item = (i: number) => ({ type: 'HandoverItemRecorded', data: { transitionId: TR, itemId: `it-${i}`, category: 'document', description: `Acta ${i}`, recordedOn: '2022-11-20' } });
const erasure = (subjectId: string) => ({ type: 'PersonalDataErased', data: { subjectId, requestedBy: 'titular de los datos', legalBasis: 'Ley N° 29733, art. 20', erasedOn: '2026-12-01' } });

describe('erasure as an event of the ordinary write path', () => {
  let l: PersonalDataLedger | undefined;
  afterEach(async () => {
    await l?.close();
    l = undefined;
  });

  const start = async () => {
    l = await startPersonalDataLedger();
    await seedLedger(l.ledger.record, 'chumbivilcas-2018');
    expect((await l.request('POST', '/api/events', l.tokens.admin, formed)).statusCode).toBe(201);
    return l;
  };
  const member = async (ledger: PersonalDataLedger) => (await ledger.request('GET', `/api/transitions/${TR}`, ledger.tokens.admin)).json().commission.incoming[0].name;

  it('given 60 concurrent writes to the same transition, when an erasure is recorded among them, then every write and the erasure are recorded and the key is gone', async () => {
    const ledger = await start();
    const writes = Array.from({ length: 60 }, (_, i) => ledger.request('POST', '/api/events', ledger.tokens.admin, item(i)));
    const erased = ledger.request('POST', '/api/events', ledger.tokens.admin, erasure('persona-0002'));
    const statuses = (await Promise.all([...writes, erased])).map((r) => r.statusCode);
    expect(statuses).toEqual(Array(61).fill(201));
    expect((await ledger.ledger.store.readStream(`transition-${TR}`)).filter((e) => e.type === 'HandoverItemRecorded')).toHaveLength(60);
    expect((await ledger.ledger.store.readStream('personal-data-persona-0002')).map((e) => e.type)).toEqual(['PersonalDataErased']);
    expect(ledger.ledger.vault.keys.get('persona-0002').kind).toBe('erased');
    expect(await member(ledger)).toBe(PERSONAL_DATA_PLACEHOLDERS.erased);
  }, 60_000);

  it('given an erasure recorded by a process that stopped before destroying the key, when the ledger opens again, then the key is destroyed', async () => {
    const ledger = await start();
    // The bare recorder: the fact is durable, the key destruction never ran (a crash in between).
    const bare = createRecorder({ store: ledger.ledger.store, now: () => new Date(), newId: newEventId, seal: ledger.ledger.vault.seal });
    await bare({ events: [erasure('persona-0002')] }, { actor: 'odp', role: 'data-protection-officer' });
    expect(ledger.ledger.vault.keys.get('persona-0002').kind).toBe('key');
    await ledger.stop();
    const dir = ledger.dir;
    l = await startPersonalDataLedger(dir);
    expect(l.ledger.vault.keys.get('persona-0002').kind).toBe('erased');
    expect(await member(l)).toBe(PERSONAL_DATA_PLACEHOLDERS.erased);
  }, 60_000);

  it('given the CLI, when `personal-data erase` runs in another process, then the running server reads the placeholder at once', async () => {
    const ledger = await start();
    expect(await member(ledger)).toBe('Zoila Verificable Quispe');
    const r = await run(process.execPath, ['--import', 'tsx', 'src/main.ts', 'personal-data', 'erase', '--subject', 'persona-0002', '--basis', 'Ley N° 29733, art. 20', '--requested-by', 'titular de los datos', '--actor', 'odp-cli'], {
      env: { ...process.env, LEDGER_DATA_DIR: ledger.dir, LOG_LEVEL: 'silent' },
    });
    expect(JSON.parse(r.stdout)).toMatchObject({ stream: 'personal-data-persona-0002', replayed: false });
    expect(await member(ledger)).toBe(PERSONAL_DATA_PLACEHOLDERS.erased);
    const stored = await ledger.ledger.store.readStream('personal-data-persona-0002');
    expect(stored[0]).toMatchObject({ actor: 'odp-cli', metadata: { role: 'data-protection-officer' } });
  }, 60_000);

  it('given an idempotent retry of a sealed event with its own id, when it is sent again, then it is a replay (200), not a duplicate', async () => {
    const ledger = await start();
    const id = '01900000-0000-7000-8000-000000000001';
    const body = { id, type: 'HandoverActSigned', data: { transitionId: TR, signatories: [{ subjectId: 'persona-0003', value: 'Firmante Ciudadano' }], signedOn: '2022-12-20' } };
    expect((await ledger.request('POST', '/api/events', ledger.tokens.admin, body)).statusCode).toBe(201);
    expect((await ledger.request('POST', '/api/events', ledger.tokens.admin, body)).statusCode).toBe(200);
    const changed = { ...body, data: { ...body.data, signatories: [{ subjectId: 'persona-0003', value: 'Otro Nombre' }] } };
    expect((await ledger.request('POST', '/api/events', ledger.tokens.admin, changed)).json()).toMatchObject({ code: 'DUPLICATE_EVENT_ID' });
  }, 60_000);
});
