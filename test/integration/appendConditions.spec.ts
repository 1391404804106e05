import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v4 as uuidv4 } from 'uuid';
import { createRecorder, type RecordEvents } from '../../src/commandHandling/recordEvents.ts';
import type { LedgerEvent } from '../../src/domain/events/catalogue.ts';
import type { EventToAppend } from '../../src/eventStore/eventStore.ts';
import { SqliteEventStore } from '../../src/eventStore/sqliteEventStore.ts';
import { createTempDir, type TempDir } from '../support/tempDir.ts';
import {
  fundingCommitted, INCOMING, inheritanceDecided, lgRegistered, planAdopted, planDrafted, projectRegistered, QUINOTA, quinotaAfterElections, termEnded,
} from '../unit/domain/fixtures.ts';

const writer = { actor: 'tester', role: 'registrar' };
const submit = (event: LedgerEvent, expectedRevision?: string) => ({ events: [event], ...(expectedRevision === undefined ? {} : { expectedRevision }) });

/**
 * Another writer on the same file (a second connection, as a second process would hold) appends
 * between a command's decision and its append: exactly then, via the id the recorder asks for while
 * deciding. The append's conditions must catch it, and the command be decided again.
 */
describe('appends conditioned on every stream the decision read', () => {
  let dir: TempDir;
  let store: SqliteEventStore;
  let other: SqliteEventStore;
  let record: RecordEvents;
  let meanwhile: (() => void) | undefined;

  beforeEach(() => {
    dir = createTempDir('append-conditions-');
    store = SqliteEventStore.open(dir.file('ledger.sqlite'));
    other = SqliteEventStore.open(dir.file('ledger.sqlite'));
    meanwhile = undefined;
    const newId = () => {
      const write = meanwhile;
      meanwhile = undefined;
      write?.(); // SQLite commits synchronously: the write is durable before the decision goes on
      return uuidv4();
    };
    record = createRecorder({ store, now: () => new Date('2019-03-01T12:00:00Z'), newId });
  });
  afterEach(async () => {
    await store.close();
    await other.close();
    dir.remove();
  });

  /** Another writer's append of `event` to `stream`, as the recorder would store it. */
  const otherWrites = (stream: string, event: LedgerEvent) => () =>
    void other.appendToStream(stream, [{ id: uuidv4(), type: event.type, schemaVersion: 1, data: event.data, recordedAt: '2019-03-01T12:00:00.000Z', actor: 'other' } satisfies EventToAppend]);

  it('given a term ended by another writer after the decision read it, when the inheritance decision is appended, then it is decided again and refused by the rule', async () => {
    for (const e of [...quinotaAfterElections(), planDrafted(), planAdopted()]) await record(submit(e), writer);
    meanwhile = otherWrites(`lg-${QUINOTA}`, termEnded({ termId: INCOMING, endedOn: '2019-01-15' }));
    await expect(record(submit(inheritanceDecided({ decidedOn: '2019-02-01' })), writer)).rejects.toMatchObject({
      code: 'RULE_VIOLATED', rule: 'INHERITANCE_NOT_BY_TERM_IN_OFFICE',
    });
    expect(meanwhile).toBeUndefined();
    expect((await store.readStream('plan-cdp-quinota-2021')).map((e) => e.type)).toEqual(['PlanDrafted', 'PlanAdopted']);
  });

  it('given the same race when the decision is judged on a cached write model, then the cached model does not let it through', async () => {
    for (const e of quinotaAfterElections()) await record(submit(e), writer);
    // One batch folds {plan, lg} and leaves that model in the cache, current in the store.
    await record({ events: [planDrafted(), planAdopted()] }, writer);
    meanwhile = otherWrites(`lg-${QUINOTA}`, termEnded({ termId: INCOMING, endedOn: '2019-01-15' }));
    await expect(record(submit(inheritanceDecided({ decidedOn: '2019-02-01' })), writer)).rejects.toMatchObject({
      code: 'RULE_VIOLATED', rule: 'INHERITANCE_NOT_BY_TERM_IN_OFFICE',
    });
    expect(meanwhile).toBeUndefined();
  });

  it('given another writer appended to the command\'s own stream meanwhile, when the client named no revision, then it is decided again and recorded after that write', async () => {
    for (const e of [lgRegistered(), projectRegistered(), fundingCommitted({ commitmentId: 'c-1' })]) await record(submit(e), writer);
    const project = `project-${projectRegistered().data.projectId}`;
    meanwhile = otherWrites(project, fundingCommitted({ commitmentId: 'c-2' }));
    const result = await record(submit(fundingCommitted({ commitmentId: 'c-3' })), writer);
    expect(result.events[0]).toMatchObject({ stream: project, revision: 3n });
  });

  it('given another writer appended to the command\'s own stream meanwhile, when the client named the revision it saw, then CONCURRENCY_CONFLICT, as a stale view', async () => {
    for (const e of [lgRegistered(), projectRegistered(), fundingCommitted({ commitmentId: 'c-1' })]) await record(submit(e), writer);
    const project = `project-${projectRegistered().data.projectId}`;
    meanwhile = otherWrites(project, fundingCommitted({ commitmentId: 'c-2' }));
    await expect(record(submit(fundingCommitted({ commitmentId: 'c-3' }), '1'), writer)).rejects.toMatchObject({
      code: 'CONCURRENCY_CONFLICT', stream: project, expectedRevision: 1n, actualRevision: 2n,
    });
    expect(await store.streamRevision(project)).toBe(2n);
  });
});
