// CSV for any spreadsheet: UTF-8 with a BOM so Excel shows Vietnamese, every field quoted, and
// cells that would start a formula (= + - @, tab, CR) prefixed with ' so they stay text.
import type { ReportData } from '../core/report.js';
import type { TFunction } from '../i18n.js';

export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

export function reportCsv(r: ReportData, t: TFunction): Buffer {
  const keys = ['tt', 'content', 'lead', 'status', 'percent', 'category', 'result', 'difficulties', 'proposals'] as const;
  const lines = [keys.map((k) => csvCell(t(`report_doc.col.${k}`))).join(',')];
  for (const row of r.rows) lines.push(keys.map((k) => csvCell(row[k])).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
