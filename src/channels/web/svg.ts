// Progress as horizontal bars, drawn here as SVG: no script, no other origin, sharp at any size and
// in print. Each bar is labelled with its figure in text, so it reads without colour.
import { h } from './html.js';

export interface Bar {
  label: string;
  /** 0–100, or null when no figure was reported (drawn empty, labelled "—"). */
  percent: number | null;
  strong?: boolean;
}

/**
 * A label's width at 14 px, estimated on the high side: the server has no font metrics, and the
 * browser may fall back to a wide face (DejaVu Sans on Debian: about 0.62 em a letter, bold 0.7).
 * Too wide leaves a gap before the bar; too narrow cut "Overall progress" on a phone.
 */
const labelWidth = (b: Bar) => Math.ceil([...b.label.normalize('NFC')].length * (b.strong ? 10 : 9));

export function barsSvg(bars: readonly Bar[], title: string): string {
  const rowH = 30;
  const labelW = Math.max(60, ...bars.map(labelWidth)) + 10;
  // Short enough that a phone shrinks the labels little (the drawing scales to the screen's width).
  const barW = 190;
  const width = labelW + barW + 52;
  const height = bars.length * rowH + 8;
  const rows = bars.map((b, i) => {
    const y = 4 + i * rowH;
    const pct = b.percent === null ? 0 : Math.max(0, Math.min(100, b.percent));
    const fill = b.strong ? '#0b5cad' : '#4f8fd1';
    return [
      `<text x="0" y="${y + 19}" font-size="14"${b.strong ? ' font-weight="700"' : ''}>${h(b.label)}</text>`,
      `<rect x="${labelW}" y="${y + 5}" width="${barW}" height="18" rx="3" fill="#e8edf1"/>`,
      pct ? `<rect x="${labelW}" y="${y + 5}" width="${Math.round((barW * pct) / 100)}" height="18" rx="3" fill="${fill}"/>` : '',
      `<text x="${labelW + barW + 8}" y="${y + 19}" font-size="14" font-weight="700">${b.percent === null ? '—' : `${b.percent}%`}</text>`,
    ].join('');
  });
  return `<svg class="bars" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${h(title)}"><title>${h(title)}</title><g fill="#1d2327" font-family="system-ui, sans-serif">${rows.join('')}</g></svg>`;
}
