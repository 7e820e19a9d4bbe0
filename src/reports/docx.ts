// The yearly report as a Word document in the administrative "báo cáo" form of NĐ 30/2020/NĐ-CP
// (Phụ lục I): A4, Times New Roman, margins 20/20/30/15 mm; the two-column letterhead (parent and
// issuing body with a short rule beneath, Quốc hiệu and Tiêu ngữ with a rule beneath); number and
// symbol; the date line in italics; "BÁO CÁO" and its subject; the body in four sections; "Nơi
// nhận" bottom left and the signature block bottom right; page numbers from page 2, centred at the top.
//
// Where the table goes: the NĐ 30 form ends the body with Nơi nhận and the signature, so the
// eight-column task table follows them as an appendix ("PHỤ LỤC … kèm theo Báo cáo số …") on
// landscape pages of its own section — the width eight columns need to stay readable. The body
// (sections I–IV) flows on portrait pages first, so page 1 is a full page of text, and the signed
// page is the last page of the body, as clerks expect. Page numbering continues into the appendix.
//
// Every text is Vietnamese whatever the requester's language: callers pass a Vietnamese `t`.
import { owes } from '../domain/agencies.js';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  LineRuleType,
  PageNumber,
  PageOrientation,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { ReportData, ReportRow } from '../core/yearly-report.js';
import { CATEGORIES, percentText } from '../domain/progress.js';
import type { TFunction } from '../i18n.js';
import { formatDate, isoToVn, officialDateLine } from '../text/dates.js';
import { printable, statusWithPercent } from './text.js';

const FONT = 'Times New Roman';
const pt = (n: number) => n * 2; // docx sizes are half-points
const BODY = pt(14);
const A4 = { width: 11906, height: 16838 };
const mm = (n: number) => Math.round((n * 1440) / 25.4);
// NĐ 30: top 20–25, bottom 20–25, left 30–35, right 15–20 mm.
const MARGIN = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15), header: mm(10), footer: mm(10) };
const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right; // 9,354 twips ≈ 165 mm
// Landscape appendix: the same margins turned with the page (binding edge at the top).
const LANDSCAPE_MARGIN = { top: mm(30), bottom: mm(15), left: mm(20), right: mm(20), header: mm(15), footer: mm(10) };
const LANDSCAPE_WIDTH = A4.height - LANDSCAPE_MARGIN.left - LANDSCAPE_MARGIN.right;

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];
interface RunOpts { bold?: boolean; italics?: boolean; size?: number }

const run = (text: string, o: RunOpts = {}) => new TextRun({ text: printable(text), font: FONT, size: o.size ?? BODY, bold: o.bold, italics: o.italics });

const para = (children: TextRun[], o: { align?: Align; after?: number; before?: number; indent?: boolean; keepNext?: boolean } = {}) =>
  new Paragraph({
    children,
    alignment: o.align ?? AlignmentType.JUSTIFIED,
    spacing: { before: o.before ?? 0, after: o.after ?? 120, line: 276 },
    indent: o.indent ? { firstLine: mm(10) } : undefined,
    keepNext: o.keepNext,
  });

/** Body paragraphs: one per line of `text`, indented as NĐ 30 body text is. */
const bodyParas = (text: string, o: RunOpts = {}) => text.split('\n').filter(Boolean).map((line) => para([run(line, o)], { indent: true }));

/** Multi-line cell text as separate paragraphs (Word ignores "\n" inside a run). */
const cellParas = (text: string, o: { bold?: boolean; italics?: boolean; align?: Align; size?: number; keepNext?: boolean } = {}) =>
  (text || ' ').split('\n').map((line) => new Paragraph({ children: [run(line, { bold: o.bold, italics: o.italics, size: o.size ?? pt(11) })], alignment: o.align ?? AlignmentType.LEFT, spacing: { after: 40 }, keepNext: o.keepNext }));

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const noBorders = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

/** A borderless cell of a fixed width (twips). */
const plainCell = (width: number, children: Paragraph[]) => new TableCell({ width: { size: width, type: WidthType.DXA }, borders: noBorders, children });

/** The form's two borderless columns across the text width: the letterhead, and Nơi nhận beside the signature. */
const twoColumns = (left: number, rows: TableRow[]) =>
  new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: [left, TEXT_WIDTH - left], layout: TableLayoutType.FIXED, borders: noBorders, rows });

