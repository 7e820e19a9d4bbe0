import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type TFunction } from 'i18next';
import type { Locale } from './config.js';

export type { TFunction };
export const LOCALES: readonly Locale[] = ['vi', 'en'];
const LOCALES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../locales');

export interface I18n {
  t(locale: Locale): TFunction;
  resources: Record<Locale, Record<string, unknown>>;
}

export function isLocale(s: string | null | undefined): s is Locale {
  return !!s && (LOCALES as readonly string[]).includes(s);
}

/**
 * One i18next instance for the process; each request gets a fixed-locale `t`. Interpolated values
 * are NOT escaped by i18next: our texts are rich text (conversation/rich.ts) and callers escape user text with esc
 * exactly once (i18next's escaping would also mangle "/" in command examples).
 */
export function createI18n(): I18n {
  const resources = Object.fromEntries(
    LOCALES.map((l) => [l, JSON.parse(readFileSync(resolve(LOCALES_DIR, `${l}.json`), 'utf8')) as Record<string, unknown>]),
  ) as Record<Locale, Record<string, unknown>>;
  const instance = i18next.createInstance();
  void instance.init({
    initAsync: false,
    lng: 'vi',
    fallbackLng: 'vi',
    supportedLngs: [...LOCALES],
    resources: Object.fromEntries(LOCALES.map((l) => [l, { translation: resources[l] }])),
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const cache = new Map<Locale, TFunction>();
  return {
    resources,
    t(locale) {
      let fn = cache.get(locale);
      if (!fn) {
        fn = instance.getFixedT(locale);
        cache.set(locale, fn);
      }
      return fn;
    },
  };
}
