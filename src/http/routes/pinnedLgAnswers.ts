import { z } from 'zod';
import { localGovernmentView } from '../../../projections/localGovernmentView.ts';
import { LocalGovernmentView } from '../../../projections/readModelSchemas.ts';
import type { LedgerReader } from '../../readModels/ledgerReader.ts';
import { WeightedLru } from '../../readModels/lru.ts';

/**
 * Answers of `GET /api/local-governments/:lgId?atPosition=N`, kept by what they depend on rather
 * than by N: the local government and the last event at or before N that concerns it and that its
 * view reads (LedgerReader.pinnedLocalGovernment). A position picked at random in a log of a million
 * events is rarely asked twice, but it falls between the same two such events of its local
 * government as many others (most of a local government's events are handover items, which the view
 * does not read). Every N there has the same answer but for its leading `atPosition`, so what is
 * kept is the serialized answer after it: a read is one indexed query and a concatenation, neither a
 * fold, a projection nor a serialization.
 *
 * A pinned answer never changes (the log up to N does not), so nothing kept is ever stale; the least
 * recently used are dropped past `maxChars` characters of kept text.
 */
export class PinnedLgAnswers {
  private readonly kept: WeightedLru<string, string>;

  constructor(
    private readonly reader: LedgerReader,
    maxChars = 32 * 2 ** 20,
  ) {
    this.kept = new WeightedLru(maxChars);
  }

  /**
   * The answer's JSON text, or undefined when the local government is not registered at that point.
   * `head`: the store's head as read for this request's ETag (httpCaching.ts), if it was.
   */
  async answer(lgId: string, atPosition: bigint, head?: { position: bigint | undefined }): Promise<string | undefined> {
    const { upTo, lastSeen } = await this.reader.pinnedLocalGovernment(lgId, atPosition, head);
    const lead = `{"atPosition":"${upTo}",`;
    const key = lastSeen === undefined ? undefined : `${lgId} ${lastSeen}`;
    const rest = key === undefined ? undefined : this.kept.get(key);
    if (rest !== undefined) return lead + rest;
    const view = localGovernmentView(await this.reader.localGovernment(lgId, { atPosition: upTo }, head), lgId);
    if (view === undefined) return undefined;
    // As the route's response schema would serialize it (fastify-type-provider-zod: encode, then stringify).
    const text = JSON.stringify(z.encode(LocalGovernmentView, view));
    if (key !== undefined && text.startsWith(lead)) {
      const rest = text.slice(lead.length);
      this.kept.set(key, rest, rest.length);
    }
    return text;
  }
}
