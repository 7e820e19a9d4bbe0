// The yearly report's content, from stored updates; the files are made in src/reports/.
// Two kinds: the consolidated report of Sở KH&CN (every task, every responsible agency's line) and
// an agency's own report (only the tasks it leads or coordinates, with ITS line's figures, not the
// task's aggregate). Figures come from src/domain/progress.ts only — nothing here computes a percentage.
import { PLAN } from '../domain/plan-data.js';
import { getIssuerSettings } from '../db/queries/issuer-settings.js';
import { loadCatalog } from '../db/queries/plan.js';
import { targetStandings } from '../db/queries/targets.js';
import { userNames } from '../db/queries/users.js';
import { proposalsOfYear } from '../db/queries/proposals.js';
import { yearReportRows } from '../db/queries/progress-reports.js';
import type { Db } from '../db/open.js';
import { indexAgencies, tasksOfAgency, type AgencyIndex, type TaskRole } from '../domain/agencies.js';
import { splitNote, type NoteParts } from '../domain/notes.js';
import { aggregatePercent, CATEGORIES, deadlineCategory, isOverdue, linePercent, type DeadlineCategory, type Line, type Summary, type TaskProgress } from '../domain/progress.js';
import type { Status } from '../domain/status.js';
import type { TargetStanding } from '../domain/targets.js';
import type { Agency } from '../domain/types.js';
import { dayAt } from '../text/dates.js';
import { buildSummary } from './status.js';

/** The agency that issues the consolidated report (Kế hoạch 457: Sở KH&CN consolidates). */
export const COORDINATOR_AGENCY = 'SKHCN';

/**
 * The symbol after "BC-" in "Số: …/BC-SYT" when the agency has not set its own with /chuky. These
 * are the forms An Giang's departments use; any other agency falls back to its code.
 */
export const DEFAULT_ABBREVIATIONS: Readonly<Record<string, string>> = {
  SKHCN: 'SKHCN',
  SYT: 'SYT',
  SCT: 'SCT',
  SGDDT: 'SGDĐT',
  SNNMT: 'SNNMT',
  STC: 'STC',
  SNV: 'SNV',
  CAT: 'CAT',
  SVHTTDL: 'SVHTTDL',
  TKT: 'TKT',
  LHHKHKT: 'LHH',
};

export type LineRole = TaskRole | 'other';

/** One agency's line on one task: its own status, figure and words. */
/** What a report says of a line or a task: status, figure, deadline standing and the three texts. */
interface Standing {
  statusKey: Status | null;
  /** "Chưa báo cáo" when the agency never reported this year. */
  status: string;
  /** linePercent: null when no figure was reported (shown "chưa báo cáo tỉ lệ", never 0 or 50). */
  percent: number | null;
  categoryKey: DeadlineCategory;
  category: string;
  overdue: boolean;
  result: string;
  difficulties: string;
  proposals: string;
}

export interface ReportLine extends Standing {
  agencyCode: string;
  agency: string;
  role: LineRole;
  lastAt: number | null;
}

export interface ReportRow extends Standing {
  tt: string;
  code: string;
  content: string;
  lead: string;
  /** The plan's "Thời gian thực hiện" cell. */
  timeline: string;
  /** The due date used, 'yyyy-mm-dd': the coordinator's /hanchot date, else 10/12 of the year. */
  due: string;
  /** An agency report: the agency's role on this task. */
  role?: LineRole;
  /** Consolidated: every responsible agency's line (leads, then others who reported); agency: its own line. */
  lines: ReportLine[];
}

export interface ReportUpdate {
  createdAt: number;
  taskCode: string;
  agency: string;
  author: string;
  status: string | null;
  percent: number | null;
  note: string;
  via: string;
  edited: boolean;
  withdrawn: boolean;
}

export interface ReportProposal {
  taskCode: string;
  agency: string;
  text: string;
  createdAt: number;
}

