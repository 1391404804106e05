import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCentimos, toCentimos } from '../../../src/domain/money.ts';

describe('money', () => {
  it('given any amount the schema admits (up to 15 integer digits, two decimals), when read in céntimos and formatted, then it is exact', () => {
    const amount = fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }), fc.constantFrom('', '.', '.d', '.dd'), fc.nat(99)).map(([units, shape, cents]) => {
      const dd = String(cents).padStart(2, '0');
      return shape === '' ? `${units}` : shape === '.d' ? `${units}.${dd[0]}` : shape === '.dd' ? `${units}.${dd}` : `${units}.${dd}`;
    });
    fc.assert(
      fc.property(amount, (a) => {
        const [units, decimals = ''] = a.split('.');
        expect(toCentimos(a)).toBe(BigInt(units!) * 100n + BigInt((decimals + '00').slice(0, 2)));
        expect(toCentimos(formatCentimos(toCentimos(a)))).toBe(toCentimos(a));
      }),
      { numRuns: 2_000 },
    );
  });

  it('given amounts at the edges of the exact fast path, then the céntimos are exact', () => {
    expect(toCentimos('99999999999.99')).toBe(9_999_999_999_999n);
    expect(toCentimos('999999999999.99')).toBe(99_999_999_999_999n);
    expect(toCentimos('999999999999999.99')).toBe(99_999_999_999_999_999n);
    expect(toCentimos('0')).toBe(0n);
    expect(toCentimos('5.5')).toBe(550n);
    expect(toCentimos('1.234')).toBe(123n);
  });
});
