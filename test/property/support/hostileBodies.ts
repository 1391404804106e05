import fc from 'fast-check';

/**
 * Request bodies no ledger should accept, each as the raw bytes sent: wrong types, huge numbers,
 * prototype-pollution keys, deep nesting, invalid UTF-8, scripts where only identifiers belong,
 * oversized strings and arrays. Every one is invalid by construction, so every answer must be 4xx.
 */
const SCRIPTS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'; DROP TABLE events; --", '${process.exit(1)}', '{{constructor.constructor("x")()}}'];

const valid = {
  HandoverItemRecorded: { transitionId: 'tr-080707-2022', itemId: 'fuzz-item', category: 'document', description: 'Acta', recordedOn: '2022-11-20' },
  BudgetAllocated: {
    allocationId: 'fuzz-alloc', lgId: '080707', fiscalYear: 2019, projectId: 'proy-2018-agr-03', planId: 'pdlc-080707-2017-2021',
    process: 'participatory', amount: '1000.00', currency: 'PEN', allocatedOn: '2019-03-08',
  },
  LocalGovernmentRegistered: { lgId: '080799', name: 'Municipalidad', level: 'district', province: 'Chumbivilcas', department: 'Cusco' },
} as const;
type Template = keyof typeof valid;

/** Values wrong for any field of the templates (all of which are strings or small integers). */
const wrongValue = fc.oneof(
  fc.constantFrom(null, true, false, [], {}, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -0, 0.1, 123456789012345678901234567890),
  fc.constantFrom(...SCRIPTS.map((s) => ({ [s]: s }))),
  fc.array(fc.integer(), { minLength: 1, maxLength: 5 }),
);

/**
 * Strings wrong for every non-text field of the templates: each breaks the id pattern (a leading
 * dot or dash, a space, `<`, `/`, a quote, a control character, or over 64 characters), so it is
 * also no date, amount, enum value or ubigeo.
 */
const wrongString = fc.oneof(
  fc.constantFrom(...SCRIPTS),
  fc.constantFrom('', ' ', 'a b', '../../etc/passwd', '-1.00', '.5', '2019-02-29 ', ' 2019-03-01', '1 000.00', '0,50', 'x'.repeat(65), '9'.repeat(400)),
  fc.string({ minLength: 1, maxLength: 8 }).map((s) => `\u0000${s}`),
  fc.string({ minLength: 1, maxLength: 8 }).map((s) => `${s}\u0007\u001b[31m`),
);

/** Wrong for date fields specifically: shaped like dates, but not real calendar days. */
const wrongDate = fc.constantFrom('2019-02-29', '2019-13-01', '2019-00-10', '2019-04-31', '19-01-01', '2019-1-1', '2019/01/01', '+02019-01-01');

/** Wrong for amounts specifically: floats, signs, exponents, too many digits or decimals. */
const wrongAmount = fc.constantFrom('1e3', '0.001', '1.005', '-1.00', '9999999999999999.00', 'NaN', 'Infinity', '0.00', '01.00', '.50');

/** Free text that breaks the text rules: control characters, or too long. */
const wrongText = fc.oneof(
  fc.constantFrom('line1\nline2', 'tab\there', '\u0085next', '\u007f', ' '.repeat(10)),
  fc.integer({ min: 4001, max: 6000 }).map((n) => 'ñ'.repeat(n)),
);

const TEXT_FIELDS = new Set(['description', 'name', 'province', 'department']);

/** A valid event with one field made wrong (or removed, or a stray key added). */
const mutatedEvent = fc
  .record({
    template: fc.constantFrom(...(Object.keys(valid) as Template[])),
    field: fc.nat(),
    how: fc.constantFrom('value', 'string', 'remove', 'extraKey', 'badType'),
    value: wrongValue,
    str: wrongString,
    text: wrongText,
    key: fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', ...SCRIPTS),
    date: fc.oneof(wrongDate, wrongString),
    amountStr: fc.oneof(wrongAmount, wrongString),
  })
  .map(({ template, field, how, value, str, text, key, date, amountStr }) => {
    const data: Record<string, unknown> = { ...valid[template] };
    const keys = Object.keys(data);
    const name = keys[field % keys.length]!;
    if (how === 'value') data[name] = value;
    if (how === 'string') {
      if (TEXT_FIELDS.has(name)) data[name] = text;
      else if (name.endsWith('On')) data[name] = date;
      else if (name === 'amount') data[name] = amountStr;
      else data[name] = str;
    }
    if (how === 'remove') delete data[name];
    if (how === 'extraKey') return `{"type":"${template}","data":${JSON.stringify(data).slice(0, -1)},${JSON.stringify(key)}:${JSON.stringify(value)}}}`;
    return JSON.stringify({ type: how === 'badType' ? str : template, data });
  });

