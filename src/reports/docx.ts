// The consolidated report as a Word document in the administrative form of NĐ 30/2020/NĐ-CP:
// A4, Times New Roman 13, the two-column header, the date line, the title, the figures, and the
// table the Tỉnh ủy and UBND tỉnh expect. The table section is landscape to fit six columns.
import {
  AlignmentType,
  BorderStyle,
  Document,
  PageOrientation,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  VerticalAlign,
} from 'docx';
import type { ReportData } from '../core/report.js';
import { CATEGORIES } from '../domain/progress.js';
import type { TFunction } from '../i18n.js';
import { officialDateLine } from '../text/dates.js';

const FONT = 'Times New Roman';
const SIZE = 26; // half-points: 13 pt
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: 1134, bottom: 1134, left: 1701, right: 1134 }; // 20/20/30/20 mm

const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {}) =>
  new TextRun({ text, font: FONT, size: o.size ?? SIZE, bold: o.bold, italics: o.italics, underline: o.underline ? {} : undefined });

const para = (children: TextRun[], o: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; after?: number; indent?: boolean } = {}) =>
  new Paragraph({ children, alignment: o.align ?? AlignmentType.JUSTIFIED, spacing: { after: o.after ?? 120 }, indent: o.indent ? { firstLine: 567 } : undefined });

/** Multi-line cell text as separate paragraphs (Word ignores "\n" inside a run). */
const cellParas = (text: string, o: { bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) =>
  (text || ' ').split('\n').map((line) => new Paragraph({ children: [run(line, { bold: o.bold, size: 24 })], alignment: o.align ?? AlignmentType.LEFT }));

const noBorders = {
  top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideHorizontal: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
};

export async function reportDocx(r: ReportData, t: TFunction, timeZone: string): Promise<Buffer> {
  const date = officialDateLine(r.generatedAt, timeZone);
  const headerCell = (lines: Array<{ text: string; bold?: boolean; underline?: boolean; italics?: boolean }>, width: number) =>
    new TableCell({
      width: { size: width, type: WidthType.PERCENTAGE },
      borders: noBorders,
      // 12 pt, as NĐ 30 sets the letterhead, so each line fits its half of the page.
      children: lines.map((l) => new Paragraph({ alignment: AlignmentType.CENTER, children: [run(l.text, { bold: l.bold, underline: l.underline, italics: l.italics, size: 24 })] })),
    });
  const header = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: noBorders,
    rows: [
      new TableRow({
        children: [
          headerCell([{ text: t('report_doc.issuer_parent') }, { text: t('report_doc.issuer'), bold: true, underline: true }, { text: t('report_doc.number') }], 42),
          headerCell(
            [
              { text: t('report_doc.nation'), bold: true },
              { text: t('report_doc.motto'), bold: true, underline: true },
              { text: t('report_doc.date_line', date), italics: true },
            ],
            58,
          ),
        ],
      }),
    ],
  });

  const s = r.summary;
  const figures = t('report_doc.figures', {
    year: r.year,
    total: r.rows.length,
    percent: s.percent,
    ...Object.fromEntries(CATEGORIES.map((c) => [c, r.rows.filter((row) => row.category === t(`category.${c}`)).length])),
  });
  const intro = [
    para([run(t('report_doc.title'), { bold: true, size: 28 })], { align: AlignmentType.CENTER, after: 0 }),
    para([run(t('report_doc.subtitle', { year: r.year }), { bold: true })], { align: AlignmentType.CENTER, after: 240 }),
    ...(r.agency ? [para([run(t('report_doc.scope_agency', { agency: r.agency.name }), { italics: true })], { align: AlignmentType.CENTER })] : []),
    para([run(t('report_doc.basis'))], { indent: true }),
    para([run(figures)], { indent: true }),
    para([run(t('report_doc.table_intro'))], { indent: true }),
  ];

  const widths = [7, 27, 14, 22, 15, 15];
  const headings = ['tt', 'content', 'lead', 'result', 'difficulties', 'proposals'].map((k) => t(`report_doc.col.${k}`));
  const th = new TableRow({
    tableHeader: true,
    children: headings.map((h, i) =>
      new TableCell({ width: { size: widths[i]!, type: WidthType.PERCENTAGE }, verticalAlign: VerticalAlign.CENTER, children: cellParas(h, { bold: true, align: AlignmentType.CENTER }) }),
    ),
  });
  const body: TableRow[] = [];
  let section = '';
  for (const row of r.rows) {
    const sec = row.code.split('.')[0]!;
    if (sec !== section) {
      section = sec;
      const title = r.sectionTitles[sec] ?? sec;
      body.push(new TableRow({ children: [new TableCell({ columnSpan: 6, children: cellParas(`${sec}. ${title}`, { bold: true }) })] }));
    }
    const cells = [row.tt, row.content, row.lead, [row.status + (row.percent ? ` (${row.percent}%)` : ''), row.result].filter(Boolean).join('\n'), row.difficulties, row.proposals];
    body.push(new TableRow({ children: cells.map((c, i) => new TableCell({ width: { size: widths[i]!, type: WidthType.PERCENTAGE }, children: cellParas(c) })) }));
  }
  const table = new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [th, ...body] });

  const doc = new Document({
    creator: 'kh457-bot',
    title: t('report_doc.subtitle', { year: r.year }),
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [
      { properties: { page: { size: A4, margin: MARGIN } }, children: [header, para([run('')]), ...intro] },
      {
        properties: { page: { size: { ...A4, orientation: PageOrientation.LANDSCAPE }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
        children: [table, para([run('')]), para([run(t('report_doc.signature'), { bold: true })], { align: AlignmentType.RIGHT })],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