/**
 * A short centred rule: an empty paragraph with a bottom border, narrowed by indents to `width`
 * within a cell (or page) of `within`. A paragraph border rather than underlined text, so its
 * length is the form's short line and not the text's.
 */
const rule = (width: number, within: number, after = 0) => {
  const side = Math.max(0, Math.round((within - width) / 2));
  return new Paragraph({
    children: [new TextRun({ text: '', size: 2 })],
    indent: { left: side, right: side },
    spacing: { before: 30, after, line: 40, lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
  });
};

/**
 * An issuing body's name in upper case on lines that break between phrases, never inside one:
 * "SỞ KHOA HỌC" / "VÀ CÔNG NGHỆ", "SỞ VĂN HÓA, THỂ THAO" / "VÀ DU LỊCH". Short names stay on one line.
 */
export function letterheadLines(name: string, max = 18): string[] {
  const upper = name.toLocaleUpperCase('vi').replace(/\s+/g, ' ').trim();
  if (upper.length <= max) return [upper];
  const words = upper.split(' ');
  // As letterheads are set: before the last "VÀ" whose first line still fits ("SỞ VĂN HÓA, THỂ THAO" / "VÀ DU LỊCH").
  const beforeVa = words.map((w, i) => (i > 0 && w === 'VÀ' && words.slice(0, i).join(' ').length <= max + 2 ? i : -1)).filter((i) => i > 0);
  if (beforeVa.length) {
    const i = beforeVa[beforeVa.length - 1]!;
    const tail = words.slice(i).join(' ');
    return tail.length > max + 2 ? [words.slice(0, i).join(' '), ...letterheadLines(tail, max)] : [words.slice(0, i).join(' '), tail];
  }
  // Otherwise after a comma when there is one, or where the halves balance best.
  const candidates: number[] = [];
  words.forEach((w, i) => {
    if (i > 0 && (w === 'VÀ' || words[i - 1]!.endsWith(','))) candidates.push(i);
  });
  // Vietnamese words are mostly two syllables ("KHOA HỌC", "KỸ THUẬT"): without a better place,
  // break only between pairs, so no word is cut in two.
  const pairs = words.map((_, i) => i).filter((i) => i > 0 && i % 2 === 0);
  const all = candidates.length ? candidates : pairs.length ? pairs : [1];
  const len = (ws: string[]) => ws.join(' ').length;
  const best = all.reduce((b, i) => (Math.max(len(words.slice(0, i)), len(words.slice(i))) < Math.max(len(words.slice(0, b)), len(words.slice(b))) ? i : b), all[0]!);
  const head = words.slice(0, best).join(' ');
  const tail = words.slice(best).join(' ');
  return tail.length > max + 2 ? [head, ...letterheadLines(tail, max)] : [head, tail];
}

const pageHeader = () =>
  new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: pt(13) })] })] });
const emptyHeader = () => new Header({ children: [new Paragraph({ children: [] })] });

