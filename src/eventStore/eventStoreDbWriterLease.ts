import { BACKWARDS, END, NO_STREAM, jsonEvent, type Credentials, type EventStoreDBClient } from '@eventstore/db-client';
import { StoreUnavailableError } from '../errors/storeUnavailableError.ts';
import { isStreamNotFound, isWrongExpectedVersion, translateClientError } from './eventStoreDbMapping.ts';

/**
 * The single-writer lease of the ledger on EventStoreDB. A rule may span streams (a term's end and
 * that term's inheritance decision), but the client conditions an append on one stream only, so
 * two writing processes could both pass a rule that only one may. One process at a time holds this
 * lease, and every ledger append first checks that it still does.
 *
 * The lease is a stream (outside the ledger's pattern, so it is not hashed or audited) appended to
 * with an expected revision: acquiring appends `WriterLeaseAcquired` after the last lease event,
 * renewing appends `WriterLeaseRenewed` after our own last one. A writer that was taken over fails
 * its next renewal and its next append's check (the stream's head is no longer ours), and stops.
 *
 * What remains (EventStoreDB 24.10 and client 6.2 have no append conditioned on two streams): the
 * check and the ledger append are two calls. A new writer may take over only once our lease has
 * expired by its clock, and we stop appending `marginMs` before expiry by ours; so a stale append
 * can still land only if this process pauses between check and commit for longer than the margin
 * plus the clock skew between the two hosts.
 */
export interface WriterLeaseOptions {
  /** Who holds it: unique per process (e.g. host name and a random id). */
  holder: string;
  /** How long an acquisition or renewal holds. Default 15 000 ms. */
  ttlMs?: number;
  /** Appends stop this long before the lease expires by the local clock. Default a third of ttlMs. */
  marginMs?: number;
  /** Renew this often once held; 0 disables the timer (renew() by hand). Default a third of ttlMs. */
  renewEveryMs?: number;
  /** The lease stream. Default `ledger-writer-lease`. */
  stream?: string;
  now?: () => Date;
  /** Told when the lease is gained or lost, with why. */
  onChange?: (held: boolean, reason: string) => void;
  /** Passed with every lease append (appendCallOptions in eventStoreDbConnection.ts). */
  appendCallOptions?: { credentials?: Credentials };
}

export const WRITER_LEASE_STREAM = 'ledger-writer-lease';

interface LeaseRecord {
  revision: bigint;
  type: string;
  holder: string;
  term: number;
  heldUntil: number;
}

