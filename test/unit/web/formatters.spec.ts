import { describe, expect, it } from 'vitest';
import { formattersFor } from '../../../src/web/format/formatters.ts';

describe('es-PE and English formatters', () => {
  const es = formattersFor('es');
  const en = formattersFor('en');

  it('given the demo total, then Spanish writes S/ 166 000 000,00 exactly', () => {
    expect(es.soles('166000000.00')).toBe('S/ 166 000 000,00');
    expect(en.soles('166000000.00')).toBe('S/ 166,000,000.00');
  });

  it('given amounts beyond 2^53 céntimos or with one decimal, then they stay exact', () => {
    expect(es.soles('999999999999999.99')).toBe('S/ 999 999 999 999 999,99');
    expect(es.soles('5187500.5')).toBe('S/ 5 187 500,50');
    expect(es.soles('0')).toBe('S/ 0,00');
    expect(es.soles('123.45')).toBe('S/ 123,45');
  });

  it('given something that is not a ledger amount, then it is shown as recorded', () => {
    expect(es.soles('abc')).toBe('abc');
  });

  it('given a day, then it is written in es-PE without shifting with the time zone', () => {
    expect(es.date('2018-12-31')).toBe('31 dic. 2018');
    expect(es.date('2019-01-02')).toBe('2 ene. 2019');
    expect(en.date('2019-01-02')).toBe('2 Jan 2019');
  });

  it('given an instant, then it is written in Lima time', () => {
    expect(es.instant('2019-01-02T04:30:00.000Z')).toContain('1 ene. 2019');
  });

  it('given integers, then they are grouped like money', () => {
    expect(es.integer(1234567)).toBe('1 234 567');
    expect(en.integer('1234567')).toBe('1,234,567');
    expect(es.integer(12n)).toBe('12');
  });
});
