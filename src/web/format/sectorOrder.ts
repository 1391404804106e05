import type { Lang, Translate } from '../i18n/translate.ts';

/** Built once per language: an Intl.Collator costs more to create than a page's sorting. */
const COLLATORS: Record<Lang, Intl.Collator> = { es: new Intl.Collator('es-PE'), en: new Intl.Collator('en-GB') };

/**
 * Rows by sector in the alphabetical order of the reader's language: Agricultura, Educación,
 * Transportes, Vivienda in Spanish, not the order of the English keys the API sorts by.
 */
export function inSectorOrder<T extends { sector: string }>(rows: readonly T[], t: Translate, lang: Lang): T[] {
  const collator = COLLATORS[lang];
  const label = (s: string) => t(`sector.${s}` as Parameters<Translate>[0]);
  // "Otros" and "sin sector conocido" go last whatever their letters.
  const last = (s: string) => (s === 'other' || s === 'unknown' ? 1 : 0);
  return [...rows].sort((a, b) => last(a.sector) - last(b.sector) || collator.compare(label(a.sector), label(b.sector)));
}
