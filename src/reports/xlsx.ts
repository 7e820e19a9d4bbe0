// The report for Excel users: one sheet per view — tasks (the Word appendix's table), tasks ×
// agencies (a row per responsible agency's line, to filter and pivot), and every update of the
// year. Dates are real date cells, headers frozen, every sheet filterable.
//
// Speed: a year of weekly reports from 60 agencies is ~100,000 rows. The in-memory workbook took
// 20 s for that and exceljs's styled streaming 3.2 s (it builds a style for every cell); unstyled
// streaming 1.5 s. A date cell needs a number format though, so we stream unstyled and give
// exceljs a style table that only knows the few styles we ask for (two date formats and a bold
// header): a cell without a style costs what it did before, a date cell one map lookup.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ReportData } from '../core/yearly-report.js';
import type { TFunction } from '../i18n.js';
import { formatDateTime } from '../text/dates.js';
import { clip, EXCEL_CELL_MAX, printable } from './text.js';

const DATE = 'dd/mm/yyyy';
const DATE_TIME = 'dd/mm/yyyy hh:mm';

export async function reportXlsx(r: ReportData, t: TFunction, timeZone: string): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  installFewStyles(wb);
  wb.creator = 'kh457-bot';
  wb.created = new Date(r.generatedAt);
  const s = (x: string | null | undefined) => x ?? '';
  // Every cell of every sheet goes through here: text as typed (valid XML, no direction
  // overrides) and never over Excel's 32,767 characters — a longer cell makes Excel call the whole
  // file damaged. A cut cell says where the full words are.
  const more = t('report_doc.clipped_xlsx');
  const cell = (v: unknown) => (typeof v === 'string' && v ? clip(printable(v), EXCEL_CELL_MAX, more) : v);
  const put = (ws: ExcelJS.Worksheet, values: Record<string, unknown> | unknown[]) =>
    ws.addRow(Array.isArray(values) ? values.map(cell) : Object.fromEntries(Object.entries(values).map(([k, v]) => [k, cell(v)]))).commit();
  const yesNo = (b: boolean) => t(b ? 'report_doc.yes' : 'report_doc.no');
  const role = (x: string | undefined) => (x ? t(`report_doc.role.${x}`) : '');
  const header = { font: { bold: true } };

  const sheet = (name: string, columns: Array<{ key: string; width: number; style?: Partial<ExcelJS.Style> }>) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = columns.map((c) => ({ header: t(`report_doc.col.${c.key}`), key: c.key, width: c.width, style: c.style }));
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
    // The header row's cells were made with the column styles; give them the bold header instead.
    ws.getRow(1).eachCell((c) => (c.style = header));
    return ws;
  };

  // 1. Tasks, as in the Word appendix; for an agency's report its own line's figures.
  const tasks = sheet(t('report_doc.sheet_tasks'), [
    { key: 'tt', width: 9 },
    { key: 'content', width: 60 },
    { key: 'lead', width: 28 },
    ...(r.kind === 'agency' ? [{ key: 'role', width: 14 }] : []),
    { key: 'timeline', width: 16 },
    { key: 'due', width: 12, style: { numFmt: DATE } },
    { key: 'status', width: 18 },
    { key: 'percent', width: 10 },
    { key: 'category', width: 24 },
    { key: 'overdue', width: 9 },
    { key: 'result', width: 50 },
    { key: 'difficulties', width: 40 },
    { key: 'proposals', width: 40 },
  ]);
  for (const row of r.rows) {
    put(tasks, {
      tt: row.tt, content: s(row.content), lead: s(row.lead), role: role(row.role), timeline: s(row.timeline), due: dayCell(row.due),
      status: row.status, percent: row.percent, category: row.category, overdue: yesNo(row.overdue),
      result: s(row.result), difficulties: s(row.difficulties), proposals: s(row.proposals),
    });
  }
  tasks.commit();

  // 2. Tasks × agencies: every responsible agency's own line.
  const lines = sheet(t('report_doc.sheet_lines'), [
    { key: 'tt', width: 9 },
    { key: 'content', width: 50 },
    { key: 'agency', width: 22 },
    { key: 'role', width: 14 },
    { key: 'status', width: 18 },
    { key: 'percent', width: 10 },
    { key: 'due', width: 12, style: { numFmt: DATE } },
    { key: 'category', width: 24 },
    { key: 'overdue', width: 9 },
    { key: 'last_report', width: 17, style: { numFmt: DATE_TIME } },
    { key: 'result', width: 50 },
    { key: 'difficulties', width: 40 },
    { key: 'proposals', width: 40 },
  ]);
  for (const row of r.rows) {
    for (const l of row.lines) {
      put(lines, {
        tt: row.tt, content: s(row.content), agency: l.agency, role: role(l.role), status: l.status, percent: l.percent, due: dayCell(row.due),
        category: l.category, overdue: yesNo(l.overdue), last_report: l.lastAt ? wallClock(l.lastAt, timeZone) : null,
        result: s(l.result), difficulties: s(l.difficulties), proposals: s(l.proposals),
      });
    }
  }
  lines.commit();

  // 3. Every update of the year, in time order.
  const all = sheet(t('report_doc.sheet_updates'), [
    { key: 'time', width: 17, style: { numFmt: DATE_TIME } },
    { key: 'tt', width: 9 },
    { key: 'agency', width: 22 },
    { key: 'author', width: 22 },
    { key: 'status', width: 18 },
    { key: 'percent', width: 10 },
    { key: 'note', width: 70 },
    { key: 'via', width: 12 },
    { key: 'edited', width: 10 },
    { key: 'withdrawn', width: 10 },
  ]);
  const via = Object.fromEntries(['command', 'button', 'reply', 'import'].map((v) => [v, t(`history.via.${v}`)]));
  updateRows(all, r.updates, (x) => (typeof x === 'string' && x ? (cell(x) as string) : x), via, timeZone);
  all.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

