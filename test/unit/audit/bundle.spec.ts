import { generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_FILES } from '../../../src/audit/bundle/bundleFormat.ts';
import { type BundleFailureKind, formatBundleReport } from '../../../src/audit/bundle/bundleReport.ts';
import { verifyBundle } from '../../../src/audit/bundle/verifyBundle.ts';
import { writeBundle } from '../../../src/audit/bundle/writeBundle.ts';
import { type Checkpoint, publicKeyFingerprint, signCheckpoint } from '../../../src/audit/checkpoint.ts';
import { eventHash } from '../../../src/audit/eventHash.ts';
import { leafHash, merkleRoot, toHex } from '../../../src/audit/merkle.ts';
import type { StoredEvent } from '../../../src/records/storedEvent.ts';
import { SqliteEventStore } from '../../../src/eventStore/sqliteEventStore.ts';
import { allEvents } from '../../support/allEvents.ts';

// Twelve real events in three streams, appended through the SQLite store, checkpointed at 3, 7, 12.
const CHECKPOINT_SIZES = [3, 7, 12];
const STREAMS = ['plan-pdlc-2019', 'lg-080707', 'plan-pdlc-2023'];

let root: string;
let genuine: string;
let events: StoredEvent[];
let checkpoints: Checkpoint[];
const ledgerKey = newKey();
let tamperCount = 0;

function newKey() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, fingerprint: publicKeyFingerprint(publicKey), pem: publicKey.export({ format: 'pem', type: 'spki' }).toString() };
}

const rootOf = (hashes: string[]) => toHex(merkleRoot(hashes.map(leafHash)));
const sign = (treeSize: number, rootHash: string, key = ledgerKey) =>
  signCheckpoint({ treeSize, rootHash, timestamp: `2024-01-0${CHECKPOINT_SIZES.indexOf(treeSize) + 2}T00:00:00.000Z` }, key);

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'bundle-'));
  const store = SqliteEventStore.open(join(root, 'ledger.sqlite'));
  for (let i = 0; i < 12; i++) {
    await store.appendToStream(STREAMS[i % 3]!, [
      {
        id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        type: 'PlanUpdated',
        schemaVersion: 1,
        data: { note: `Actualización nº ${i} — Chumbivilcas`, amount: `${i * 1000}.50`, items: [i, { nested: true }] },
        recordedAt: `2024-01-01T00:00:${String(i).padStart(2, '0')}.000Z`,
        actor: 'registrar',
        metadata: { role: 'registrar' },
      },
    ]);
  }
  events = await allEvents(store);
  checkpoints = CHECKPOINT_SIZES.map((n) => sign(n, rootOf(events.slice(0, n).map((e) => e.hash))));
  genuine = join(root, 'genuine');
  await writeBundle(genuine, { events: store.readAll(), checkpoints, publicKeyPem: ledgerKey.pem, createdAt: '2024-02-01T00:00:00.000Z', notes: ['test'] });
  await store.close();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A copy of the genuine bundle, changed by `edit`. */
function tampered(edit: (dir: string) => void): string {
  const dir = join(root, `tampered-${tamperCount++}`);
  cpSync(genuine, dir, { recursive: true });
  edit(dir);
  return dir;
}
const readLines = (dir: string) => readFileSync(join(dir, BUNDLE_FILES.events), 'utf8').trimEnd().split('\n');
const writeLines = (dir: string, lines: string[]) => writeFileSync(join(dir, BUNDLE_FILES.events), `${lines.join('\n')}\n`);
const editLines = (edit: (lines: Record<string, unknown>[]) => Record<string, unknown>[]) => (dir: string) =>
  writeLines(dir, edit(readLines(dir).map((l) => JSON.parse(l) as Record<string, unknown>)).map((o) => JSON.stringify(o)));
const writeCheckpoints = (dir: string, cps: Checkpoint[]) => writeFileSync(join(dir, BUNDLE_FILES.checkpoints), JSON.stringify(cps));
/** Recomputes an edited line's hash, as a forger who knows the format would. */
const rehash = (o: Record<string, unknown>) => ({
  ...o,
  hash: eventHash({ ...(o as unknown as StoredEvent), revision: BigInt(o.revision as string) }),
});
const kinds = (failures: { kind: BundleFailureKind }[]) => [...new Set(failures.map((f) => f.kind))].sort();

