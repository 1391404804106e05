import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { WeightedLru } from '../../readModels/lru.ts';

/** What a client is sent for one (head, URL, encoding): the encoded bytes and how to label them. */
export interface CachedAnswer {
  body: Buffer;
  contentType: string;
  /** `br`, `gzip`, or `identity` for an answer too small to be worth compressing. */
  encoding: string;
}

/** The content type of every JSON answer the API sends itself (fastify's own default carries the same). */
export const JSON_TYPE = 'application/json; charset=utf-8';

/** Below this, compression saves less than it costs (the same threshold @fastify/compress is given). */
export const COMPRESS_THRESHOLD = 1024;

/**
 * Brotli at quality 4: for ledger JSON and HTML it compresses within a few percent of 5–11 (the list
 * of 1,900 local governments: 656 KiB to 9.4 KiB at 4, 9.6 KiB at 5), at a fraction of the CPU.
 */
export const BROTLI_QUALITY = 4;

/**
 * Brotli for an answer encoded for one request only (not kept): quality 1. On a pinned answer of one
 * local government (1.3 KiB of JSON) it measured 15–41 µs against 37–75 µs at 4, for 576 bytes
 * against 522.
 */
export const UNKEPT_BROTLI_QUALITY = 1;

/** Encodes `payload` as `encoding` (one @fastify/compress would also choose); small payloads stay as they are. */
export function encodeAnswer(payload: string | Buffer, contentType: string, encoding: string, brotliQuality = BROTLI_QUALITY): CachedAnswer {
  const bytes = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  if (bytes.length < COMPRESS_THRESHOLD || encoding === 'identity') return { body: bytes, contentType, encoding: 'identity' };
  const body = encoding === 'br' ? brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: brotliQuality, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }) : gzipSync(bytes);
  return { body, contentType, encoding };
}

/**
 * Encoded answers by key (the ETag's version, the URL and the encoding), the most recently used
 * kept up to `maxBytes` of bodies. A key names one answer for ever: a key of an older head is never
 * asked for again and simply ages out.
 */
export class AnswerCache {
  private readonly entries: WeightedLru<string, CachedAnswer>;

  constructor(maxBytes: number) {
    this.entries = new WeightedLru(maxBytes);
  }

  get(key: string): CachedAnswer | undefined {
    return this.entries.get(key);
  }

  set(key: string, answer: CachedAnswer): void {
    this.entries.set(key, answer, answer.body.length);
  }
}