/** Who issues and signs the document. Unset fields stay null: the renderer leaves them blank or uses the form's default. */
export interface Issuer {
  code: string;
  name: string;
  /** Null: the default ("UBND TỈNH AN GIANG"). */
  parentBody: string | null;
  abbreviation: string;
  authority: string | null;
  signerTitle: string | null;
  signerName: string | null;
}

export interface ReportData {
  kind: 'consolidated' | 'agency';
  year: number;
  agency?: Agency;
  issuer: Issuer;
  summary: Summary;
  rows: ReportRow[];
  /**
   * The headline figure. Consolidated: the plan's (Summary.percent). Agency: aggregatePercent over
   * every line the agency holds in the report, lead and coordinating alike, because its report
   * answers for both; a line without a figure counts as 0 (the one rule), null when none has one.
   */
  overall: number | null;
  /** Deadline categories over the rows (tasks, or the agency's own lines). */
  counts: Record<DeadlineCategory, number>;
  /** Consolidated: lead lines with a figure / all lead lines. Agency: its lines with a figure / its lines. */
  coverage: { withFigure: number; expected: number };
  /** Agencies (short names) that owe a report (owingAgencies) and reported nothing this year; consolidated only. */
  silent: string[];
  /** Agencies that reported on some of the tasks they owe but not all: "Sở Y tế (I.1, II.5)", most missing first; consolidated only. */
  incomplete: string[];
  proposals: ReportProposal[];
  /** The plan's quantitative targets; consolidated only. */
  targets: TargetStanding[];
  updates: ReportUpdate[];
  generatedAt: number;
  sectionTitles: Record<string, string>;
}

/** Labels are passed in; the bot passes Vietnamese ones, as official documents are Vietnamese. */
export interface ReportLabels {
  status: (s: string | null) => string;
  category: (c: string) => string;
  agencyLine: (agency: string, text: string) => string;
  /** "(nay: Sở NN&MT)" after a plan agency that was reorganised. */
  today: (agencies: string) => string;
  /** A line nobody reported on ("Chưa báo cáo"); defaults to status(null). */
  notReported?: string;
}

