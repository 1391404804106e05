import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../src/composition/openLedger.ts';
import { loadConfig } from '../../src/config.ts';
import { occurredOn } from '../../src/domain/events/catalogue.ts';
import type { FiledDocument } from '../../src/domain/events/filedDocument.ts';
import { isSealedValue } from '../../src/domain/personalText.ts';
import { buildApp } from '../../src/http/buildApp.ts';
import { chumbivilcas2018 } from '../../src/seed/chumbivilcas2018.ts';
import { TEAMS } from '../../src/seed/chumbivilcas2026/teams.ts';
import { illustrativeDocumentText } from '../../src/seed/chumbivilcas2026/illustrativeDocument.ts';
import { seedLedger, type SeedResult } from '../../src/seed/seedLedger.ts';
import { filesUnder, searchFiles } from './support/personalDataLedger.ts';

/** The ledger as `serve` composes it for the demo: openLedger with the clock it also gives the seeder, then the HTTP API. */
async function startDemo(at: string): Promise<{ ledger: Ledger; app: FastifyInstance; dir: string; clock: { now: Date }; seed(): Promise<SeedResult> }> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-demo2026-'));
  const config = loadConfig({ LEDGER_DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const clock = { now: new Date(at) };
  const ledger = await openLedger(config, () => clock.now);
  const app = await buildApp({ store: ledger.store, storeName: ledger.storeName, record: ledger.record, vault: ledger.vault, credentials: [] });
  return { ledger, app, dir, clock, seed: () => seedLedger(ledger.record, 'chumbivilcas', { clock: () => clock.now }) };
}

type StoredEvent = { id: string; type: string; data: Record<string, unknown>; position: string };

async function get(app: FastifyInstance, url: string) {
  const response = await app.inject({ method: 'GET', url });
  expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
  return response.json();
}

async function allEvents(app: FastifyInstance, query = ''): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  let after: string | undefined;
  do {
    const page = await get(app, `/api/events?limit=1000${query}${after ? `&after=${after}` : ''}`);
    events.push(...page.events);
    after = page.next;
  } while (after);
  return events;
}

const LG_IDS = ['080701', '080702', '080703', '080704', '080705', '080706', '080707', '080708'];

/**
 * The stage each transfer was planned at on 2026-12-01: its filings, items and observations (open,
 * resolved), and as the compliance view measures it, the current stage and the documents done. A
 * transfer whose commission is installed stands at stage d: its act and the updated accountability
 * report (filed when the head leaves office) are what remain.
 */
const A = ['etts-resolution'];
const B = [...A, 'etts-installation-act', 'accountability-report-initial'];
const REPORTED = [...B, 'transfer-report'];
const ETTE = [...REPORTED, 'ette-designation'];
const COMMISSION = [...ETTE, 'commission-installation-act'];
const PLANNED: Record<string, { filings: string[]; items: number; open: number; resolved: number; stage: string; documents: string[] }> = {
  '080701': { filings: ['etts', 'etts-installed', 'accountability', 'transfer-report', 'ette', 'commission', 'supplementary'], items: 6, open: 1, resolved: 1, stage: 'd', documents: [...COMMISSION, 'supplementary-report'] },
  '080702': { filings: ['etts'], items: 0, open: 0, resolved: 0, stage: 'a', documents: A },
  '080703': { filings: ['etts', 'etts-installed', 'accountability'], items: 0, open: 0, resolved: 0, stage: 'b', documents: B },
  '080704': { filings: ['etts', 'etts-installed', 'accountability', 'transfer-report'], items: 0, open: 0, resolved: 0, stage: 'c', documents: REPORTED },
  '080705': { filings: ['etts', 'etts-installed', 'accountability', 'transfer-report', 'ette'], items: 0, open: 0, resolved: 0, stage: 'c', documents: ETTE },
  '080706': { filings: ['etts', 'etts-installed', 'accountability', 'transfer-report', 'ette', 'commission'], items: 6, open: 1, resolved: 0, stage: 'd', documents: COMMISSION },
  '080707': { filings: ['etts', 'etts-installed', 'accountability', 'transfer-report', 'ette', 'commission'], items: 6, open: 1, resolved: 1, stage: 'd', documents: COMMISSION },
  '080708': { filings: ['etts', 'etts-installed', 'accountability', 'transfer-report', 'ette', 'commission'], items: 6, open: 0, resolved: 0, stage: 'd', documents: COMMISSION },
};

/** A transfer's filings as recorded, named as in PLANNED. */
function filingsOf(events: StoredEvent[]): string[] {
  const name = (e: StoredEvent): string | undefined => {
    switch (e.type) {
      case 'TransferTeamDesignated':
        return e.data.side === 'outgoing' ? 'etts' : 'ette';
      case 'TransferTeamInstalled':
        return 'etts-installed';
      case 'AccountabilityReportFiled':
        return 'accountability';
      case 'TransferReportFiled':
        return 'transfer-report';
      case 'TransferCommissionInstalled':
        return 'commission';
      case 'SupplementaryReportFiled':
        return 'supplementary';
      case 'TransferActSigned':
        return 'act';
      default:
        return undefined;
    }
  };
  return events.map(name).filter((n): n is string => n !== undefined);
}

