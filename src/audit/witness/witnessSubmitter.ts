import type { LedgerHealth } from '../../health/ledgerHealth.ts';
import type { Checkpoint } from '../checkpoint.ts';
import type { AuditLog } from '../log/auditLog.ts';
import { checkNoteSignature, parseNote, parseVerifierKey, SIG_COSIGNATURE_V1, type VerifierKey } from '../note/signedNote.ts';
import { formatAddCheckpoint } from './addCheckpointRequest.ts';

/** A witness the ledger submits its checkpoints to. */
export interface WitnessEndpoint {
  key: VerifierKey;
  /** The submission prefix; `add-checkpoint` is appended. */
  url: string;
}

/**
 * LEDGER_WITNESSES: entries separated by commas or newlines, each `<witness vkey> <submission URL>`
 * (the vkey of type 0x04 that `witness serve` prints). Throws with a sentence on a bad entry.
 */
export function parseWitnessEndpoints(text: string | undefined): WitnessEndpoint[] {
  if (text === undefined) return [];
  return text.split(/[,\n]/).map((e) => e.trim()).filter(Boolean).map((entry) => {
    const [vkey, url, extra] = entry.split(/\s+/);
    const key = vkey === undefined ? undefined : parseVerifierKey(vkey);
    if (!key || key.type !== SIG_COSIGNATURE_V1 || url === undefined || extra !== undefined || !/^https?:\/\//.test(url)) {
      throw new Error(`LEDGER_WITNESSES: "${entry}" is not "<witness vkey (type 0x04)> <http(s) URL>"`);
    }
    return { key, url: url.endsWith('/') ? url : `${url}/` };
  });
}

export interface WitnessSubmitterDeps {
  witnesses: readonly WitnessEndpoint[];
  log: AuditLog;
  health: LedgerHealth;
  logger?: { info: (o: object, m: string) => void; warn: (o: object, m: string) => void; error: (o: object, m: string) => void };
  /** First retry delay; doubles up to 5 minutes. */
  retryMs?: number;
  fetch?: typeof fetch;
}

const MAX_RETRY_MS = 5 * 60_000;

/**
 * Submits each new checkpoint to every witness (c2sp.org/tlog-witness), off the write path: a
 * submission is started and forgotten, a witness that is down is retried with backoff, and only
 * the latest checkpoint is ever pending per witness. Cosignatures that verify with the witness's
 * key are kept in audit.sqlite. A witness that refuses a checkpoint as inconsistent (422) raises
 * the `witness` integrity alarm: the ledger, or someone with its key, signed two histories.
 */
export class WitnessSubmitter {
  private readonly state = new Map<string, { size: number; pending?: Checkpoint; running: boolean; delay: number; timer?: NodeJS.Timeout }>();
  private closed = false;

  constructor(private readonly deps: WitnessSubmitterDeps) {
    for (const w of deps.witnesses) this.state.set(w.key.vkey, { size: 0, running: false, delay: deps.retryMs ?? 1000 });
  }

  /** Queues `checkpoint` (a version 2 one) for every witness; returns at once. */
  submit(checkpoint: Checkpoint): void {
    if (checkpoint.note === undefined || this.closed) return;
    for (const w of this.deps.witnesses) {
      const s = this.state.get(w.key.vkey)!;
      if (!s.pending || s.pending.treeSize < checkpoint.treeSize) s.pending = checkpoint;
      if (!s.running && !s.timer) void this.run(w);
    }
  }

  /** Resolves once no submission is running or waiting for a retry (tests). */
  async idle(): Promise<void> {
    while ([...this.state.values()].some((s) => s.running || s.pending)) await new Promise((r) => setTimeout(r, 20));
  }

  close(): void {
    this.closed = true;
    for (const s of this.state.values()) if (s.timer) clearTimeout(s.timer);
  }

  private async run(w: WitnessEndpoint): Promise<void> {
    const s = this.state.get(w.key.vkey)!;
    s.running = true;
    try {
      while (s.pending && !this.closed) {
        const c = s.pending;
        const outcome = await this.attempt(w, c, s.size);
        if (outcome === 'retry') {
          s.timer = setTimeout(() => {
            s.timer = undefined;
            void this.run(w);
          }, s.delay);
          s.timer.unref();
          s.delay = Math.min(s.delay * 2, MAX_RETRY_MS);
          return;
        }
        s.delay = this.deps.retryMs ?? 1000;
        if (s.pending === c) s.pending = undefined;
      }
    } finally {
      s.running = false;
    }
  }

  /** One add-checkpoint, following one 409 to the witness's size. */
  private async attempt(w: WitnessEndpoint, c: Checkpoint, knownSize: number): Promise<'done' | 'retry'> {
    const s = this.state.get(w.key.vkey)!;
    const where = { witness: w.key.name, treeSize: c.treeSize };
    let old = knownSize;
    for (let round = 0; round < 2; round++) {
      if (old > c.treeSize) return 'done'; // the witness has seen a later checkpoint already
      const body = formatAddCheckpoint(old, old === 0 ? [] : this.deps.log.nodes.consistencyProof(old, c.treeSize), c.note!);
      let response: Response;
      try {
        response = await (this.deps.fetch ?? fetch)(new URL('add-checkpoint', w.url), { method: 'POST', body, headers: { 'content-type': 'text/plain; charset=utf-8' }, signal: AbortSignal.timeout(10_000) });
      } catch (error) {
        this.deps.logger?.warn({ ...where, err: error }, 'witness unreachable; will retry');
        return 'retry';
      }
      const text = await response.text().catch(() => '');
      if (response.status === 409 && /^\d+\n$/.test(text)) {
        old = Number(text.trim());
        continue;
      }
      if (response.status === 200) {
        const note = parseNote(c.note! + text);
        const lines = note ? text.split('\n').filter((l) => l.startsWith('\u2014 ')) : [];
        if (!note || checkNoteSignature(note, w.key) !== 'VERIFIED') {
          this.deps.logger?.error(where, 'the witness answered with no cosignature that verifies with its key');
          return 'done';
        }
        for (const line of lines) {
          const one = parseNote(`${c.note!}${line}\n`);
          if (one && checkNoteSignature(one, w.key) === 'VERIFIED') this.deps.log.addCosignature(c.treeSize, c.rootHash, line);
        }
        s.size = c.treeSize;
        this.deps.logger?.info(where, 'checkpoint cosigned by witness');
        return 'done';
      }
      if (response.status === 422) {
        const reason = `witness ${w.key.name} refused the checkpoint of tree size ${c.treeSize} as inconsistent with what it saw before: ${text.trim()}`;
        this.deps.health.degrade(`witness:${w.key.name}`, reason);
        this.deps.logger?.error(where, reason);
        return 'done';
      }
      if (response.status >= 500) return 'retry';
      this.deps.logger?.warn({ ...where, status: response.status, reason: text.trim() }, 'witness refused the checkpoint (is this ledger configured on it?)');
      return 'done';
    }
    return 'retry';
  }
}