export function buildReport(
  db: Db,
  input: { year: number; agencyCode?: string; now: number; timeZone: string; labels: ReportLabels },
): ReportData {
  const { labels } = input;
  const catalog = loadCatalog(db);
  const index = indexAgencies(catalog.agencies);
  const summary = buildSummary(db, input.year, input.now, input.timeZone, catalog);
  const agency = input.agencyCode ? index.get(input.agencyCode) : undefined;
  const short = (code: string) => index.get(code)?.short ?? code;
  const dayOf = (ms: number) => dayAt(ms, input.timeZone);
  const notReported = labels.notReported ?? labels.status(null);
  const props = proposalsOfYear(db, input.year, agency?.code);
  const roles = roleLookup(catalog.tasks, index);

  // The year's updates, oldest first: the "every update" sheet, and the words of each line.
  const all = yearUpdates(db, input.year, agency?.code);
  const words = wordsByLine(all);
  const noWords: LineWords = { result: '', difficulties: '', proposals: '' };

  const lineOf = (tp: TaskProgress, l: Line | undefined, agencyCode: string): ReportLine => {
    const said = (l?.updateCount && words.get(tp.task.code, agencyCode)) || noWords;
    const categoryKey = lineCategory(l, tp.due, summary.today, dayOf);
    return {
      agencyCode,
      agency: short(agencyCode),
      role: roles(agencyCode, tp.task.code),
      statusKey: l?.status ?? null,
      status: l?.status ? labels.status(l.status) : notReported,
      percent: l ? linePercent(l) : null,
      categoryKey,
      category: labels.category(categoryKey),
      overdue: isOverdue(l?.status ?? null, tp.due, summary.today),
      result: said.result,
      difficulties: said.difficulties,
      proposals: said.proposals,
      lastAt: l?.updateCount ? l.lastAt : null,
    };
  };

  const rows: ReportRow[] = [];
  if (agency) {
    // The tasks it answers for, and any it reported on as one of "Các Sở, ngành liên quan".
    const reported = new Set(summary.tasks.filter((t) => t.lines.some((l) => l.agencyCode === agency.code && l.updateCount)).map((t) => t.task.code));
    for (const { task, role } of tasksOfAgency(agency.code, catalog.tasks, index, reported)) {
      const tp = summary.tasks.find((x) => x.task.code === task.code)!;
      const own = lineOf(tp, tp.lines.find((l) => l.agencyCode === agency.code), agency.code);
      own.role = role;
      const taskProposals = props.filter((p) => p.taskCode === task.code).map((p) => p.text);
      rows.push({
        ...rowBase(tp, short, labels),
        role,
        statusKey: own.statusKey,
        status: own.status,
        percent: own.percent,
        categoryKey: own.categoryKey,
        category: own.category,
        overdue: own.overdue,
        result: own.result,
        difficulties: own.difficulties,
        proposals: [own.proposals, ...taskProposals].filter(Boolean).join('\n'),
        lines: [own],
      });
    }
  } else {
    for (const tp of summary.tasks) {
      // Leads must answer even when silent; anyone else appears once they reported.
      const lines = tp.lines.filter((l) => tp.expected.includes(l.agencyCode) || l.updateCount).map((l) => lineOf(tp, l.updateCount ? l : undefined, l.agencyCode));
      // Every agency that owes a report (owingAgencies: a leading group's members too, as for I.1,
      // which has no named lead) answers in the row, "Chưa báo cáo" when silent.
      const listed = new Set(lines.map((l) => l.agencyCode));
      for (const code of tp.unreported) if (!listed.has(code)) lines.push(lineOf(tp, undefined, code));
      const said = (key: 'result' | 'difficulties' | 'proposals') => lines.filter((l) => l[key]).map((l) => labels.agencyLine(l.agency, l[key]));
      const taskProposals = props.filter((p) => p.taskCode === tp.task.code).map((p) => labels.agencyLine(p.agencyCode ? short(p.agencyCode) : '', p.text));
      rows.push({
        ...rowBase(tp, short, labels),
        statusKey: tp.status,
        status: labels.status(tp.status),
        percent: tp.percent,
        categoryKey: tp.category,
        category: labels.category(tp.category),
        overdue: tp.overdue,
        result: said('result').join('\n'),
        difficulties: said('difficulties').join('\n'),
        proposals: [...said('proposals'), ...taskProposals].join('\n'),
        lines,
      });
    }
  }

  const counts = Object.fromEntries(CATEGORIES.map((c) => [c, rows.filter((r) => r.categoryKey === c).length])) as Record<DeadlineCategory, number>;
  const ownLines = rows.flatMap((r) => r.lines);
  const names = userNames(db);
  // Labels go through i18next; a year holds ~100,000 updates but only four statuses.
  const statusLabels = new Map<string | null, string | null>();
  const statusOf = (s: string | null) => {
    if (!statusLabels.has(s)) statusLabels.set(s, s ? labels.status(s) : null);
    return statusLabels.get(s)!;
  };
  return {
    kind: agency ? 'agency' : 'consolidated',
    year: input.year,
    agency,
    issuer: issuerOf(db, agency ?? index.get(COORDINATOR_AGENCY), agency?.code ?? COORDINATOR_AGENCY),
    summary,
    rows,
    overall: agency ? aggregatePercent(ownLines.map((l) => l.percent)) : summary.percent,
    counts,
    coverage: agency ? { withFigure: ownLines.filter((l) => l.percent !== null).length, expected: ownLines.length } : summary.coverage,
    silent: agency ? [] : summary.silent.map((a) => a.short),
    // The same list /tinhhinh gives the coordinator ("Còn thiếu báo cáo nhiệm vụ chủ trì").
    incomplete: agency ? [] : summary.incomplete.map((x) => `${x.agency.short} (${x.tasks.join(', ')})`),
    proposals: props.map((p) => ({ taskCode: p.taskCode, agency: p.agencyCode ? short(p.agencyCode) : '', text: p.text, createdAt: p.createdAt })),
    targets: agency ? [] : targetStandings(db, input.year),
    generatedAt: input.now,
    sectionTitles: Object.fromEntries(catalog.sections.map((sec) => [sec.code, sec.title])),
    updates: all.map((u) => ({
      createdAt: u.createdAt,
      taskCode: u.taskCode,
      agency: short(u.agencyCode),
      author: names(u.userId),
      status: statusOf(u.status),
      percent: u.percent,
      note: u.note ?? '',
      via: u.via,
      edited: !!u.editedAt,
      withdrawn: !!u.withdrawnAt,
    })),
  };
}

