import { describe, expect, it } from 'vitest';
import { isCalendarDate } from '../../../src/domain/primitives.ts';

/** The definition the digit-by-digit check must keep: the pattern, then a round trip through Date.UTC. */
function byDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

describe('isCalendarDate', () => {
  it('given every month and day number 00–39 of years around the leap rules, then it answers as the Date round trip does', () => {
    const years = [0, 4, 99, 100, 1600, 1700, 1900, 1999, 2000, 2018, 2019, 2020, 2023, 2024, 2100, 2400, 9999];
    for (const year of years) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 39; day++) {
          const s = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
          expect(isCalendarDate(s), s).toBe(byDate(s));
        }
      }
    }
  });

  it('given text that only looks like a date, then it is refused', () => {
    for (const s of ['2019-02-29', '2019-2-28', '2019-02-28 ', ' 2019-02-28', '2019-02-28\n', '2x19-03-02', '2019/03/02', '2019-0a-02', '２０１９-03-02', '2019-03-0', '', '20190302', '+2019-03-02']) {
      expect(isCalendarDate(s), JSON.stringify(s)).toBe(false);
    }
    expect(isCalendarDate('2020-02-29')).toBe(true);
  });
});