describe('audit bundles', () => {
  it('given an untampered bundle, then it verifies', async () => {
    const report = await verifyBundle(genuine, { expectedKeyFingerprint: ledgerKey.fingerprint });
    expect(report).toMatchObject({ ok: true, eventsChecked: 12, checkpointsChecked: 3, failures: [], failureCount: 0, uncheckpointedEvents: 0 });
    expect(report.firstFailure).toBeUndefined();
    expect(report.latestCheckpoint).toEqual({ treeSize: 12, rootHash: checkpoints[2]!.rootHash, timestamp: checkpoints[2]!.timestamp });
    expect(formatBundleReport(report)).toMatch(/^Bundle verified: OK\n {2}events checked: +12\n {2}checkpoints checked: 3/);
  });

  it('writes one canonical line per event, position and revision as decimal strings, and a manifest', () => {
    const lines = readLines(genuine);
    expect(lines).toHaveLength(12);
    const first = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(first).toMatchObject({ position: events[0]!.position.toString(), revision: '0', hash: events[0]!.hash, stream: STREAMS[0] });
    expect(Object.keys(first)).toEqual([...Object.keys(first)].sort());
    const manifest = JSON.parse(readFileSync(join(genuine, BUNDLE_FILES.manifest), 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      format: 'transition-ledger-bundle', formatVersion: 1, createdAt: '2024-02-01T00:00:00.000Z', eventCount: 12, checkpointCount: 3,
      headEventHash: events[11]!.hash, merkleRoot: checkpoints[2]!.rootHash, keyFingerprint: ledgerKey.fingerprint, notes: ['test'],
    });
  });

  it('refuses to overwrite an existing bundle', async () => {
    await expect(writeBundle(genuine, { events: [], checkpoints: [], publicKeyPem: ledgerKey.pem })).rejects.toMatchObject({ code: 'EEXIST' });
  });

  it('given a changed field, then HASH_MISMATCH names the event', async () => {
    const dir = tampered(editLines((ls) => ls.map((o, i) => (i === 4 ? { ...o, data: { ...(o.data as object), amount: '9999999.00' } } : o))));
    const report = await verifyBundle(dir);
    expect(report.ok).toBe(false);
    expect(report.firstFailure).toMatchObject({ kind: 'HASH_MISMATCH', position: events[4]!.position.toString(), eventId: events[4]!.id, line: 5 });
    expect(kinds(report.failures)).toEqual(['HASH_MISMATCH']);
    const text = formatBundleReport(report);
    expect(text).toContain(`First failure: HASH_MISMATCH at position ${events[4]!.position}, event ${events[4]!.id}`);
    expect(text).toContain('events checked:      12');
  });

  it('given a changed field whose hash was recomputed, then the stream chain and the signed roots catch it', async () => {
    const dir = tampered(editLines((ls) => ls.map((o, i) => (i === 4 ? rehash({ ...o, actor: 'intruder' }) : o))));
    const report = await verifyBundle(dir);
    // Event 4's successor in its stream (event 7) still names the original hash.
    expect(report.firstFailure).toMatchObject({ kind: 'PREV_HASH_MISMATCH', eventId: events[7]!.id });
    expect(report.failures).toContainEqual(expect.objectContaining({ kind: 'ROOT_MISMATCH', treeSize: 7 }));
    expect(report.failures).toContainEqual(expect.objectContaining({ kind: 'ROOT_MISMATCH', treeSize: 12 }));
    expect(report.failures).not.toContainEqual(expect.objectContaining({ kind: 'ROOT_MISMATCH', treeSize: 3 }));
  });

  it('given a dropped event, then the revision gap, the roots and the truncation are reported', async () => {
    const dir = tampered(editLines((ls) => ls.filter((_, i) => i !== 4)));
    const report = await verifyBundle(dir);
    expect(report.firstFailure).toMatchObject({ kind: 'REVISION_GAP', eventId: events[7]!.id });
    expect(kinds(report.failures)).toEqual(['REVISION_GAP', 'ROOT_MISMATCH', 'TRUNCATED']);
    expect(report.eventsChecked).toBe(11);
  });

  it('given two swapped events, then POSITION_ORDER and ROOT_MISMATCH', async () => {
    const dir = tampered(editLines((ls) => [...ls.slice(0, 5), ls[6]!, ls[5]!, ...ls.slice(7)]));
    const report = await verifyBundle(dir);
    expect(report.firstFailure).toMatchObject({ kind: 'POSITION_ORDER', eventId: events[5]!.id });
    expect(kinds(report.failures)).toEqual(['POSITION_ORDER', 'ROOT_MISMATCH']);
  });

  it('given two swapped events with positions renumbered to look ordered, then the roots still catch it', async () => {
    const dir = tampered(editLines((ls) => {
      const swapped = [...ls.slice(0, 5), ls[6]!, ls[5]!, ...ls.slice(7)];
      return swapped.map((o, i) => ({ ...o, position: ls[i]!.position }));
    }));
    const report = await verifyBundle(dir);
    expect(kinds(report.failures)).toEqual(['ROOT_MISMATCH']);
    // The checkpoints at 7 and 12, then the manifest's root over all 12.
    expect(report.failures.map((f) => f.treeSize)).toEqual([7, 12, 12]);
  });

  it('given an inserted, well-formed event, then the roots catch it', async () => {
    const forged = rehash({
      ...(JSON.parse(readLines(genuine)[0]!) as Record<string, unknown>),
      id: 'ffffffff-0000-4000-8000-000000000000', stream: 'plan-forged', revision: '0', prevHash: '0'.repeat(64),
    });
    const dir = tampered(editLines((ls) => {
      const withForged = [...ls.slice(0, 5), forged, ...ls.slice(5)];
      return withForged.map((o, i) => ({ ...o, position: String(i + 1) }));
    }));
    const report = await verifyBundle(dir);
    expect(report.firstFailure).toMatchObject({ kind: 'ROOT_MISMATCH', treeSize: 7 });
    // The genuine checkpoints are consistent with each other; it is the events that disagree with
    // them, and the 13th event is signed by none.
    expect(kinds(report.failures)).toEqual(['MALFORMED', 'ROOT_MISMATCH', 'UNSIGNED_TAIL']);
  });

  it('given a truncated tail, then TRUNCATED names the checkpoint it falls short of', async () => {
    const dir = tampered((d) => writeLines(d, readLines(d).slice(0, 9)));
    const report = await verifyBundle(dir);
    expect(report.firstFailure).toMatchObject({ kind: 'TRUNCATED', treeSize: 12 });
    expect(kinds(report.failures)).toEqual(['TRUNCATED']);
  });

  it('given a checkpoint with a changed root, then ROOT_MISMATCH and BAD_SIGNATURE', async () => {
    const other = rootOf(events.slice(0, 6).map((e) => e.hash));
    const dir = tampered((d) => writeCheckpoints(d, checkpoints.map((c) => (c.treeSize === 7 ? { ...c, rootHash: other } : c))));
    const report = await verifyBundle(dir);
    expect(report.firstFailure).toMatchObject({ kind: 'ROOT_MISMATCH', treeSize: 7 });
    // The events still match the checkpoint at 12, and the changed root at 7 is no prefix of it.
    expect(kinds(report.failures)).toEqual(['BAD_SIGNATURE', 'INCONSISTENT_CHECKPOINTS', 'ROOT_MISMATCH']);
  });

  it('given a checkpoint signed with another key, then BAD_SIGNATURE', async () => {
    const intruder = newKey();
    const forged = { ...signCheckpoint(checkpoints[1]!, intruder), keyFingerprint: ledgerKey.fingerprint };
    const dir = tampered((d) => writeCheckpoints(d, checkpoints.map((c) => (c.treeSize === 7 ? forged : c))));
    const report = await verifyBundle(dir);
    expect(report.failures).toEqual([expect.objectContaining({ kind: 'BAD_SIGNATURE', treeSize: 7 })]);
  });

  it('given events and key both replaced by a forger, then only the expected fingerprint catches it', async () => {
    const intruder = newKey();
    const dir = tampered((d) => {
      writeFileSync(join(d, BUNDLE_FILES.publicKey), intruder.pem);
      writeCheckpoints(d, checkpoints.map((c) => sign(c.treeSize, c.rootHash, intruder)));
    });
    const manifestOnly = await verifyBundle(dir);
    expect(kinds(manifestOnly.failures)).toEqual(['MALFORMED']); // the unsigned manifest still names the old key
    const report = await verifyBundle(dir, { expectedKeyFingerprint: ledgerKey.fingerprint });
    expect(report.firstFailure).toMatchObject({ kind: 'BAD_SIGNATURE' });
    expect(report.keyFingerprint).toBe(intruder.fingerprint);
  });

  it('given two genuinely signed checkpoints over forked histories, then INCONSISTENT_CHECKPOINTS', async () => {
    // A split view: the ledger signed size 7 over a history in which event 4 reads differently.
    const forkedHashes = events.slice(0, 7).map((e, i) => (i === 4 ? eventHash({ ...e, actor: 'someone else' }) : e.hash));
    const forked = sign(7, rootOf(forkedHashes));
    const dir = tampered((d) => writeCheckpoints(d, checkpoints.map((c) => (c.treeSize === 7 ? forked : c))));
    const report = await verifyBundle(dir);
    expect(kinds(report.failures)).toEqual(['INCONSISTENT_CHECKPOINTS', 'ROOT_MISMATCH']);
    expect(report.failures).toContainEqual(expect.objectContaining({ kind: 'INCONSISTENT_CHECKPOINTS', treeSize: 12 }));
  });

  it('given an event at its predecessor’s position, then POSITION_ORDER', async () => {
    const dir = tampered(editLines((ls) => ls.map((o, i) => (i === 5 ? { ...o, position: ls[4]!.position } : o))));
    const report = await verifyBundle(dir);
    expect(report.failures).toEqual([expect.objectContaining({ kind: 'POSITION_ORDER', eventId: events[5]!.id, line: 6 })]);
  });

  it('given a duplicated event id, then DUPLICATE_ID', async () => {
    const dir = tampered(editLines((ls) => [...ls, { ...ls[0]!, position: '1000' }]));
    const report = await verifyBundle(dir);
    expect(report.failures).toContainEqual(expect.objectContaining({ kind: 'DUPLICATE_ID', eventId: events[0]!.id, line: 13 }));
    expect(report.uncheckpointedEvents).toBe(1);
  });

  it('given unreadable lines or missing files, then MALFORMED with the line', async () => {
    const garbled = await verifyBundle(tampered((d) => writeLines(d, readLines(d).map((l, i) => (i === 2 ? '{"not":"an event"' : l)))));
    expect(garbled.firstFailure).toMatchObject({ kind: 'MALFORMED', line: 3 });
    const extraField = await verifyBundle(tampered(editLines((ls) => ls.map((o, i) => (i === 1 ? { ...o, unhashed: 'smuggled' } : o)))));
    expect(extraField.firstFailure).toMatchObject({ kind: 'MALFORMED', line: 2, eventId: events[1]!.id, message: expect.stringContaining('unhashed') });
    const noManifest = await verifyBundle(tampered((d) => rmSync(join(d, BUNDLE_FILES.manifest))));
    expect(noManifest.failures).toEqual([expect.objectContaining({ kind: 'MALFORMED', message: expect.stringContaining('manifest.json') })]);
    const unreadable = await verifyBundle(tampered((d) => {
      rmSync(join(d, BUNDLE_FILES.events));
      mkdirSync(join(d, BUNDLE_FILES.events));
    }));
    expect(unreadable.failures).toContainEqual(expect.objectContaining({ kind: 'MALFORMED', message: expect.stringContaining('could not be read') }));
    const droppedCheckpoint = await verifyBundle(tampered((d) => writeCheckpoints(d, checkpoints.slice(0, 2))));
    expect(droppedCheckpoint.failures).toEqual([
      expect.objectContaining({ kind: 'UNSIGNED_TAIL', message: expect.stringContaining('5 event(s)') }),
      expect.objectContaining({ kind: 'MALFORMED', message: expect.stringContaining('checkpoints') }),
    ]);
  });
});