export async function reportDocx(r: ReportData, t: TFunction, timeZone: string): Promise<Buffer> {
  const date = officialDateLine(r.generatedAt, timeZone);
  const issuer = r.issuer;
  const parent = (issuer.parentBody ?? t('report_doc.parent_default')).toLocaleUpperCase('vi');
  const number = t('report_doc.number', { abbr: issuer.abbreviation });
  const agencyReport = r.kind === 'agency';
  const issuerName = r.agency?.name ?? issuer.name;

  const issuerLines = letterheadLines(issuerName);
  // Letterhead: two borderless rows so "Số:" and the date line sit on the same line.
  const LEFT = 3550;
  const RIGHT = TEXT_WIDTH - LEFT;
  const centred = (text: string, o: RunOpts) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 0 }, children: [run(text, o)] });
  const letterhead = twoColumns(LEFT, [
    new TableRow({
      children: [
        plainCell(LEFT, [
          centred(parent, { size: pt(13) }),
          // 13 pt; 12 pt (the form allows 12–13) when a phrase is too long for the column at 13.
          ...issuerLines.map((line) => centred(line, { bold: true, size: issuerLines.some((l) => l.length > 20) ? pt(12) : pt(13) })),
          rule(Math.round(LEFT / 3), LEFT, 120),
        ]),
        plainCell(RIGHT, [centred(t('report_doc.nation'), { bold: true, size: pt(12) }), centred(t('report_doc.motto'), { bold: true, size: pt(13.5) }), rule(3150, RIGHT, 120)]),
      ],
    }),
    new TableRow({
      children: [
        plainCell(LEFT, [centred(number, { size: pt(13) })]),
        plainCell(RIGHT, [centred(t('report_doc.date_line', date), { italics: true, size: pt(14) })]),
      ],
    }),
  ]);

  const heading = (text: string) => para([run(text, { bold: true })], { before: 120, keepNext: true, indent: true });
  const none = t('report_doc.none');
  // `keepLast`: the last paragraph stays on the page of what follows (the signature is never alone on a page).
  const orNone = (items: string[], keepLast = false) =>
    (items.length ? items : [none]).map((x, i, all) => para([run(x)], { indent: true, keepNext: keepLast && i === all.length - 1 }));
  // No line has a figure yet: by the one rule a missing figure counts 0, so the sentence says 0%.
  const pctText = (p: number | null) => (p === null ? t('report_doc.percent_none') : percentText(p));
  // A line's figure in a sentence or a cell: words, never a bare "—".
  const linePct = lineFigure(t);
  const codes = (rows: ReportRow[]) => rows.map((x) => x.code).join(', ');
  const nextYear = r.year + 1;

  // I. Results
  const results: Array<Paragraph | Table> = [];
  const counts: Record<string, number | string> = Object.fromEntries(CATEGORIES.map((c) => [c, r.counts[c]]));
  // "Chưa thực hiện" is QĐ 42's category for a task not started, and also where a task nobody
  // reported on falls: the report to UBND says how many of them are only unreported.
  const unreportedNotStarted = r.rows.filter((x) => x.categoryKey === 'not_started' && noOwedReport(x)).length;
  if (unreportedNotStarted) {
    const all = unreportedNotStarted === r.counts.not_started;
    counts.not_started = `${r.counts.not_started}${t(all ? 'report_doc.not_started_all_unreported' : 'report_doc.not_started_unreported', { count: unreportedNotStarted })}`;
  }
  // Beside the five QĐ 42 categories (where a task never started stays "chưa thực hiện" even past
  // its date), how many are overdue and which: the tasks (Summary.overdue) or the agency's own lines.
  const overdueCodes = agencyReport ? r.rows.filter((x) => x.overdue).map((x) => x.code) : r.summary.overdue.map((x) => x.task.code);
  const overdueText = overdueCodes.length ? t('report_doc.overdue_in_figures', { count: overdueCodes.length, codes: overdueCodes.join(', ') }) : t('report_doc.overdue_in_figures_none');
  if (agencyReport) {
    const lead = r.rows.filter((x) => x.role === 'lead' || x.role === 'lead_group').length;
    results.push(...bodyParas(t('report_doc.basis_agency', { agency: issuerName, year: r.year })));
    results.push(...bodyParas(t('report_doc.figures_agency', {
      year: r.year, agency: issuerName, total: r.rows.length, ...counts, overdue: overdueText,
      // "chủ trì 5 nhiệm vụ và phối hợp 2 nhiệm vụ"; a role it does not hold is not mentioned.
      roles: [lead && t('report_doc.roles_lead', { count: lead }), r.rows.length - lead && t('report_doc.roles_coordinating', { count: r.rows.length - lead })].filter(Boolean).join(t('report_doc.and')),
      percent: pctText(r.overall), with: r.coverage.withFigure, expected: r.coverage.expected,
    })));
  } else {
    results.push(...bodyParas(t('report_doc.basis')));
    results.push(...bodyParas(t('report_doc.figures', { year: r.year, total: r.rows.length, ...counts, overdue: overdueText, percent: pctText(r.overall) })));
    results.push(...bodyParas(t('report_doc.coverage', { with: r.coverage.withFigure, expected: r.coverage.expected })));
    for (const s of r.summary.bySection) {
      const total = Object.values(s.counts).reduce((a, b) => a + b, 0);
      results.push(...bodyParas(t('report_doc.section_line', { code: s.section, title: r.sectionTitles[s.section] ?? '', total, done: s.counts.done, percent: percentText(s.percent) })));
    }
  }
  const resultItems = agencyReport
    ? r.rows.filter((x) => x.result).map((x) => t('report_doc.item_own', { code: x.code, role: t(`report_doc.role.${x.role}`), status: statusWithPercent(x.status, x.percent, x.statusKey !== null, linePct, true), text: x.result }))
    : r.rows.flatMap((x) => x.lines.filter((l) => l.result).map((l) => t('report_doc.item', { code: x.code, agency: l.agency, status: statusWithPercent(l.status, l.percent, l.statusKey !== null, linePct, true), text: l.result })));
  results.push(...bodyParas(t('report_doc.results_intro')), ...orNone(resultItems));
  if (!agencyReport) results.push(...targetsBlock(r, t));
  results.push(...bodyParas(t('report_doc.table_intro')));

  // II. Shortcomings: difficulties reported, tasks overdue, lines nobody reported.
  const difficulties = agencyReport
    ? r.rows.filter((x) => x.difficulties).map((x) => t('report_doc.item_plain', { code: x.code, text: x.difficulties.replace(/\n/g, '; ') }))
    : r.rows.flatMap((x) => x.lines.filter((l) => l.difficulties).map((l) => t('report_doc.item_agency', { code: x.code, agency: l.agency, text: l.difficulties.replace(/\n/g, '; ') })));
  const overdue = r.rows.filter((x) => x.overdue);
  // What the agency owes a report on and did not report (owes: led, or led by a group it is in), as the bot counts it.
  // A line with any report counts as reported (a note without a status word too), as in the chat.
  const unreported = r.rows.filter((x) => x.lines.some((l) => l.lastAt === null && l.role !== 'other' && owes(l.role)));
  const shortcomings = [
    ...difficulties,
    ...(overdue.length ? [t('report_doc.overdue_list', { codes: codes(overdue) })] : []),
    ...(agencyReport && unreported.length ? [t('report_doc.unreported_list', { codes: codes(unreported) })] : []),
    ...(!agencyReport && r.silent.length ? [t('report_doc.silent_list', { agencies: r.silent.join(', ') })] : []),
    ...(!agencyReport && r.incomplete.length ? [t('report_doc.incomplete_list', { agencies: r.incomplete.join('; ') })] : []),
  ];

  // III. Next year: what is unfinished carries over; the ongoing and yearly duties continue.
  const unfinished = r.rows.filter((x) => x.statusKey !== 'done');
  const direction = [
    ...(unfinished.length ? [t('report_doc.next_unfinished', { codes: codes(unfinished) })] : []),
    t(agencyReport ? 'report_doc.next_ongoing_agency' : 'report_doc.next_ongoing', { next: nextYear }),
  ];

  // IV. Proposals: from the notes ("Đề xuất: …") and from /kiennghi, each once.
  const fromNotes = agencyReport
    ? r.rows.flatMap((x) => x.lines.filter((l) => l.proposals).map((l) => ({ code: x.code, agency: l.agency, text: l.proposals })))
    : r.rows.flatMap((x) => x.lines.filter((l) => l.proposals).map((l) => ({ code: x.code, agency: l.agency, text: l.proposals })));
  const proposalItems = [...fromNotes, ...r.proposals.map((p) => ({ code: p.taskCode, agency: p.agency, text: p.text }))].map((p) =>
    agencyReport || !p.agency ? t('report_doc.item_plain', { code: p.code, text: p.text.replace(/\n/g, '; ') }) : t('report_doc.item_agency', { code: p.code, agency: p.agency, text: p.text.replace(/\n/g, '; ') }),
  );

  const body: Array<Paragraph | Table> = [
    letterhead,
    para([run('')], { after: 120 }),
    para([run(t('report_doc.title'), { bold: true })], { align: AlignmentType.CENTER, after: 0 }),
    para([run(t('report_doc.subtitle', { year: r.year }), { bold: true })], { align: AlignmentType.CENTER, after: 60 }),
    rule(2200, TEXT_WIDTH, 240),
    ...(agencyReport ? [para([run(t('report_doc.to_coordinator'))], { align: AlignmentType.CENTER, after: 240 })] : []),
    heading(t('report_doc.sec_results')),
    ...results,
    heading(t('report_doc.sec_shortcomings')),
    ...orNone(shortcomings),
    heading(t('report_doc.sec_direction', { next: nextYear })),
    ...direction.map((x) => para([run(x)], { indent: true })),
    heading(t('report_doc.sec_proposals')),
    // The signature is never alone on a page: it keeps with the last lines of IV — and only with
    // them, so when it does not fit, what moves with it is a few lines, not a page's worth.
    ...orNone(proposalItems, true),
    signatureBlock(r, t),
    // The section has to end with a paragraph (it carries the section break). Left to the docx
    // library that is a full-size empty line, which a signature ending at the foot of the page
    // pushes onto a blank page of its own; even a 1 pt one did. This one is hidden (its mark is
    // "vanish"), so it takes no room at all.
    new Paragraph({ children: [], run: { size: 2, vanish: true }, spacing: { before: 0, after: 0, line: 20, lineRule: LineRuleType.EXACT } }),
  ];

  const appendix = appendixTable(r, t);
  const doc = new Document({
    creator: 'kh457-bot',
    title: t('report_doc.subtitle', { year: r.year }),
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      {
        properties: { page: { size: A4, margin: MARGIN }, titlePage: true },
        headers: { default: pageHeader(), first: emptyHeader() },
        children: body,
      },
      {
        properties: { page: { size: { ...A4, orientation: PageOrientation.LANDSCAPE }, margin: LANDSCAPE_MARGIN } },
        headers: { default: pageHeader() },
        children: [
          para([run(t('report_doc.appendix_title'), { bold: true })], { align: AlignmentType.CENTER, after: 0 }),
          para([run(t('report_doc.appendix_subtitle', { year: r.year }), { bold: true })], { align: AlignmentType.CENTER, after: 0 }),
          para([run(t('report_doc.appendix_ref', { abbr: issuer.abbreviation, date: formatDate(r.generatedAt, timeZone), issuer: issuerName }), { italics: true })], { align: AlignmentType.CENTER, after: 60 }),
          rule(2200, LANDSCAPE_WIDTH, 200),
          appendix,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** "Nơi nhận" bottom left, the signature block bottom right; blank lines where nothing was set, to sign by hand. */
function signatureBlock(r: ReportData, t: TFunction): Table {
  const i = r.issuer;
  const LEFT = 4200;
  const RIGHT = TEXT_WIDTH - LEFT;
  const recipients = t(r.kind === 'agency' ? 'report_doc.recipients_agency' : 'report_doc.recipients_consolidated').split('\n');
  const line = (text: string, o: RunOpts, align: Align = AlignmentType.CENTER, before = 0) => new Paragraph({ alignment: align, spacing: { before, after: 0 }, children: [run(text, o)] });
  const placeholder = t('report_doc.sign_placeholder');
  const up = (s: string) => s.toLocaleUpperCase('vi');
  // Space above the block beyond the 6 pt after the paragraph before it: none, as the form sets
  // Nơi nhận right under the text — and every point here can push the block and IV's last lines
  // onto a page of their own.
  const GAP = 0;
  const right = [
    ...(i.authority ? [line(up(i.authority), { bold: true }, AlignmentType.CENTER, GAP)] : []),
    line(i.signerTitle ? up(i.signerTitle) : placeholder, { bold: !!i.signerTitle }, AlignmentType.CENTER, i.authority ? 0 : GAP),
    // Room for the signature and the seal: four lines, about 23 mm.
    ...Array.from({ length: 4 }, () => line('', {})),
    line(i.signerName ?? placeholder, { bold: !!i.signerName }),
  ];
  const left = [line(t('report_doc.recipients_title'), { bold: true, italics: true, size: pt(12) }, AlignmentType.LEFT, GAP), ...recipients.map((x) => line(x, { size: pt(11) }, AlignmentType.LEFT))];
  return twoColumns(LEFT, [new TableRow({ cantSplit: true, children: [plainCell(LEFT, left), plainCell(RIGHT, right)] })]);
}

/** The plan's targets with their latest recorded values (consolidated report, section I). */
function targetsBlock(r: ReportData, t: TFunction): Array<Paragraph | Table> {
  if (!r.targets.length) return [];
  const widths = [2900, 1700, 1000, 800, 1554, 1400];
  const head = ['target', 'goal', 'value', 'value_year', 'source', 'gap'].map((k) => t(`report_doc.col.${k}`));
  const number = (x: number) => x.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
  const rows = r.targets.map((s) => [
    s.target.label,
    t('report_doc.goal_text', { goal: s.target.goalText, horizon: s.target.horizon }),
    s.latest ? `${number(s.latest.value)}%` : t('report_doc.no_data'),
    s.latest ? String(s.latest.year) : '',
    s.latest?.source ?? '',
    s.gap === null ? t('report_doc.no_data') : s.gap <= 0 ? t('report_doc.gap_reached') : t('report_doc.gap_points', { gap: number(s.gap) }),
  ]);
  return [
    ...bodyParas(t('report_doc.targets_intro')),
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      rows: [
        new TableRow({ tableHeader: true, children: head.map((h, k) => new TableCell({ width: { size: widths[k]!, type: WidthType.DXA }, verticalAlign: VerticalAlign.CENTER, children: cellParas(h, { bold: true, align: AlignmentType.CENTER }) })) }),
        ...rows.map((cells) => new TableRow({ cantSplit: true, children: cells.map((c, k) => new TableCell({ width: { size: widths[k]!, type: WidthType.DXA }, children: cellParas(c) })) })),
      ],
    }),
    para([run('')], { after: 60 }),
  ];
}

/**
 * TT · Nội dung · Cơ quan chủ trì · Thời gian thực hiện · Hạn · Kết quả · Khó khăn · Đề xuất; a row
 * per section heading, a row per task. Widths (≈ 257 mm in all): TT holds "III.1.2" on one line;
 * the plan's timeline cells are sentences, so that column is wide enough not to stack them word by
 * word; difficulties and proposals are mostly short. A task row may run on to the next page (a
 * full-page gap is worse than a row cut in two; the header row repeats), a section heading never
 * stays alone at the foot of a page.
 */
function appendixTable(r: ReportData, t: TFunction): Table {
  const widths = [950, 3300, 1800, 1650, 1300, 2620, 1500, 1450];
  const headings = ['tt', 'content', 'lead', 'timeline', 'due', 'result', 'difficulties', 'proposals'].map((k) => t(`report_doc.col.${k}`));
  const th = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: headings.map((h, i) => new TableCell({ width: { size: widths[i]!, type: WidthType.DXA }, verticalAlign: VerticalAlign.CENTER, children: cellParas(h, { bold: true, align: AlignmentType.CENTER }) })),
  });
  const rows: TableRow[] = [];
  let section = '';
  for (const row of r.rows) {
    const sec = row.code.split('.')[0]!;
    if (sec !== section) {
      section = sec;
      const heading = cellParas(`${sec}. ${r.sectionTitles[sec] ?? ''}`, { bold: true, keepNext: true });
      rows.push(new TableRow({ cantSplit: true, children: [new TableCell({ columnSpan: 8, children: heading })] }));
    }
    const cells = [row.tt, row.content, row.lead, row.timeline, isoToVn(row.due), resultCell(r, row, t), row.difficulties, row.proposals];
    const children = (c: string, i: number) => [
      ...cellParas(c, { align: i === 0 || i === 4 ? AlignmentType.CENTER : AlignmentType.LEFT }),
      // Overdue (past its date and not done, as progress.ts decides): said under the date.
      ...(i === 4 && row.overdue ? cellParas(t('report_doc.overdue_mark'), { bold: true, align: AlignmentType.CENTER }) : []),
    ];
    rows.push(new TableRow({ children: cells.map((c, i) => new TableCell({ width: { size: widths[i]!, type: WidthType.DXA }, children: children(c, i) })) }));
  }
  return new Table({ width: { size: LANDSCAPE_WIDTH, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED, rows: [th, ...rows] });
}

/** No agency that owes a report on the task gave one (a coordinating agency's report is not one: attack review). */
const noOwedReport = (row: ReportRow) => row.lines.every((l) => l.lastAt === null || l.role === 'other' || !owes(l.role));

/** "40%", or "chưa báo cáo tỉ lệ" for a line that reported no figure. */
const lineFigure = (t: TFunction) => (p: number | null) => (p === null ? t('report_doc.no_percent') : percentText(p));

/**
 * Agency report: its role, its own status and figure, its result. Consolidated: the task's status
 * and figure, then each responsible agency's line ("Sở Y tế: Hoàn thành (100%)") and what it did.
 */
function resultCell(r: ReportData, row: ReportRow, t: TFunction): string {
  const linePct = lineFigure(t);
  if (r.kind === 'agency') {
    return [t('report_doc.role_line', { role: t(`report_doc.role.${row.role}`) }), statusWithPercent(row.status, row.percent, row.statusKey !== null, linePct), row.result].filter(Boolean).join('\n');
  }
  // The task's own figure; without one reported, its status alone (never "0%").
  // A task nobody reported on is "Chưa thực hiện" by the QĐ 42 category; said so, not left to read as started-and-stopped.
  const unreported = noOwedReport(row);
  const out = [(row.percent === null ? row.status : statusWithPercent(row.status, row.percent, true, percentText)) + (unreported ? ` (${t('report_doc.no_report_yet')})` : '')];
  for (const l of row.lines) {
    out.push(`- ${l.agency}: ${statusWithPercent(l.status, l.percent, l.statusKey !== null, linePct)}${l.result ? `. ${l.result}` : ''}`);
  }
  return out.join('\n');
}