const deepNesting = fc.integer({ min: 50, max: 20_000 }).map((depth) => `{"type":"HandoverItemRecorded","data":${'['.repeat(depth)}${']'.repeat(depth)}}`);
const deepObject = fc.integer({ min: 50, max: 5_000 }).map((depth) => `{"type":"PlanDrafted","data":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`);

const pollution = fc.constantFrom(
  '{"__proto__":{"polluted":true},"type":"HandoverItemRecorded","data":{}}',
  `{"type":"HandoverItemRecorded","data":{"__proto__":{"isAdmin":true},${JSON.stringify(valid.HandoverItemRecorded).slice(1)}}`,
  '{"constructor":{"prototype":{"polluted":true}},"type":"X","data":{}}',
  `{"events":[{"type":"HandoverItemRecorded","data":${JSON.stringify(valid.HandoverItemRecorded)},"__proto__":{"x":1}}]}`,
);

const hugeArrays = fc.oneof(
  fc.integer({ min: 501, max: 1200 }).map((n) => JSON.stringify({ events: Array.from({ length: n }, () => ({ type: 'HandoverItemRecorded', data: valid.HandoverItemRecorded })) })),
  fc.integer({ min: 201, max: 3000 }).map((n) =>
    JSON.stringify({ type: 'HandoverActSigned', data: { transitionId: 'tr-080707-2022', signatories: Array.from({ length: n }, (_, i) => `Firmante ${i}`), signedOn: '2018-12-28' } }),
  ),
  fc.constant(JSON.stringify({ events: [] })),
  fc.integer({ min: 1_100_000, max: 1_500_000 }).map((n) => JSON.stringify({ type: 'HandoverItemRecorded', data: { ...valid.HandoverItemRecorded, description: 'x'.repeat(n) } })),
);

const wrongShapes = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'),
  fc.constantFrom('', '{', '{"type":', 'null', '[]', '"string"', '1e999999', '{"type":"HandoverItemRecorded","data":{}} trailing', '\uFEFF{}', 'NaN'),
  fc.record({ expectedRevision: fc.oneof(fc.constantFrom(-1, 1.5, 'latest', '99999999999999999999', 1e300, null)) }).map((r) =>
    JSON.stringify({ type: 'HandoverItemRecorded', data: valid.HandoverItemRecorded, ...r }),
  ),
  fc.uuid().map((id) => JSON.stringify({ id: `${id}x`, type: 'HandoverItemRecorded', data: valid.HandoverItemRecorded })),
);

/** Invalid UTF-8 sequences and stray bytes, spliced into an otherwise valid body. */
const invalidUtf8 = fc
  .record({
    bytes: fc.constantFrom([0xff], [0xfe, 0xff], [0xc3], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xc0, 0xaf], [0x80]),
    where: fc.constantFrom('itemId', 'transitionId', 'recordedOn', 'category', 'description'),
  })
  .map(({ bytes, where }) => {
    const text = JSON.stringify({ type: 'HandoverItemRecorded', data: valid.HandoverItemRecorded });
    const at = text.indexOf(`"${where}":"`) + where.length + 4;
    return Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from(bytes), Buffer.from(text.slice(at))]);
  });

export interface HostileBody {
  kind: string;
  payload: string | Buffer;
  contentType?: string;
}

export const hostileBody: fc.Arbitrary<HostileBody> = fc.oneof(
  { weight: 10, arbitrary: mutatedEvent.map((payload) => ({ kind: 'mutated event', payload })) },
  { weight: 4, arbitrary: wrongShapes.map((payload) => ({ kind: 'wrong shape', payload })) },
  { weight: 2, arbitrary: pollution.map((payload) => ({ kind: 'prototype pollution', payload })) },
  { weight: 1, arbitrary: deepNesting.map((payload) => ({ kind: 'deep nesting', payload })) },
  { weight: 1, arbitrary: deepObject.map((payload) => ({ kind: 'deep nesting', payload })) },
  { weight: 2, arbitrary: invalidUtf8.map((payload) => ({ kind: 'invalid UTF-8', payload })) },
  { weight: 1, arbitrary: hugeArrays.map((payload) => ({ kind: 'huge', payload })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x').map((contentType) => ({
      kind: 'wrong content type',
      payload: JSON.stringify({ type: 'HandoverItemRecorded', data: valid.HandoverItemRecorded }),
      contentType,
    })),
  },
);

export const VALID_ITEM = valid.HandoverItemRecorded;
