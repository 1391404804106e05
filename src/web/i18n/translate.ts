import { en } from './en.ts';
import { es, type MessageKey } from './es.ts';

/** Languages of the web app; Spanish is the default. */
export const LANGS = ['es', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'es';

export const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { es, en };

export type { MessageKey };

/** Looks a message up and fills its `{placeholders}`. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(es, key);
}

/**
 * The translator for `lang`. Templates also build keys from data (`sector.` + a sector); an unknown
 * one is shown as the key itself, never as an empty string, so a gap is visible instead of silent.
 */
export function translator(lang: Lang): Translate {
  const catalogue = CATALOGUES[lang];
  return (key, params) => {
    const message = isMessageKey(key) ? catalogue[key] : key;
    if (!params) return message;
    return message.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
  };
}