describe('the Chumbivilcas 2026 demo, recorded on 2026-12-01 through the demo’s seeding path and read through the HTTP API', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  let seeded: SeedResult;

  beforeAll(async () => {
    demo = await startDemo('2026-12-01T15:00:00Z');
    seeded = await demo.seed();
  });
  afterAll(async () => {
    await demo.app.close();
    await demo.ledger.close();
    rmSync(demo.dir, { recursive: true, force: true });
  });

  it('given the recording day 2026-12-01, when the demo is seeded, then every fact is recorded and none is skipped', () => {
    expect(seeded.skipped).toEqual([]);
    expect(seeded.alreadyPresent).toBe(0);
    expect(seeded.recorded).toBeGreaterThan(chumbivilcas2018().length);
  });

  it('then each municipality is in its 2023-2026 term, the 2019-2022 term ended on 2022-12-31', async () => {
    for (const lgId of LG_IDS) {
      const lg = await get(demo.app, `/api/local-governments/${lgId}`);
      expect(lg.currentTerm, lgId).toMatchObject({ termId: '2023-2026', startedOn: '2023-01-01' });
      expect(lg.currentTerm.mayor, lgId).toMatch(/\(ilustrativo\)$/);
      expect(lg.terms.find((t: { termId: string }) => t.termId === '2019-2022'), lgId).toMatchObject({ endedOn: '2022-12-31' });
    }
  });

  it('then the eight 2026 transitions are opened under Directiva 016-2022-CG/PREVI, from 2023-2026 to 2027-2030, none signed', async () => {
    for (const lgId of LG_IDS) {
      const transitionId = `tr-${lgId}-2026`;
      const [opened] = await allEvents(demo.app, `&stream=transition-${transitionId}`);
      expect(opened, transitionId).toMatchObject({
        type: 'TransitionOpened',
        data: { transitionId, lgId, directive: '016-2022-CG/PREVI', outgoingTermId: '2023-2026', incomingTermId: '2027-2030' },
      });
      const dossier = await get(demo.app, `/api/transitions/${transitionId}`);
      expect(dossier, transitionId).toMatchObject({ lgId, directive: '016-2022-CG/PREVI', outgoingTermId: '2023-2026', incomingTermId: '2027-2030', status: 'open', act: null });
      const lg = await get(demo.app, `/api/local-governments/${lgId}`);
      expect(lg.transitions.find((t: { transitionId: string }) => t.transitionId === transitionId), transitionId).toMatchObject({ status: 'open', signedOn: null });
    }
    expect(await allEvents(demo.app, '&type=TransferActSigned')).toEqual([]);
  });

  it('then each transfer stands at its planned stage: an ETTS only, reports filed, ETTE designated, commissions installed with items and observations, a supplementary report', async () => {
    for (const lgId of LG_IDS) {
      const transitionId = `tr-${lgId}-2026`;
      const events = await allEvents(demo.app, `&stream=transition-${transitionId}`);
      const dossier = await get(demo.app, `/api/transitions/${transitionId}`);
      const { filings, items, open, resolved } = PLANNED[lgId]!;
      expect({
        filings: filingsOf(events),
        items: dossier.items.length,
        open: dossier.observations.open.length,
        resolved: dossier.observations.resolved.length,
      }, transitionId).toEqual({ filings, items, open, resolved });
    }
  });

  it('then the province’s compliance board shows each transfer under 016-2022-CG/PREVI at its current stage, none signed', async () => {
    const board = await get(demo.app, '/api/compliance?province=Chumbivilcas&directive=016-2022-CG/PREVI');
    const rows = board.transitions.map((r: { transitionId: string; currentStage: { stageId: string } | null; signed: boolean; openObservations: number }) => [
      r.transitionId, r.currentStage?.stageId ?? null, r.signed, r.openObservations,
    ]);
    expect(rows).toEqual(LG_IDS.map((lgId) => [`tr-${lgId}-2026`, PLANNED[lgId]!.stage, false, PLANNED[lgId]!.open]));
    for (const lgId of LG_IDS) {
      const compliance = await get(demo.app, `/api/transitions/tr-${lgId}-2026/compliance`);
      const done = compliance.stages.flatMap((s: { documents: { documentId: string; status: string }[] }) => s.documents.filter((d) => d.status === 'done').map((d) => d.documentId));
      expect({ currentStage: compliance.currentStage, done }, lgId).toEqual({ currentStage: PLANNED[lgId]!.stage, done: PLANNED[lgId]!.documents });
    }
  });

  it('then no recorded fact is dated after the day it was recorded', async () => {
    const events = await allEvents(demo.app);
    const late = events.filter((e) => (occurredOn(e) ?? '') > '2026-12-01');
    expect(events.length).toBe(seeded.recorded);
    expect(late).toEqual([]);
  });

  it('then the team members’ names are sealed in the log: ciphertext in the stored event, plaintext nowhere in the data directory’s store', async () => {
    // 1. The API shows an anonymous reader the placeholder; 2. the store holds ciphertext; 3. no file holds a name.
    const designations = await allEvents(demo.app, '&type=TransferTeamDesignated');
    expect(designations.length).toBe(8 + 5);
    const shown = designations.flatMap((d) => (d.data.members as { name: unknown }[]).map((m) => m.name));
    expect(new Set(shown)).toEqual(new Set(['[dato personal]']));
    for (const d of designations) {
      const stored = (await demo.ledger.store.readStream(`transition-${d.data.transitionId as string}`)).find((e) => e.id === d.id)!;
      for (const member of (stored.data as { members: { name: unknown }[] }).members) expect(isSealedValue(member.name), JSON.stringify(member.name)).toBe(true);
    }
    const names = Object.values(TEAMS).flatMap((t) => [...t.outgoing, ...t.incoming].map((m) => m.name as string));
    const needles = names.flatMap((n) => [Buffer.from(n, 'utf8'), Buffer.from(n.replace(' (ilustrativo)', ''), 'utf8')]);
    const storeFiles = filesUnder(demo.dir).filter((f) => !f.includes('personal-data-keys'));
    expect(storeFiles.length).toBeGreaterThan(0);
    expect(searchFiles(storeFiles, needles)).toEqual([]);
  });

  it('then every filed document’s SHA-256 and size are those of its illustrative text, which an auditor rebuilds from the event alone', async () => {
    const events = await allEvents(demo.app);
    const documents = events.flatMap((e) => documentsIn(e.data));
    expect(documents.length).toBeGreaterThan(40);
    for (const doc of documents) {
      const bytes = Buffer.from(illustrativeDocumentText({ title: doc.title, contraloriaRef: doc.contraloriaRef!, publishedAt: doc.publishedAt! }), 'utf8');
      expect({ sha256: doc.sha256, sizeBytes: doc.sizeBytes }, doc.title).toEqual({ sha256: createHash('sha256').update(bytes).digest('hex'), sizeBytes: bytes.length });
      expect(doc.title).toMatch(/\(ilustrativo\)$/);
      expect(doc.publishedAt).toMatch(/^https:\/\/example\.org\/ilustrativo\//);
      expect(doc.contraloriaRef).toMatch(/^CGR-ILUSTRATIVO-/);
    }
  });

  it('then the 2018 story is recorded with its own ids, unchanged in type and order', async () => {
    const events = await allEvents(demo.app);
    const facts2018 = chumbivilcas2018();
    expect(events.slice(0, facts2018.length).map((e) => [e.id, e.type])).toEqual(facts2018.map((f) => [f.id, f.type]));
    const quinota2018 = await get(demo.app, '/api/transitions/tr-080707-2018');
    expect(quinota2018).toMatchObject({ status: 'signed', act: { signedOn: '2018-12-27' } });
  });
});