/** One stored update as the report reads it: a raw statement with just the columns it uses. */
interface RawUpdate {
  createdAt: number; taskCode: string; agencyCode: string; userId: number; status: Status | null; percent: number | null;
  note: string | null; via: string; editedAt: number | null; withdrawnAt: number | null;
}

/** Every update of the year (of one agency), oldest first: ~100,000 rows at full scale, read once. */
const yearUpdates = (db: Db, year: number, agencyCode: string | undefined): RawUpdate[] => yearReportRows<RawUpdate>(db, year, agencyCode);

type LineWords = NoteParts;
interface LineWordsIndex { get(taskCode: string, agencyCode: string): LineWords | undefined }

/**
 * A note cut into the report's three columns. A blocker report's note (status "vướng mắc")
 * describes the blocker, so its plain words are difficulties; only what it marks "Kết quả: …" is a
 * result and "Đề xuất: …" a proposal. (splitNote starts in the result column; a leading "Khó
 * khăn:" line makes it start in the difficulties column instead.)
 */
const partsOf = (note: string | null, blocker: boolean): NoteParts => (note ? splitNote(blocker ? `Khó khăn:\n${note}` : note) : { result: '', difficulties: '', proposals: '' });

/**
 * What each line says in the report's three columns — THE rule, used by both reports and every
 * file (.docx, .xlsx, .csv):
 * - result: the latest result text among the line's reports, where a blocker report (status
 *   "vướng mắc") gives only what it marks "Kết quả: …" — so a blocker never erases the result
 *   reported before it, and a blocker's own words are never printed as a result;
 * - difficulties: while the line is blocked, the words of the report that blocked it, plus the
 *   "Khó khăn: …" part of its latest report (once, when that is the same report);
 * - proposals: the "Đề xuất: …" part of its latest report (proposals sent with /kiennghi are added
 *   by the caller).
 * Withdrawn reports do not count, as for the line's status. `updates` is oldest first (the year's
 * raw rows, already loaded for the "every update" sheet); it is read newest first and each line
 * stops being looked at once its words are known, so a line with weeks of reports splits about
 * two notes, not all of them.
 */
