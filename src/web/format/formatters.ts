import type { Lang } from '../i18n/translate.ts';

/**
 * How the web app writes money, numbers and dates for each language.
 *
 * Money is formatted from the ledger's decimal strings, never through a float, so
 * `166000000.00` is exact at any scale. Spanish follows the es-PE form `S/ 166 000 000,00`:
 * Node's ICU (78) prints es-PE currency as `S/ 166,000,000.00`, so we group with a space and use a
 * decimal comma ourselves (the form of the Peruvian standard NTP-ISO 80000-1 and of SUNAT's forms).
 * The space is a plain U+0020 so the text is exactly what the issue shows; CSS keeps amounts on one
 * line (`.money { white-space: nowrap }`).
 */
export interface Formatters {
  /** `S/ 166 000 000,00` (es) or `S/ 166,000,000.00` (en), from a decimal string. */
  soles(amount: string): string;
  /** An integer with the language's grouping. */
  integer(n: number | bigint | string): string;
  /** A `YYYY-MM-DD` day, e.g. `31 dic. 2018`; the day never shifts with a time zone. */
  date(isoDate: string): string;
  /** An ISO 8601 instant in Lima time, e.g. `2 ene. 2019, 10:15`. */
  instant(iso: string): string;
  /** A `YYYY-MM-DD` day written out, as in a signed document: `27 de diciembre de 2018`. */
  longDate(isoDate: string): string;
  /** An ISO 8601 instant in Lima time, written out: `1 de diciembre de 2026, 12:36`. */
  longInstant(iso: string): string;
}

const SEPARATORS: Record<Lang, { group: string; decimal: string }> = {
  es: { group: ' ', decimal: ',' },
  en: { group: ',', decimal: '.' },
};

const LOCALES: Record<Lang, string> = { es: 'es-PE', en: 'en-GB' };

/** Days kept written per language (about 27 years of distinct days), so the memo stays small. */
const DAYS_KEPT = 10_000;

function group(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** Formatters for `lang`. Intl objects are built once per language, as they are costly to create. */
export function formattersFor(lang: Lang): Formatters {
  return CACHE[lang];
}

function build(lang: Lang): Formatters {
  const { group: sep, decimal } = SEPARATORS[lang];
  const dateFormat = new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'medium', timeZone: 'UTC' });
  const instantFormat = new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'medium', timeStyle: 'short', timeZone: 'America/Lima' });
  const longDateFormat = new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeZone: 'UTC' });
  const longInstantFormat = new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeStyle: 'short', timeZone: 'America/Lima' });
  const day = (isoDate: string, format: Intl.DateTimeFormat) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
    return m ? format.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))) : isoDate;
  };
  // A page shows the same few days many times (a plan's lineage, its allocations): each written once.
  const days = new Map<string, string>();
  const date = (isoDate: string) => {
    let written = days.get(isoDate);
    if (written === undefined) {
      if (days.size >= DAYS_KEPT) days.clear();
      days.set(isoDate, (written = day(isoDate, dateFormat)));
    }
    return written;
  };
  return {
    soles(amount) {
      const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(amount);
      if (!m) return amount; // not a ledger amount: show it as recorded rather than guess
      const [, sign, units, cents = ''] = m;
      return `${sign}S/ ${group(units!, sep)}${decimal}${cents.padEnd(2, '0')}`;
    },
    integer: (n) => {
      const s = String(n);
      return /^-?\d+$/.test(s) ? s.replace(/\d+/, (d) => group(d, sep)) : s;
    },
    date,
    longDate: (isoDate) => day(isoDate, longDateFormat),
    instant(iso) {
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : instantFormat.format(d);
    },
    longInstant(iso) {
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : longInstantFormat.format(d);
    },
  };
}

const CACHE: Record<Lang, Formatters> = { es: build('es'), en: build('en') };
