import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SQLITE_FILE_NAME } from '../../src/composition/openStore.ts';
import { decide } from '../../src/domain/decide.ts';
import { isEventType, type LedgerEvent } from '../../src/domain/events/catalogue.ts';
import { evolve, initialState } from '../../src/domain/ledgerState.ts';
import { SqliteEventStore } from '../../src/eventStore/sqliteEventStore.ts';
import { startChildServer, type ChildServer } from '../support/childServer.ts';
import { runLedgerCli } from '../support/ledgerCli.ts';
import { createTempDir } from '../support/tempDir.ts';

/**
 * Two real server processes on one data directory race facts whose rules read streams other than
 * their own: a term's end (lg stream) against an inheritance decision of that term (plan stream,
 * whose rule reads the lg stream), one allocation id (budget stream), one inheritance decision per
 * term. Each round shifts one server's requests by a different delay. Afterwards the log is
 * re-decided fact by fact, in log order, by the domain's own `decide`: no fact may be one its rules
 * refuse, and `verify` must pass.
 */
const ROUNDS = [0, 1, 3, 7];
const PER_ROUND = 6;
const NEW_TERM = '2019-2022';

type Answer = { status: number; body: any } | { error: string };

describe('two server processes on one SQLite file: a rule that spans streams is passed by at most one writer', () => {
  const dir = createTempDir('ledger-cross-process-');
  let a: ChildServer;
  let b: ChildServer;
  const figures = { races: 0, bothWon: 0, refusedByRule: 0, conflicts: 0 };

  beforeAll(async () => {
    a = await startChildServer(dir.path);
    b = await startChildServer(dir.path);
  }, 60_000);
  afterAll(async () => {
    console.log(`[cross-process] ${figures.races} races; both won ${figures.bothWon}; ${figures.refusedByRule} losers refused by a rule, ${figures.conflicts} by 409`);
    for (const server of [a, b]) server?.child.kill('SIGTERM');
    await Promise.all([a?.exited, b?.exited]);
    dir.remove();
  });

  it(`given ${ROUNDS.length} rounds of ${PER_ROUND} local governments raced from both processes, then each race has at most one winner and the log replays under its rules`, async () => {
    const ends: { lgId: string; end: Answer; decision: Answer }[] = [];
    for (const [round, delay] of ROUNDS.entries()) {
      const lgIds = Array.from({ length: PER_ROUND }, (_, i) => `09${round}${String(i).padStart(3, '0')}`);
      for (const lgId of lgIds) await setUp(a, lgId);
      const races = lgIds.map(async (lgId, i) => {
        // Alternate which process gets which fact, and which one starts late.
        const [first, second] = i % 2 === 0 ? [a, b] : [b, a];
        const late = <T>(run: () => Promise<T>) => sleep(delay * (i % 3)).then(run);
        const [end, decision, allocation1, allocation2, inherit1, inherit2] = await Promise.all([
          first.post({ type: 'AuthorityTermEnded', data: { lgId, termId: NEW_TERM, endedOn: '2019-06-30' } }),
          late(() => second.post(inheritance(lgId, `p1-${lgId}`, 'continue', '2019-07-15'))),
          first.post(allocation(lgId, '1000.00')),
          late(() => second.post(allocation(lgId, '2000.00'))),
          second.post(inheritance(lgId, `p2-${lgId}`, 'continue', '2019-02-01')),
          late(() => first.post(inheritance(lgId, `p2-${lgId}`, 'replace', '2019-02-01'))),
        ]);
        ends.push({ lgId, end, decision });
        // One winner; the loser hears the rule, decided again on the winner's write, not a 409.
        for (const [pair, rule] of [[[allocation1, allocation2], 'ALLOCATION_ALREADY_RECORDED'], [[inherit1, inherit2], 'INHERITANCE_ALREADY_DECIDED']] as const) {
          figures.races++;
          tally(pair);
          expect(pair.filter(won), `${lgId}: ${JSON.stringify(pair)}`).toHaveLength(1);
          expect(pair.find((r) => !won(r)), lgId).toMatchObject({ status: 422, body: { code: 'RULE_VIOLATED', rule } });
        }
        figures.races++;
        tally([end, decision]);
        expect(end, JSON.stringify(end)).toMatchObject({ status: 201 });
        if (!won(decision)) expect(decision, JSON.stringify(decision)).toMatchObject({ status: 422, body: { rule: 'INHERITANCE_NOT_BY_TERM_IN_OFFICE' } });
      });
      await Promise.all(races);
    }

    for (const server of [a, b]) server.child.kill('SIGTERM');
    await Promise.all([a.exited, b.exited]);

    // Re-decide the whole log in log order: every fact must be one the rules accept where it stands.
    const store = SqliteEventStore.open(join(dir.path, SQLITE_FILE_NAME), { readonly: true });
    const refused: string[] = [];
    const positions = new Map<string, bigint>();
    try {
      let state = initialState();
      for await (const e of store.readAll()) {
        positions.set(e.id, e.position);
        if (isEventType(e.type) && e.type !== 'EntryRetracted') {
          const event = { type: e.type, data: e.data } as LedgerEvent;
          try {
            decide({ id: e.id, stream: e.stream, event }, state, { recordedOn: e.recordedAt.slice(0, 10) });
          } catch (error) {
            refused.push(`${e.position} ${e.type} ${e.stream}: ${(error as Error).message}`);
          }
        }
        state = evolve(state, e);
      }
    } finally {
      await store.close();
    }
    // Both may stand only in the order the rules accept: the decision, then the end.
    const endedFirst: string[] = [];
    for (const { lgId, end, decision } of ends) {
      if (!won(end) || !won(decision)) continue;
      figures.bothWon++;
      if (positions.get(decision.body.events[0].id)! > positions.get(end.body.events[0].id)!) endedFirst.push(lgId);
    }
    expect(refused, refused.join('\n')).toEqual([]);
    expect(endedFirst).toEqual([]);
    const verify = await runLedgerCli(['verify'], { LEDGER_DATA_DIR: dir.path });
    expect(verify, verify.stderr).toMatchObject({ code: 0, stdout: expect.stringMatching(/^OK:/) });
  }, 240_000);

  function tally(answers: readonly Answer[]): void {
    for (const r of answers) {
      if ('status' in r && r.status === 422) figures.refusedByRule++;
      if ('status' in r && r.status === 409) figures.conflicts++;
    }
  }
});