function wordsByLine(updates: readonly RawUpdate[]): LineWordsIndex {
  interface Acc { words: LineWords; lastDifficulties: string; result: boolean; statusSeen: boolean }
  // By task, then agency: no key string built for each of ~100,000 rows.
  const acc = new Map<string, Map<string, Acc>>();
  for (let i = updates.length - 1; i >= 0; i--) {
    const u = updates[i]!;
    if (u.withdrawnAt !== null) continue;
    let ofTask = acc.get(u.taskCode);
    if (!ofTask) acc.set(u.taskCode, (ofTask = new Map()));
    let a = ofTask.get(u.agencyCode);
    if (a && a.result && (a.statusSeen || !u.status)) continue;
    const blocker = u.status === 'blocked';
    const parts = partsOf(u.note, blocker);
    if (!a) {
      // The newest report: its proposals and its own "Khó khăn: …".
      a = { words: { result: '', difficulties: '', proposals: parts.proposals }, lastDifficulties: parts.difficulties, result: false, statusSeen: false };
      ofTask.set(u.agencyCode, a);
    }
    if (!a.statusSeen && u.status) {
      // The report that set the current status: a blocker's words are the line's difficulty.
      a.statusSeen = true;
      const blockerWords = blocker ? parts.difficulties : '';
      a.words.difficulties = [...new Set([blockerWords, a.lastDifficulties].filter(Boolean))].join('\n');
    }
    if (!a.result && parts.result) {
      a.result = true;
      a.words.result = parts.result;
    }
  }
  return {
    get: (taskCode, agencyCode) => {
      const a = acc.get(taskCode)?.get(agencyCode);
      if (!a) return undefined;
      // A line whose reports never set a status: only its latest "Khó khăn: …".
      return a.statusSeen ? a.words : { ...a.words, difficulties: a.lastDifficulties };
    },
  };
}

/** The issuing body and its signature settings, with the defaults for what was never set. */
export function issuerOf(db: Db, agency: Agency | undefined, code: string): Issuer {
  const s = getIssuerSettings(db, code);
  return {
    code,
    name: agency?.name ?? code,
    parentBody: s?.parentBody || null,
    abbreviation: s?.abbreviation || defaultAbbreviation(code),
    authority: s?.authority || null,
    signerTitle: s?.signerTitle || null,
    signerName: s?.signerName || null,
  };
}

export const defaultAbbreviation = (code: string) => DEFAULT_ABBREVIATIONS[code] ?? code.replace(/_/g, '');

function rowBase(tp: TaskProgress, short: (c: string) => string, labels: ReportLabels) {
  return { tt: tp.task.code, code: tp.task.code, content: tp.task.content, lead: leadCell(tp, short, labels), timeline: tp.task.timeline, due: tp.due };
}

/**
 * A single line's deadline category, by the rule progress.ts applies to a task (progressOf): done
 * on or before the due day is on time; never reported counts as not started; otherwise in
 * progress, late once the due day has passed. progress.ts has no per-line export yet.
 */
function lineCategory(l: Line | undefined, due: string, today: string, dayOf: (ms: number) => string): DeadlineCategory {
  const status = l?.updateCount ? l.status : null;
  return deadlineCategory(status, status === 'done' ? dayOf(l!.statusAt ?? l!.lastAt) : null, due, today);
}

/** The role an agency holds on a task (lead, lead as one of "Các Sở, ban, ngành", coordinating), looked up once per agency. */
function roleLookup(tasks: Parameters<typeof tasksOfAgency>[1], index: AgencyIndex) {
  const cache = new Map<string, Map<string, TaskRole>>();
  return (agencyCode: string, taskCode: string): LineRole => {
    let m = cache.get(agencyCode);
    if (!m) {
      m = new Map(tasksOfAgency(agencyCode, tasks, index).map((x) => [x.task.code, x.role]));
      cache.set(agencyCode, m);
    }
    return m.get(taskCode) ?? 'other';
  };
}

/** The plan's lead cell, with today's agencies after it when the reorganisation changed them. */
function leadCell(tp: TaskProgress, short: (c: string) => string, labels: ReportLabels): string {
  const plan = tp.task.leadText.split('\n').map((l) => l.replace(/^- /, '').replace(/[;.]$/, '')).join('; ');
  const today = tp.expected.map(short);
  // Compared with the agencies the signed plan names (not today's lead rows, which include leads
  // given later with /giaoviec): any difference — a 2025 successor, a reassignment — is shown.
  const planCodes = PLAN.tasks.find((t) => t.code === tp.task.code)?.leadAgencies ?? tp.task.lead;
  const same = today.length === planCodes.length && planCodes.every((c) => today.includes(short(c)));
  return today.length && !same ? `${plan}\n${labels.today(today.join(', '))}` : plan;
}
