// The bot's t() remembers resolved texts and fills cached templates (src/i18n.ts): it must answer
// exactly what i18next itself answers, for every key, on the first call and on every later one.
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { createI18n, LOCALES } from '../../src/i18n.js';

function keysOf(o: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'string' ? [(prefix + k).replace(/_(zero|one|two|few|many|other)$/, '')] : keysOf(v as Record<string, unknown>, `${prefix}${k}.`),
  );
}

describe('i18n', () => {
  it('gives what a plain i18next instance gives, for every key and kind of value, again and again', () => {
    const i18n = createI18n();
    const plain = i18next.createInstance();
    void plain.init({
      initAsync: false, lng: 'vi', fallbackLng: 'vi', supportedLngs: [...LOCALES],
      resources: Object.fromEntries(LOCALES.map((l) => [l, { translation: i18n.resources[l] }])),
      interpolation: { escapeValue: false }, returnNull: false,
    });
    const keys = [...new Set(keysOf(i18n.resources.vi))];
    expect(keys.length).toBeGreaterThan(100);
    // Values a template must not re-read: markup, placeholders and nesting written by a user.
    const calls: Array<Record<string, unknown> | undefined> = [
      undefined,
      { name: 'Lan <b>&amp;</b>', code: 'II.3', count: 0 },
      { name: 'x {{code}} $t(task.usage)', code: 'I.1', count: 1, agency: 'SYT', n: 3 },
      { count: 7, name: 'Minh', percent: 40, ok: true },
      { code: 'III.1.3', name: 'B', agency: 'Sở Y tế', title: '"nhóm"' },
      { code: 'V.4', name: 'C', agency: 'SCT', title: '' },
      { agency: 'SCT', code: 'V.4', name: 'C' }, // same names, another order
      { name: undefined, code: null, count: 2.5 }, // not plain values: i18next decides
    ];
    let compared = 0;
    for (const locale of LOCALES) {
      const ours = i18n.t(locale);
      const theirs = plain.getFixedT(locale);
      for (let round = 0; round < 2; round++) {
        for (const key of keys) {
          for (const values of calls) {
            expect(ours(key, values as never), `${locale} ${key} ${JSON.stringify(values)}`).toBe(theirs(key, values as never));
            compared++;
          }
        }
      }
    }
    expect(compared).toBe(LOCALES.length * 2 * keys.length * calls.length);
  });
});
