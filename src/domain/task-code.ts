import { fold } from '../text/fold.js';
import type { SectionCode } from './plan-schema.js';

const ROMANS: Record<string, SectionCode> = { i: 'I', ii: 'II', iii: 'III', iv: 'IV', v: 'V' };
const DIGIT_SECTIONS: Record<string, SectionCode> = { '1': 'I', '2': 'II', '3': 'III', '4': 'IV', '5': 'V' };

/** A section given as "II", "ii", "2" or "mục II". */
/** A canonical task code as it appears in the plan (II.3, III.1.2), for validating stored or typed data. */
export const TASK_CODE_PATTERN = '[IVX]{1,3}(?:\\.\\d{1,2}){1,2}';

export function parseSection(input: string): SectionCode | null {
  const s = fold(input).replace(/^(muc|phan|section)\s*/, '').trim();
  return ROMANS[s] ?? DIGIT_SECTIONS[s] ?? null;
}

/**
 * Canonical task code from what people type: "iii.1.2", "3.1.2", "III 1 2", "III-1-2", "ii3",
 * "nv II.3". Returns null when the text is not shaped like a code at all (then callers treat it as
 * a keyword); a well-shaped code may still not exist, which `suggestCodes` handles.
 */
export function parseTaskCode(input: string): string | null {
  const s = fold(input).replace(/^(nv|nhiem vu|task)\s*/, '');
  const m = /^(iii|ii|iv|i|v|[1-5])(?:[\s.\-_/,:]*)(\d{1,2})(?:[\s.\-_/,:]+(\d{1,2}))?\.?$/.exec(s);
  if (!m) return null;
  const [, sec, a, b] = m;
  // "12" alone is a number, not a code: digit sections need a separator before the row.
  if (/^\d$/.test(sec!) && s.length > 1 && /^\d\d/.test(s)) return null;
  const section = ROMANS[sec!] ?? DIGIT_SECTIONS[sec!];
  if (!section) return null;
  const parts = [section, String(Number(a))];
  if (b !== undefined) parts.push(String(Number(b)));
  return parts.join('.');
}

/** Orders codes as the plan does: I.2 before I.10, III.1.5 before III.2. */
export function compareCodes(a: string, b: string): number {
  const pa = codeKey(a);
  const pb = codeKey(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d) return d;
  }
  return 0;
}

function codeKey(code: string): number[] {
  const [sec, ...rest] = code.split('.');
  const order = ['I', 'II', 'III', 'IV', 'V'].indexOf(sec!) + 1;
  return [order, ...rest.map(Number)];
}

/**
 * The codes nearest to one that does not exist: its children when it is a heading (III.1 → III.1.x),
 * its siblings by row number when the section exists, otherwise the first row of each section.
 */
export function suggestCodes(code: string | null, known: readonly string[], max = 5): string[] {
  const sorted = [...known].sort(compareCodes);
  if (!code) return sorted.filter((c) => c.split('.').length === 2 || c.endsWith('.1.1')).slice(0, max);
  const children = sorted.filter((c) => c.startsWith(code + '.'));
  if (children.length) return children.slice(0, max);
  const [sec, row] = code.split('.');
  const sameSection = sorted.filter((c) => c.startsWith(sec + '.'));
  if (sameSection.length) {
    const target = Number(row);
    return [...sameSection]
      .sort((x, y) => Math.abs(Number(x.split('.')[1]) - target) - Math.abs(Number(y.split('.')[1]) - target) || compareCodes(x, y))
      .slice(0, max)
      .sort(compareCodes);
  }
  return sorted.filter((c) => c.split('.')[1] === '1' && c.split('.').length === 2).slice(0, max);
}

/**
 * The task code at the start of a report and the text after it. People write the code with
 * punctuation after it ("II.3:", "II.3 -", "II.3,") or with spaces ("III 1 3", "3 1 3"): the
 * shortest run of up to three words that names an existing task wins, so "II.3 5 doanh nghiệp"
 * stays II.3 while "III 1 3" is III.1.3. When no run names a task, `code` is what the longest
 * run that looks like a code parses to (or null) and `typed` is what to quote back.
 */
export function takeTaskCode(text: string, exists: (code: string) => boolean): { code: string | null; typed: string; rest: string; found: boolean } {
  const src = text.trimStart();
  const words = [...src.matchAll(/\S+/g)].slice(0, 3);
  let shaped: { code: string; end: number } | undefined;
  for (let n = 1; n <= words.length; n++) {
    const last = words[n - 1]!;
    const end = last.index! + last[0].length;
    const candidate = src.slice(0, end).replace(/[.,:;\-–—]+$/u, '');
    const code = parseTaskCode(candidate);
    if (!code) continue;
    if (exists(code)) return { code, typed: candidate, rest: src.slice(end), found: true };
    shaped ??= { code, end };
  }
  const first = words[0]?.[0] ?? '';
  if (shaped) return { code: shaped.code, typed: src.slice(0, shaped.end), rest: src.slice(shaped.end), found: false };
  return { code: null, typed: first, rest: src.slice(first.length), found: false };
}
