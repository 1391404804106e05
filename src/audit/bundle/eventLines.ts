import { createReadStream } from 'node:fs';

/** One line of events.jsonl, or why its bytes cannot be a line. */
export type EventLine =
  | { lineNo: number; text: string }
  | { lineNo: number; error: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The lines of events.jsonl, read as bytes so nothing is repaired on the way: a line that is not
 * well-formed UTF-8 is an error (a text decoder would silently put U+FFFD in its place), and so is
 * a last line without its final newline (a cut file), or a carriage return. An empty file has no
 * lines. Throws only when the file itself cannot be read.
 */
export async function* readEventLines(path: string): AsyncGenerator<EventLine> {
  let pending: Buffer[] = [];
  let lineNo = 0;
  const decode = (bytes: Buffer): EventLine => {
    lineNo++;
    try {
      const text = utf8.decode(bytes);
      if (text.includes('\r')) return { lineNo, error: 'line contains a carriage return (lines end in \\n alone)' };
      return { lineNo, text };
    } catch {
      return { lineNo, error: 'line is not well-formed UTF-8' };
    }
  };
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let i = chunk.indexOf(0x0a); i >= 0; i = chunk.indexOf(0x0a, start)) {
      pending.push(chunk.subarray(start, i));
      yield decode(Buffer.concat(pending));
      pending = [];
      start = i + 1;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  }
  if (pending.length > 0) {
    const last = decode(Buffer.concat(pending));
    yield 'error' in last ? last : { lineNo: last.lineNo, error: 'the last line does not end in a newline (the file was cut)' };
  }
}

/** True when every string and key in the value is well-formed UTF-16 (no lone surrogate, escaped or not). */
export function isWellFormedValue(value: unknown): boolean {
  if (typeof value === 'string') return !LONE_SURROGATE.test(value);
  if (Array.isArray(value)) return value.every(isWellFormedValue);
  if (typeof value === 'object' && value !== null) return Object.entries(value).every(([k, v]) => !LONE_SURROGATE.test(k) && isWellFormedValue(v));
  return true;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
