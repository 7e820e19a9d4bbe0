import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type TFunction } from 'i18next';
import type { Locale } from './config.js';

export type { TFunction };
export const LOCALES: readonly Locale[] = ['vi', 'en'];
const LOCALES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../locales');

/**
 * How a channel talks: 'buttons' (Telegram: buttons, replies to a message, edits) or 'text' (the
 * console, Zalo: numbered lines, the next message answers). A key with a `_text` variant
 * ("report.ask_note_text") is read from it on text channels; every other key is shared.
 */
export type Phrasing = 'buttons' | 'text';

export interface I18n {
  t(locale: Locale, phrasing?: Phrasing): TFunction;
  resources: Record<Locale, Record<string, unknown>>;
}

export function isLocale(s: string | null | undefined): s is Locale {
  return !!s && (LOCALES as readonly string[]).includes(s);
}

/**
 * One i18next instance for the process; each request gets a fixed-locale `t`. Interpolated values
 * are NOT escaped by i18next: our texts are rich text (conversation/rich.ts) and callers escape
 * what people typed with esc() exactly once (i18next's escaping would also mangle "/" in commands).
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
  // Templates can be cached only while no text nests another key ($t(…)) or formats a value
  // ({{x, number}}): both make the result depend on the value in ways a template cannot replay.
  const templating = !Object.values(resources).some((r) => hasNestingOrFormat(r));
  const cache = new Map<string, TFunction>();
  const textKeys = new Set(LOCALES.flatMap((l) => keysOf(resources[l]).filter((k) => k.endsWith('_text')).map((k) => k.slice(0, -'_text'.length))));
  return {
    resources,
    t(locale, phrasing = 'buttons') {
      let fn = cache.get(`${locale}:${phrasing}`);
      if (!fn) {
        const fixed = instance.getFixedT(locale) as unknown as (key: unknown, options?: unknown) => unknown;
        const pick = phrasing === 'text' ? (key: unknown, options?: unknown) => fixed(typeof key === 'string' && textKeys.has(key) ? `${key}_text` : key, options) : fixed;
        fn = memoT(pick as unknown as TFunction, templating);
        cache.set(`${locale}:${phrasing}`, fn);
      }
      return fn;
    },
  };
}

function keysOf(o: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keysOf(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

function hasNestingOrFormat(o: unknown): boolean {
  if (typeof o === 'string') return o.includes('$t(') || /\{\{[^}]*,/.test(o);
  return !!o && typeof o === 'object' && Object.values(o).some(hasNestingOrFormat);
}

// Options that change which text i18next picks or how it builds it, not just what fills a
// placeholder: never templated (count is handled apart, by its value).
const NOT_A_VALUE = new Set([
  'context', 'lng', 'lngs', 'ns', 'defaultValue', 'returnObjects', 'returnDetails', 'joinArrays', 'replace', 'interpolation',
  'postProcess', 'ordinal', 'keyPrefix', 'nsSeparator', 'keySeparator', 'fallbackLng', 'skipInterpolation', 'missingInterpolationHandler',
]);
const MAX_TEMPLATES = 5000;
const SENTINEL = /\u0000(\d+)\u0000/;

/**
 * i18next resolves a key, its fallbacks and plural form, and scans for placeholders on every call
 * — a /task makes fifteen such calls, ~10 µs each. The texts never change while the bot runs, so:
 * a call without values returns the string resolved the first time; a call with plain values
 * (strings, numbers, booleans) fills a template made once per key and set of value names, by
 * asking i18next itself with a marker in place of each value. A template is kept only if filling
 * it gave exactly what i18next gave for that first call; anything else goes to i18next every time.
 */
function memoT(slow: TFunction, templating: boolean): TFunction {
  const plain = new Map<string, string>();
  // key + value names (+ count) → literal parts around the values' places, or null: not templatable.
  const templates = new Map<string, { parts: string[]; slots: number[] } | null>();
  const call = slow as unknown as (key: unknown, options?: unknown) => unknown;
  const fast = (key: unknown, options?: unknown): unknown => {
    if (typeof key !== 'string') return call(key, options);
    if (options === undefined) {
      let s = plain.get(key);
      if (s === undefined) {
        const r = call(key);
        if (typeof r !== 'string') return r;
        plain.set(key, (s = r));
      }
      return s;
    }
    if (!templating || typeof options !== 'object' || options === null) return call(key, options);
    const values = options as Record<string, unknown>;
    const names = Object.keys(values);
    let shape = key;
    for (const n of names) {
      const v = values[n];
      if (NOT_A_VALUE.has(n) || (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')) return call(key, options);
      if (n === 'count' && !Number.isInteger(v)) return call(key, options);
      shape += n === 'count' ? `\u0001count=${v}` : `\u0001${n}`;
    }
    const known = templates.get(shape);
    if (known) return fill(known, names, values);
    if (known === null || templates.size >= MAX_TEMPLATES) return call(key, options);
    const real = call(key, options);
    // The plural form is picked by count, so count goes in as itself (and is part of the shape).
    const probe = Object.fromEntries(names.map((n, i) => [n, n === 'count' ? values[n] : `\u0000${i}\u0000`]));
    const marked = call(key, probe);
    let template: { parts: string[]; slots: number[] } | null = null;
    if (typeof marked === 'string' && typeof real === 'string') {
      const pieces = marked.split(SENTINEL);
      const t = { parts: pieces.filter((_, i) => i % 2 === 0), slots: pieces.filter((_, i) => i % 2 === 1).map(Number) };
      if (fill(t, names, values) === real) template = t;
    }
    templates.set(shape, template);
    return real;
  };
  return fast as unknown as TFunction;
}

function fill(t: { parts: string[]; slots: number[] }, names: string[], values: Record<string, unknown>): string {
  let out = t.parts[0]!;
  for (let i = 0; i < t.slots.length; i++) out += String(values[names[t.slots[i]!]!]) + t.parts[i + 1]!;
  return out;
}