describe('the Chumbivilcas demo recorded on an earlier day', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  let first: SeedResult;

  beforeAll(async () => {
    demo = await startDemo('2026-10-18T15:00:00Z');
    first = await demo.seed();
  });
  afterAll(async () => {
    await demo.app.close();
    await demo.ledger.close();
    rmSync(demo.dir, { recursive: true, force: true });
  });

  it('given the recording day 2026-10-18, when the demo is seeded, then the facts dated after it are skipped and reported, not refused', async () => {
    expect(first.skipped.length).toBeGreaterThan(0);
    expect(first.skipped.every((s) => s.occurredOn > '2026-10-18')).toBe(true);
    const events = await allEvents(demo.app);
    expect(events.length).toBe(first.recorded);
    expect(events.filter((e) => (occurredOn(e) ?? '') > '2026-10-18')).toEqual([]);
  });

  it('then the transfers stand as they did that day: reports filed up to 2026-10-16, no ETTE and no commission yet', async () => {
    const filings = async (lgId: string) => filingsOf(await allEvents(demo.app, `&stream=transition-tr-${lgId}-2026`));
    expect(await filings('080702')).toEqual(['etts']);
    expect(await filings('080707')).toEqual(['etts', 'etts-installed', 'accountability', 'transfer-report']);
    expect(await filings('080704')).toEqual(['etts', 'etts-installed', 'accountability']);
    expect(await allEvents(demo.app, '&type=TransferCommissionInstalled')).toEqual([]);
  });

  it('when the demo is seeded again on 2026-12-01, then exactly the skipped facts are recorded and the rest are already present', async () => {
    demo.clock.now = new Date('2026-12-01T15:00:00Z');
    const second = await demo.seed();
    expect(second).toEqual({ recorded: first.skipped.length, alreadyPresent: first.recorded, skipped: [] });
    expect(filingsOf(await allEvents(demo.app, '&stream=transition-tr-080707-2026'))).toEqual(PLANNED['080707']!.filings);
  });
});

/** The FiledDocuments anywhere in an event's data. */
function documentsIn(value: unknown): FiledDocument[] {
  if (Array.isArray(value)) return value.flatMap(documentsIn);
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  if (typeof record.sha256 === 'string' && typeof record.sizeBytes === 'number') return [record as unknown as FiledDocument];
  return Object.values(record).flatMap(documentsIn);
}
