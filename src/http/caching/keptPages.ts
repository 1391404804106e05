import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { encodeAnswer, type CachedAnswer } from './answerCache.ts';

/** The content type of every page, kept or sent directly. */
export const HTML = 'text/html; charset=utf-8';

/** A page as one render made it: its HTML, its status, and whether the next reader of its key may be sent it. */
export interface RenderedPage {
  html: string;
  status: number;
  /** False when the render cannot vouch for its key (the head moved while it ran). Only 200s are kept. */
  keep: boolean;
}

/** What a reader is sent: the page's status, and its bytes in the encoding asked for. */
export interface PageSent {
  status: number;
  answer: CachedAnswer;
}

/** One kept page: its bytes per encoding asked for (`br`, `gzip`, `identity`). */
interface Kept {
  variants: Map<string, CachedAnswer>;
  bytes: number;
}

/**
 * Pages that are the same for every reader of a key (an anonymous reader's page at one head, in one
 * language, at one URL), kept encoded as sent, the most recently used within `maxBytes`:
 * 1. a page kept in the encoding asked for is sent as those bytes, neither rendered nor compressed;
 * 2. kept in another encoding only, it is decoded and encoded anew, not rendered again;
 * 3. otherwise it is rendered once however many readers miss it at the same time (single-flight),
 *    and kept if the render says it may be.
 * A key names one page for ever (keys carry the head), so nothing is invalidated: an older head's
 * pages are never asked for again and age out.
 */
export class KeptPages {
  private readonly kept = new Map<string, Kept>();
  private readonly rendering = new Map<string, Promise<RenderedPage>>();
  private keptBytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** Bytes of the pages kept (their bodies and keys). */
  get bytes(): number {
    return this.keptBytes;
  }

  has(key: string, encoding: string): boolean {
    return this.kept.get(key)?.variants.has(encoding) ?? false;
  }

  async page(key: string, encoding: string, render: () => Promise<RenderedPage>): Promise<PageSent> {
    // 1. Kept in this encoding.
    const kept = this.use(key);
    const answer = kept?.variants.get(encoding);
    if (answer) return { status: 200, answer };
    // 2. Kept in another: decoded (byte for byte the page rendered) and encoded for this reader.
    if (kept) return { status: 200, answer: this.add(key, encoding, decoded(kept.variants.values().next().value!)) };
    // 3. Rendered once for all who ask while it renders.
    let flight = this.rendering.get(key);
    if (!flight) {
      flight = render();
      this.rendering.set(key, flight);
      const done = () => this.rendering.delete(key);
      flight.then(done, done);
    }
    const page = await flight;
    if (page.status !== 200 || !page.keep) return { status: page.status, answer: encodeAnswer(page.html, HTML, encoding) };
    // Another reader of the same flight may have kept it in this encoding already.
    return { status: 200, answer: this.use(key)?.variants.get(encoding) ?? this.add(key, encoding, page.html) };
  }

  /** The kept page of `key`, now the most recently used. */
  private use(key: string): Kept | undefined {
    const kept = this.kept.get(key);
    if (kept === undefined) return undefined;
    // Re-inserted, so that the Map's insertion order is the order of use.
    this.kept.delete(key);
    this.kept.set(key, kept);
    return kept;
  }

  /** Encodes `html` for `encoding` and keeps it, dropping the least recently used pages past the budget. */
  private add(key: string, encoding: string, html: string): CachedAnswer {
    const answer = encodeAnswer(html, HTML, encoding);
    const size = answer.body.length + key.length;
    if (size > this.maxBytes) return answer;
    const kept = this.use(key) ?? { variants: new Map<string, CachedAnswer>(), bytes: 0 };
    const already = kept.variants.get(encoding);
    if (already) return already;
    this.kept.set(key, kept);
    kept.variants.set(encoding, answer);
    kept.bytes += size;
    this.keptBytes += size;
    for (const [oldest, old] of this.kept) {
      if (this.keptBytes <= this.maxBytes) break;
      this.kept.delete(oldest);
      this.keptBytes -= old.bytes;
    }
    return answer;
  }
}

function decoded(answer: CachedAnswer): string {
  const bytes = answer.encoding === 'br' ? brotliDecompressSync(answer.body) : answer.encoding === 'gzip' ? gunzipSync(answer.body) : answer.body;
  return bytes.toString('utf8');
}