/**
 * The every-update sheet, ~100,000 rows at five years of history: its rows are written as XML
 * straight into the sheet's stream instead of going through exceljs's Row/Cell objects, which
 * cost ~12 µs a row (half of the whole report). The XML is what exceljs 4.4 writes for the same
 * values with this sheet's columns, byte for byte — `<row r spans x14ac:dyDescent>`, a date cell
 * styled by its column's number format, strings as `t="str"`, a null cell left out — so the
 * file is unchanged (checked by unzipping both on the benchmark's data; exceljs is pinned).
 */
function updateRows(
  ws: ExcelJS.Worksheet,
  updates: ReportData['updates'],
  cell: (v: string) => string,
  via: Record<string, string>,
  timeZone: string,
) {
  const styles = (ws as unknown as { _workbook: { styles: FewStyles } })._workbook.styles;
  const dateStyle = styles.addStyleModel({ numFmt: DATE_TIME });
  // The header row goes out first, through exceljs (it writes <cols> and opens <sheetData>).
  ws.getRow(1).commit();
  const stream = (ws as unknown as { stream: { write(s: string): unknown } }).stream;
  const serial = excelWallClock(timeZone);
  const str = (col: string, n: number, v: string | null) => (v === null ? '' : `<c r="${col}${n}" t="str"><v>${xmlEncode(cell(v))}</v></c>`);
  let out = '';
  for (let i = 0; i < updates.length; i++) {
    const u = updates[i]!;
    const n = i + 2;
    out +=
      `<row r="${n}" spans="1:10" x14ac:dyDescent="0.25"><c r="A${n}" s="${dateStyle}"><v>${serial(u.createdAt)}</v></c>` +
      str('B', n, u.taskCode) + str('C', n, u.agency) + str('D', n, u.author ?? '') + str('E', n, u.status) +
      (u.percent === null ? '' : `<c r="F${n}"><v>${u.percent}</v></c>`) +
      str('G', n, u.note ?? '') + str('H', n, via[u.via] ?? u.via) + str('I', n, u.edited ? '✓' : '') + str('J', n, u.withdrawn ? '✓' : '') +
      '</row>';
    if (out.length > 1 << 16) {
      stream.write(out);
      out = '';
    }
  }
  if (out) stream.write(out);
}

