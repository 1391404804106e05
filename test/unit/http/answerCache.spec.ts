import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AnswerCache, COMPRESS_THRESHOLD, encodeAnswer } from '../../../src/http/caching/answerCache.ts';

const JSON_TYPE = 'application/json; charset=utf-8';
const answer = (bytes: number) => ({ body: Buffer.alloc(bytes), contentType: JSON_TYPE, encoding: 'identity' });

describe('kept answers', () => {
  it('given answers past the byte budget, when one more is kept, then the least recently used go first', () => {
    const cache = new AnswerCache(300);
    cache.set('a', answer(100));
    cache.set('b', answer(100));
    cache.set('c', answer(100));
    expect(cache.get('a')).toBeDefined(); // now the most recently used
    cache.set('d', answer(100));
    expect(cache.get('b')).toBeUndefined();
    expect(['a', 'c', 'd'].map((k) => cache.get(k) !== undefined)).toEqual([true, true, true]);
  });

  it('given an answer larger than the whole budget, then it is not kept and nothing is dropped for it', () => {
    const cache = new AnswerCache(300);
    cache.set('a', answer(100));
    cache.set('huge', answer(301));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
  });

  it('given a payload, when it is encoded, then it decodes to itself, and one under the threshold stays identity', () => {
    const json = JSON.stringify({ localGovernments: Array.from({ length: 200 }, (_, i) => ({ lgId: String(100000 + i), name: `Municipalidad Distrital ${i}` })) });
    const br = encodeAnswer(json, JSON_TYPE, 'br');
    const gzip = encodeAnswer(Buffer.from(json), JSON_TYPE, 'gzip');
    expect([br.encoding, gzip.encoding]).toEqual(['br', 'gzip']);
    expect(brotliDecompressSync(br.body).toString('utf8')).toBe(json);
    expect(gunzipSync(gzip.body).toString('utf8')).toBe(json);
    expect(br.body.length).toBeLessThan(json.length / 5);
    const small = encodeAnswer('x'.repeat(COMPRESS_THRESHOLD - 1), JSON_TYPE, 'br');
    expect(small.encoding).toBe('identity');
    expect(small.body.toString('utf8')).toBe('x'.repeat(COMPRESS_THRESHOLD - 1));
  });
});
