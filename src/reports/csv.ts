// CSV for any spreadsheet: the Word appendix's table, a row per task (for an agency's report, its
// own line and role). UTF-8 with a BOM so Excel shows Vietnamese, every field quoted, and cells
// that would start a formula (= + - @, tab, CR) prefixed with ' so they stay text. Fields are
// printed as typed (no direction overrides) and cut at Excel's 32,767 characters, which Excel
// would otherwise spill into the next rows when it opens the file.
import type { ReportData } from '../core/yearly-report.js';
import type { TFunction } from '../i18n.js';
import { isoToVn } from '../text/dates.js';
import { clip, EXCEL_CELL_MAX, printable } from './text.js';

export function csvCell(value: unknown, more = '…'): string {
  let s = value === null || value === undefined ? '' : printable(String(value));
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  s = clip(s, EXCEL_CELL_MAX, more);
  return `"${s.replace(/"/g, '""')}"`;
}

export function reportCsv(r: ReportData, t: TFunction): Buffer {
  const keys = [
    'tt', 'content', 'lead', ...(r.kind === 'agency' ? (['role'] as const) : []), 'timeline', 'due', 'status', 'percent', 'category', 'overdue',
    'result', 'difficulties', 'proposals',
  ] as const;
  const value = (row: ReportData['rows'][number], k: (typeof keys)[number]) => {
    if (k === 'due') return isoToVn(row.due);
    if (k === 'overdue') return t(row.overdue ? 'report_doc.yes' : 'report_doc.no');
    if (k === 'role') return row.role ? t(`report_doc.role.${row.role}`) : '';
    return row[k];
  };
  const lines = [keys.map((k) => csvCell(t(`report_doc.col.${k}`))).join(',')];
  const more = t('report_doc.clipped_csv');
  for (const row of r.rows) lines.push(keys.map((k) => csvCell(value(row, k), more)).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