function won(answer: Answer): answer is { status: 201; body: any } {
  return 'status' in answer && answer.status === 201;
}

/** A local government with an ended term, a term in office since 2019, two plans adopted under the first term and a project. */
async function setUp(server: ChildServer, lgId: string): Promise<void> {
  const answers = [
    await server.post({
      events: [
        { type: 'LocalGovernmentRegistered', data: { lgId, name: `Municipalidad ${lgId}`, level: 'district', province: 'Chumbivilcas', department: 'Cusco' } },
        { type: 'AuthorityTermStarted', data: { lgId, termId: '2015-2018', mayor: 'Alcalde saliente', startedOn: '2015-01-01' } },
        { type: 'AuthorityTermEnded', data: { lgId, termId: '2015-2018', endedOn: '2018-12-31' } },
        { type: 'AuthorityTermStarted', data: { lgId, termId: NEW_TERM, mayor: 'Alcalde entrante', startedOn: '2019-01-01' } },
      ],
    }),
    ...(await Promise.all(
      [`p1-${lgId}`, `p2-${lgId}`].map((planId) =>
        server.post({
          events: [
            {
              type: 'PlanDrafted',
              data: { planId, lgId, kind: 'CDP', title: `Plan ${planId}`, horizon: { from: 2017, to: 2021 }, objectives: [{ code: 'OE1', text: 'Objetivo' }], draftedOn: '2016-03-01' },
            },
            { type: 'PlanAdopted', data: { planId, version: 1, instrument: 'Ordenanza', adoptedOn: '2016-06-01' } },
          ],
        }),
      ),
    )),
    await server.post({ type: 'ProjectRegistered', data: { projectId: `proy-${lgId}`, title: 'Proyecto', sector: 'other', lgIds: [lgId], registeredOn: '2016-01-01' } }),
  ];
  for (const answer of answers) expect(answer, JSON.stringify(answer)).toMatchObject({ status: 201 });
}

function inheritance(lgId: string, planId: string, decision: string, decidedOn: string) {
  return { type: 'PlanInheritanceDecided', data: { planId, lgId, termId: NEW_TERM, decision, decidedOn } };
}

function allocation(lgId: string, amount: string) {
  return {
    type: 'BudgetAllocated',
    data: {
      allocationId: `pp2018-${lgId}`, lgId, fiscalYear: 2018, projectId: `proy-${lgId}`, planId: `p1-${lgId}`,
      process: 'participatory', amount, currency: 'PEN', allocatedOn: '2018-03-01',
    },
  };
}
