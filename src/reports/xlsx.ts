// The same table for Excel users, plus every update of the year on a second sheet. Written with
// exceljs's streaming writer and no cell styles: a year of weekly reports from 60 agencies is
// ~100,000 rows; the in-memory workbook took 20 s for that, styled streaming 3.2 s, unstyled 1.5 s.
// Column widths and the frozen header row still apply.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ReportData } from '../core/report.js';
import type { TFunction } from '../i18n.js';
import { formatDateTime } from '../text/dates.js';

export async function reportXlsx(r: ReportData, t: TFunction, timeZone: string): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  wb.creator = 'kh457-bot';
  wb.created = new Date(r.generatedAt);

  const tasks = wb.addWorksheet(t('report_doc.sheet_tasks'), { views: [{ state: 'frozen', ySplit: 1 }] });
  tasks.columns = [
    { header: t('report_doc.col.tt'), key: 'tt', width: 9 },
    { header: t('report_doc.col.content'), key: 'content', width: 60 },
    { header: t('report_doc.col.lead'), key: 'lead', width: 28 },
    { header: t('report_doc.col.status'), key: 'status', width: 18 },
    { header: t('report_doc.col.percent'), key: 'percent', width: 10 },
    { header: t('report_doc.col.category'), key: 'category', width: 24 },
    { header: t('report_doc.col.result'), key: 'result', width: 50 },
    { header: t('report_doc.col.difficulties'), key: 'difficulties', width: 40 },
    { header: t('report_doc.col.proposals'), key: 'proposals', width: 40 },
  ];
  for (const row of r.rows) tasks.addRow(row).commit();
  tasks.commit();

  const all = wb.addWorksheet(t('report_doc.sheet_updates'), { views: [{ state: 'frozen', ySplit: 1 }] });
  all.columns = [
    { header: t('report_doc.col.time'), key: 'time', width: 18 },
    { header: t('report_doc.col.tt'), key: 'taskCode', width: 9 },
    { header: t('report_doc.col.agency'), key: 'agency', width: 22 },
    { header: t('report_doc.col.author'), key: 'author', width: 22 },
    { header: t('report_doc.col.status'), key: 'status', width: 18 },
    { header: t('report_doc.col.percent'), key: 'percent', width: 10 },
    { header: t('report_doc.col.note'), key: 'note', width: 70 },
    { header: t('report_doc.col.via'), key: 'via', width: 12 },
    { header: t('report_doc.col.edited'), key: 'edited', width: 10 },
    { header: t('report_doc.col.withdrawn'), key: 'withdrawn', width: 10 },
  ];
  const via = Object.fromEntries(['command', 'button', 'reply', 'import'].map((v) => [v, t(`history.via.${v}`)]));
  for (const u of r.updates) {
    all
      .addRow([formatDateTime(u.createdAt, timeZone), u.taskCode, u.agency, u.author, u.status, u.percent, u.note, via[u.via] ?? u.via, u.edited ? '✓' : '', u.withdrawn ? '✓' : ''])
      .commit();
  }
  all.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}
