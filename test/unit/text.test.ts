import { describe, expect, it } from 'vitest';
import { fold, foldCompact } from '../../src/text/fold.js';
import { escapeHtml } from '../../src/channels/telegram/html.js';
import { splitMessage } from '../../src/channels/telegram/split-html.js';
import { clip } from '../../src/text/clip.js';
import { rng } from '../support/rng.js';
import { formatDate, formatDateTime, officialDateLine, yearAt } from '../../src/text/dates.js';

describe('fold', () => {
  it('drops diacritics, đ and case', () => {
    expect(fold('  Sở Nông Nghiệp  và   ĐÀO tạo ')).toBe('so nong nghiep va dao tao');
    expect(foldCompact('Sở KH&CN')).toBe('sokhcn');
    expect(foldCompact('Sở LĐ-TB&XH')).toBe('soldtbxh');
  });
  it('treats NFD and NFC input alike', () => {
    expect(fold('Kế hoạch'.normalize('NFD'))).toBe(fold('Kế hoạch'.normalize('NFC')));
  });
});

describe('escapeHtml', () => {
  it('escapes what Telegram HTML parses', () => {
    expect(escapeHtml('<b>A & B</b> "q"')).toBe('&lt;b&gt;A &amp; B&lt;/b&gt; &quot;q&quot;');
  });
});

describe('splitMessage', () => {
  it('keeps short messages whole', () => {
    expect(splitMessage('a\nb')).toEqual(['a\nb']);
  });
  it('splits on line boundaries under the limit', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `<b>${i}</b> ${'x'.repeat(40)}`);
    const chunks = splitMessage(lines.join('\n'));
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(4096);
    expect(chunks.join('\n')).toBe(lines.join('\n'));
    for (const c of chunks) expect(c.split('\n').every((l) => /^<b>\d+<\/b> x+$/.test(l))).toBe(true);
  });
  it('cuts one very long line without breaking an entity', () => {
    const line = escapeHtml('a&'.repeat(3000));
    const chunks = splitMessage(line);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(4096);
      expect(c.replace(/&amp;/g, '')).not.toContain('&');
    }
    expect(chunks.join('')).toBe(line);
  });

  /** Tags open and close in order within one part: what Telegram's HTML parser demands. */
  const balanced = (html: string) => {
    const stack: string[] = [];
    for (const m of html.matchAll(/<(\/?)([a-z-]+)[^>]*>/g)) {
      if (!m[1]) stack.push(m[2]!);
      else if (stack.pop() !== m[2]) return false;
    }
    return stack.length === 0;
  };
  it('closes a tag spanning lines at a cut and reopens it in the next part', () => {
    // A withdrawn multi-line note in /history, and a multi-line note in italics in /status.
    const html = `<b>Lịch sử</b>\n<s>${'dòng bị rút lại\n'.repeat(400)}</s>\n<i><a href="tg://user?id=1">${'ghi chú '.repeat(700)}</a></i>`;
    const parts = splitMessage(html);
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(4096);
      expect(balanced(p)).toBe(true);
    }
    expect(parts[1]!.startsWith('<s>')).toBe(true);
    expect(parts.at(-1)!.startsWith('<i><a href="tg://user?id=1">')).toBe(true);
    const text = (ps: string[]) => ps.join('\n').replace(/<[^>]*>/g, '').replace(/\s+/g, ' ');
    expect(text(parts)).toBe(text([html]));
  });
  it('never cuts an emoji, a surrogate pair or a combined grapheme', () => {
    const family = '👨‍👩‍👧‍👦'; // one grapheme of 11 UTF-16 units
    const html = `${'x'.repeat(4090)}${family.repeat(3)}${'🇻🇳'.repeat(5)}`;
    const parts = splitMessage(html);
    expect(parts.join('')).toBe(html);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(4096);
      expect(p).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
    expect(parts[0]).toBe('x'.repeat(4090));
  });
  it('keeps every guarantee on mixed text at any limit, cutting words between graphemes only where it must', () => {
    // Runs of text are measured whole and segmented only where a part ends: this checks the cut
    // points on text where that matters (emoji, combining marks, entities and tags inside words).
    const pieces = ['Sở', 'Y tế', ' ', ' ', '\n', '&amp;', '&lt;', '<b>', '</b>', '<i>', '</i>', '👨‍👩‍👧‍👦', '🇻🇳', '👍🏽', 'e\u0301', 'x'.repeat(70), 'đường'];
    const next = rng(457);
    const strip = (ps: string[]) => ps.join('').replace(/<[^>]*>|\s/g, '');
    for (let n = 0; n < 300; n++) {
      const open: string[] = [];
      let html = '';
      for (let k = Math.floor(next() * 300); k > 0; k--) {
        const p = pieces[Math.floor(next() * pieces.length)]!;
        // Tags as our renderers write them: nested properly, at most two deep.
        if (p.startsWith('</')) { if (open.length) html += `</${open.pop()}>`; continue; }
        if (p.startsWith('<')) { if (open.length < 2) { open.push(p.slice(1, -1)); html += p; } continue; }
        html += p;
      }
      html += open.reverse().map((t) => `</${t}>`).join('');
      const limit = [64, 120, 500, 4096][n % 4]!;
      const parts = splitMessage(html, limit);
      for (const p of parts) {
        expect(p.length).toBeLessThanOrEqual(limit);
        expect(balanced(p)).toBe(true);
        expect(p).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
        expect(p.replace(/&(amp|lt);/g, '')).not.toContain('&');
        expect(p).not.toMatch(/^\u0301|\u200d$|^\u200d|^\u{1F3FD}/u);
      }
      // Nothing lost or added but the breaks it cut at and the tags it closed and reopened.
      expect(strip(parts)).toBe(strip([html]));
    }
  });
  it('clip cuts between graphemes and says so', () => {
    expect(clip('Sở Y tế', 20)).toBe('Sở Y tế');
    expect(clip(`ab${'👍🏽'}cd`, 3)).toBe('ab…');
    expect(clip(`ab${'👍🏽'}cd`, 6)).toBe(`ab${'👍🏽'}…`);
  });
});

