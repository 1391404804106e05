import { deserialize, serialize } from 'node:v8';

/**
 * How a row of a ListSpill (sqliteListSpill.ts) holds its run of elements. A run of plain objects of
 * one shape (a transition's handover items: the same keys, each key's values of one kind) is JSON by
 * column: the keys once, then each key's values in order. Measured on the live view's items: faster
 * to write than v8.serialize and smaller. Any other run (nested values, mixed shapes, -0, undefined…)
 * is v8.serialize, which every row was before; a body that is not columnar JSON is read that way, so
 * rows written before this encoding existed stay readable.
 *
 * Columnar: `{"k":[keys],"t":"kinds","v":[[values of key 0],…]}`, one kind per key: `s` string,
 * `f` number (finite, not -0), `b` boolean, `n` bigint written as a JSON number (a safe integer:
 * positions). Keys are the own enumerable string keys, as v8.serialize keeps them. v8.serialize
 * output always starts with 0xFF, never with `{`.
 */
export function encodeRun(elements: readonly unknown[]): Buffer {
  return columnar(elements) ?? serialize(elements);
}

export function decodeRun(body: Buffer): unknown[] {
  if (body[0] !== OPEN_BRACE) return deserialize(body) as unknown[];
  const { k: keys, t: kinds, v: columns } = JSON.parse(body.toString('utf8')) as Columnar;
  const count = columns[0]?.length ?? 0;
  for (let c = 0; c < keys.length; c++) if (kinds[c] === 'n') columns[c] = columns[c]!.map((n) => BigInt(n as number));
  const out = new Array<Record<string, unknown>>(count);
  for (let i = 0; i < count; i++) {
    const element: Record<string, unknown> = {};
    for (let c = 0; c < keys.length; c++) element[keys[c]!] = columns[c]![i];
    out[i] = element;
  }
  return out;
}

const OPEN_BRACE = 0x7b;
const S = 's'.charCodeAt(0);
const N = 'n'.charCodeAt(0);

interface Columnar {
  k: string[];
  t: string;
  v: unknown[][];
}

/** The columnar body of `elements`, or undefined when they are not a run of one plain shape it can hold exactly. */
function columnar(elements: readonly unknown[]): Buffer | undefined {
  const first = elements[0];
  if (!isPlainObject(first)) return undefined;
  const keys = Object.keys(first);
  // An object with no keys gives no column to count the run by; `__proto__` would not be set back as a key.
  if (keys.length === 0 || keys.includes('__proto__')) return undefined;
  let kinds = '';
  for (const key of keys) {
    const kind = kindOf(first[key]);
    if (kind === undefined) return undefined;
    kinds += kind;
  }
  const width = keys.length;
  const columns = keys.map(() => new Array<unknown>(elements.length));
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i];
    if (!isPlainObject(element)) return undefined;
    // Own enumerable string keys, in order (the prototype is Object.prototype, which has none): what
    // v8.serialize would keep of it, symbols aside as there.
    let c = 0;
    for (const key in element) {
      if (c === width || key !== keys[c]) return undefined;
      const value = element[key];
      const kind = kinds.charCodeAt(c);
      if (kind === S ? typeof value !== 'string' : kindOf(value) !== kinds[c]) return undefined;
      columns[c]![i] = kind === N ? Number(value as bigint) : value;
      c++;
    }
    if (c !== width) return undefined;
  }
  return Buffer.from(JSON.stringify({ k: keys, t: kinds, v: columns }), 'utf8');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
}

function kindOf(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return 's';
    case 'boolean':
      return 'b';
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0) ? 'f' : undefined;
    case 'bigint':
      return value >= MIN_SAFE && value <= MAX_SAFE ? 'n' : undefined;
    default:
      return undefined;
  }
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
