import type { Lang, Translate } from '../i18n/translate.ts';

/**
 * Rows by sector in the alphabetical order of the reader's language: Agricultura, Educación,
 * Transportes, Vivienda in Spanish, not the order of the English keys the API sorts by.
 */
export function inSectorOrder<T extends { sector: string }>(rows: readonly T[], t: Translate, lang: Lang): T[] {
  const collator = new Intl.Collator(lang === 'es' ? 'es-PE' : 'en-GB');
  const label = (s: string) => t(`sector.${s}` as Parameters<Translate>[0]);
  // "Otros" and "sin sector conocido" go last whatever their letters.
  const last = (s: string) => (s === 'other' || s === 'unknown' ? 1 : 0);
  return [...rows].sort((a, b) => last(a.sector) - last(b.sector) || collator.compare(label(a.sector), label(b.sector)));
}