export class EventStoreDbWriterLease {
  private readonly ttlMs: number;
  private readonly marginMs: number;
  private readonly stream: string;
  private readonly now: () => Date;
  private held: { revision: bigint; term: number; heldUntil: number } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: WriterLeaseOptions,
  ) {
    this.ttlMs = options.ttlMs ?? 15_000;
    this.marginMs = options.marginMs ?? Math.floor(this.ttlMs / 3);
    this.stream = options.stream ?? WRITER_LEASE_STREAM;
    this.now = options.now ?? (() => new Date());
  }

  get isHeld(): boolean {
    return this.held !== undefined;
  }

  /** Takes the lease unless another holder's is still live. Throws STORE_UNAVAILABLE (with when to retry) if it is. */
  async acquire(): Promise<void> {
    const head = await this.readHead();
    const now = this.now().getTime();
    if (head && head.holder !== this.options.holder && head.type !== 'WriterLeaseReleased' && head.heldUntil > now) {
      throw new StoreUnavailableError(
        `Another writer (${head.holder}) holds the ledger's writer lease until ${new Date(head.heldUntil).toISOString()}; this process does not write`,
        Math.max(1, Math.ceil((head.heldUntil - now) / 1000)),
      );
    }
    const term = (head?.term ?? 0) + 1;
    const revision = await this.append('WriterLeaseAcquired', term, head ? head.revision : NO_STREAM);
    if (revision === undefined) throw new StoreUnavailableError('Another writer took the ledger\'s writer lease first; this process does not write', 1);
    this.held = { revision, term, heldUntil: now + this.ttlMs };
    this.options.onChange?.(true, `writer lease term ${term} acquired by ${this.options.holder}`);
    this.scheduleRenewal();
  }

  /** Extends the lease; loses it if anyone appended to the lease stream since our last lease event. */
  async renew(): Promise<void> {
    const held = this.held;
    if (!held) return;
    const now = this.now().getTime();
    const revision = await this.append('WriterLeaseRenewed', held.term, held.revision);
    if (revision === undefined) return this.lose('the writer lease was taken over (its stream moved on)');
    this.held = { revision, term: held.term, heldUntil: now + this.ttlMs };
  }

  /**
   * Before every ledger append: holds the lease (acquiring it on first use), far enough from its
   * expiry, and the lease stream's head is still our own last lease event. Throws STORE_UNAVAILABLE otherwise.
   */
  async assertHeld(): Promise<void> {
    if (this.closed) throw new StoreUnavailableError('The writer lease is released', 1);
    if (!this.held) await this.acquire();
    if (this.now().getTime() >= this.held!.heldUntil - this.marginMs) await this.renew();
    const held = this.held;
    if (!held || this.now().getTime() >= held.heldUntil - this.marginMs) {
      throw new StoreUnavailableError('This process could not renew the ledger\'s writer lease in time; it does not write until it holds it again', 1);
    }
    const head = await this.readHead();
    if (head?.revision !== held.revision) {
      this.lose(`the writer lease was taken over by ${head?.holder ?? 'nobody'}`);
      throw new StoreUnavailableError(`The ledger's writer lease was taken over by ${head?.holder ?? 'another process'}; this process does not write`, 1);
    }
  }

  /** Gives the lease up (on a graceful stop), so the next writer need not wait for it to expire. */
  async release(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    const held = this.held;
    this.held = undefined;
    if (held) await this.append('WriterLeaseReleased', held.term, held.revision).catch(() => undefined);
  }

  private lose(reason: string): void {
    if (!this.held) return;
    this.held = undefined;
    clearInterval(this.timer);
    this.options.onChange?.(false, reason);
  }

  private scheduleRenewal(): void {
    const every = this.options.renewEveryMs ?? Math.floor(this.ttlMs / 3);
    if (every <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.renew().catch(() => undefined), every);
    this.timer.unref();
  }

  /** Appends one lease event expecting `expected`; undefined when the stream moved on (someone else wrote). */
  private async append(type: string, term: number, expected: bigint | typeof NO_STREAM): Promise<bigint | undefined> {
    const heldUntil = new Date(this.now().getTime() + this.ttlMs).toISOString();
    try {
      const result = await this.client.appendToStream(this.stream, jsonEvent({ type, data: { holder: this.options.holder, term, heldUntil } }), { expectedRevision: expected, ...this.options.appendCallOptions });
      return result.nextExpectedRevision;
    } catch (error) {
      if (isWrongExpectedVersion(error)) return undefined;
      throw translateClientError(error, { stream: this.stream });
    }
  }

  private async readHead(): Promise<LeaseRecord | undefined> {
    try {
      for await (const resolved of this.client.readStream(this.stream, { fromRevision: END, direction: BACKWARDS, maxCount: 1, requiresLeader: true })) {
        const event = resolved.event;
        if (!event) continue;
        const data = event.data as { holder?: unknown; term?: unknown; heldUntil?: unknown };
        return { revision: event.revision, type: event.type, holder: String(data.holder), term: Number(data.term) || 0, heldUntil: Date.parse(String(data.heldUntil)) || 0 };
      }
    } catch (error) {
      if (isStreamNotFound(error)) return undefined;
      throw translateClientError(error, { stream: this.stream });
    }
    return undefined;
  }
}
