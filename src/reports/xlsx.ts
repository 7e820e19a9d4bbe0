// The same table for Excel users, plus every update of the year on a second sheet.
import ExcelJS from 'exceljs';
import type { ReportData } from '../core/report.js';
import type { TFunction } from '../i18n.js';
import { formatDateTime } from '../text/dates.js';

export async function reportXlsx(r: ReportData, t: TFunction, timeZone: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
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
  for (const row of r.rows) tasks.addRow(row);
  styleSheet(tasks);

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
  for (const u of r.updates) {
    all.addRow({
      ...u,
      time: formatDateTime(u.createdAt, timeZone),
      via: t(`history.via.${u.via}`),
      edited: u.edited ? '✓' : '',
      withdrawn: u.withdrawn ? '✓' : '',
    });
  }
  styleSheet(all);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function styleSheet(ws: ExcelJS.Worksheet) {
  ws.getRow(1).font = { bold: true };
  ws.eachRow((row) => {
    row.alignment = { vertical: 'top', wrapText: true };
  });
}
