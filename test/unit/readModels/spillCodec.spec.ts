import fc from 'fast-check';
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { evolveLedgerView, initialLedgerView } from '../../../projections/ledgerView.ts';
import { decodeRun, encodeRun } from '../../../src/readModels/spillCodec.ts';
import { syntheticLedger } from '../../../bench/synthetic.ts';
import { storedEvents } from '../../support/storedEvents.ts';

/** Data as a string that tells apart what deep equality may not: key order, each value's type, -0, a Date. */
function exactly(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(exactly).join(',')}]`;
  if (value instanceof Date) return `Date(${value.getTime()})`;
  if (value !== null && typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${exactly(v)}`).join(',')}}`;
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : `f${value}`;
  if (typeof value === 'bigint') return `n${value}`;
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}
function same(actual: readonly unknown[], expected: readonly unknown[]): void {
  expect(exactly(actual)).toBe(exactly(expected));
}

const COLUMNAR = 0x7b;
const V8 = 0xff;

describe('spillCodec: the encoding of a spilled run of list elements', () => {
  it('given the handover items a fold of the benchmark ledger holds, when encoded and decoded, then they are the same items, and columnar, and smaller than v8.serialize', () => {
    const view = storedEvents([...syntheticLedger(6_000)].flatMap((b) => b.events)).reduce(evolveLedgerView, initialLedgerView());
    const items = [...view.transitions.values()].flatMap((t) => t.items.toArray());
    expect(items.length).toBeGreaterThan(100);
    const body = encodeRun(items);
    expect(body[0]).toBe(COLUMNAR);
    expect(body.length).toBeLessThan(serialize(items).length);
    same(decodeRun(body), items);
    expect(typeof (decodeRun(body)[0] as { position: unknown }).position).toBe('bigint');
  });

  it.each([
    ['keys in another order', [{ a: 1, b: 'x' }, { b: 'y', a: 2 }]],
    ['a key more', [{ a: 1 }, { a: 2, b: 3 }]],
    ['a key less', [{ a: 1, b: 3 }, { a: 2 }]],
    ['a value of another kind', [{ a: 1 }, { a: '1' }]],
    ['a nested value', [{ a: 1, b: ['x'] }]],
    ['an undefined value', [{ a: undefined }]],
    ['null', [{ a: null }]],
    ['-0', [{ a: 1 }, { a: -0 }]],
    ['NaN', [{ a: Number.NaN }]],
    ['a bigint past 2^53', [{ position: 1n }, { position: 2n ** 60n }]],
    ['an object of no keys', [{}, {}]],
    ['a key __proto__', [JSON.parse('{"__proto__":"x","a":1}')]],
    ['a Date', [new Date(0)]],
    ['numbers', [1, 2, 3]],
    ['strings', ['a', 'b']],
    ['objects and a number', [{ a: 1 }, 2]],
  ] as Array<[string, unknown[]]>)('given a run with %s, when encoded and decoded, then it is the same run, in the v8 form', (_name, run) => {
    const body = encodeRun(run);
    expect(body[0]).toBe(V8);
    same(decodeRun(body), run);
  });

  it('given runs of one shape with every kind of column, when encoded and decoded, then they are the same run', () => {
    const run = [{ s: 'é\u{1F600}\ud800"\\\n', f: 1.5, b: true, n: -(2n ** 53n - 1n), i: 0 }, { s: '', f: -1e300, b: false, n: 2n ** 53n - 1n, i: 7 }];
    expect(encodeRun(run)[0]).toBe(COLUMNAR);
    same(decodeRun(encodeRun(run)), run);
  });

  it('given any run of plain data, when encoded and decoded, then it is the same run', () => {
    const value = fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.bigInt(), fc.constant(undefined), fc.constant(null));
    const shape = fc.uniqueArray(fc.constantFrom('position', 'a', 'b', 'c', '0', '__proto__x'), { minLength: 0, maxLength: 4 });
    const run = fc.oneof(
      fc.array(fc.dictionary(fc.constantFrom('a', 'b', 'c'), value), { maxLength: 8 }),
      shape.chain((keys) => fc.array(fc.tuple(...keys.map(() => fc.oneof(fc.string(), fc.integer(), fc.bigInt({ min: -(2n ** 53n), max: 2n ** 53n })))).map((vs) => Object.fromEntries(keys.map((k, i) => [k, vs[i]]))), { maxLength: 8 })),
      fc.array(value, { maxLength: 8 }),
    );
    fc.assert(fc.property(run, (elements) => same(decodeRun(encodeRun(elements)), elements)), { numRuns: 2000 });
  });

  it('given a row written before the columnar form (v8.serialize), when decoded, then it reads as it did', () => {
    const items = [{ position: 7n, itemId: 'i-1', category: 'document' }, { position: 8n, itemId: 'i-2', category: 'asset' }];
    same(decodeRun(serialize(items)), items);
  });
});