/** exceljs's xmlEncode: the five XML specials escaped, DEL and the C0 controls but tab, LF and CR dropped. */
const XML_SPECIAL = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/g;
const XML_ESCAPE: Record<string, string> = { '"': '&quot;', '&': '&amp;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };
function xmlEncode(s: string): string {
  XML_SPECIAL.lastIndex = 0;
  return XML_SPECIAL.test(s) ? s.replace(XML_SPECIAL, (c) => XML_ESCAPE[c] ?? '') : s;
}

/**
 * wallClock as the Excel serial number exceljs writes for it (25569 + days since 1970), with the
 * zone's offset looked up once per quarter hour rather than formatting every instant: offsets are
 * whole minutes and change only on quarter-hour boundaries.
 */
function excelWallClock(timeZone: string): (ms: number) => number {
  const QUARTER = 15 * 60_000;
  const starts = new Map<number, number>();
  return (ms) => {
    const q = Math.floor(ms / QUARTER) * QUARTER;
    let wall = starts.get(q);
    if (wall === undefined) starts.set(q, (wall = wallClock(q, timeZone).getTime()));
    return 25569 + (wall + Math.floor((ms - q) / 60_000) * 60_000) / (24 * 3600 * 1000);
  };
}

/**
 * Excel dates have no time zone: a cell shows the UTC fields of the Date it was given. So the
 * Date carries the wall-clock time in the configured zone (what officials saw), not the instant.
 */
function wallClock(ms: number, timeZone: string): Date {
  const m = /^(\d\d):(\d\d) (\d\d)\/(\d\d)\/(\d{4})$/.exec(formatDateTime(ms, timeZone))!;
  return new Date(Date.UTC(Number(m[5]), Number(m[4]) - 1, Number(m[3]), Number(m[1]), Number(m[2])));
}

/** 'yyyy-mm-dd' → a date cell at midnight. */
const dayCell = (iso: string) => new Date(`${iso}T00:00:00Z`);

/**
 * Replaces the streaming writer's "no styles" table with one that knows only the styles asked for
 * by number format (dates) or bold font (headers); every other cell gets the default style, as
 * with `useStyles: false`. Relies on exceljs 4.4's WorkbookWriter keeping its table in `styles`
 * with the plain model the unstyled writer renders (exceljs is pinned; the e2e test reads the
 * formats back, so an upgrade that changes this fails there).
 */
function installFewStyles(wb: ExcelJS.stream.xlsx.WorkbookWriter) {
  const styles = (wb as unknown as { styles: FewStyles }).styles;
  const ids = new Map<string, number>();
  let nextFmt = 164; // custom number formats start here in SpreadsheetML
  let boldFont = -1;
  const base = styles.addStyleModel.bind(styles);
  styles.addStyleModel = (model, cellType) => {
    const numFmt = model?.numFmt;
    const bold = !!model?.font?.bold;
    if (!numFmt && !bold) return base(model, cellType);
    const key = `${numFmt ?? ''}|${bold}`;
    let id = ids.get(key);
    if (id === undefined) {
      let numFmtId = 0;
      if (numFmt) {
        numFmtId = nextFmt++;
        styles.model.numFmts.push({ id: numFmtId, formatCode: numFmt });
      }
      if (bold && boldFont < 0) {
        boldFont = styles.model.fonts.length;
        styles.model.fonts.push({ ...styles.model.fonts[0], bold: true });
      }
      id = styles.model.styles.length;
      styles.model.styles.push({ numFmtId, fontId: bold ? boldFont : 0, fillId: 0, borderId: 0, xfId: 0 });
      ids.set(key, id);
    }
    return id;
  };
}

interface FewStyles {
  addStyleModel(model: { numFmt?: string; font?: { bold?: boolean } } | undefined, cellType?: number): number;
  model: { numFmts: Array<{ id: number; formatCode: string }>; fonts: Array<Record<string, unknown>>; styles: Array<Record<string, number>> };
}