describe('dates', () => {
  const ms = Date.UTC(2026, 11, 9, 18, 30); // 01:30 on 10/12/2026 in Vietnam
  it('formats in the configured zone', () => {
    expect(formatDate(ms, 'Asia/Ho_Chi_Minh')).toBe('10/12/2026');
    expect(formatDate(ms, 'UTC')).toBe('09/12/2026');
    expect(yearAt(Date.UTC(2026, 11, 31, 17, 30), 'Asia/Ho_Chi_Minh')).toBe(2027);
  });
  it('pads the official date line as NĐ 30 requires', () => {
    expect(officialDateLine(Date.UTC(2024, 4, 8, 3), 'Asia/Ho_Chi_Minh')).toEqual({ day: '08', month: '5', year: '2024' });
    expect(officialDateLine(Date.UTC(2024, 1, 3, 3), 'Asia/Ho_Chi_Minh').month).toBe('02');
  });
});

describe('dates across zones and DST', () => {
  it('agrees with Intl in zones with daylight saving', () => {
    const intl = (ms: number, timeZone: string) => {
      const p = Object.fromEntries(
        new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
          .formatToParts(new Date(ms))
          .map((x) => [x.type, x.value]),
      );
      return `${p.hour}:${p.minute} ${p.day}/${p.month}/${p.year}`;
    };
    for (const tz of ['Asia/Ho_Chi_Minh', 'Europe/Berlin', 'America/New_York', 'Australia/Adelaide', 'UTC']) {
      for (let ms = Date.UTC(2026, 2, 1); ms < Date.UTC(2026, 11, 1); ms += 3_600_000 * 7 + 60_000 * 13) {
        expect(formatDateTime(ms, tz)).toBe(intl(ms, tz));
      }
    }
  });
});
