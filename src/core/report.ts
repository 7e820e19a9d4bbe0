// The yearly consolidated report's content, from stored updates; the files are made in src/reports/.
import { asc, eq } from 'drizzle-orm';
import { loadCatalog } from '../db/queries/plan.js';
import { userNames } from '../db/queries/users.js';
import { proposals } from '../db/schema.js';
import type { Db } from '../db/open.js';
import { indexAgencies, tasksOfAgency } from '../domain/agencies.js';
import { splitNote } from '../domain/notes.js';
import type { Summary, TaskProgress } from '../domain/progress.js';
import type { Agency } from '../domain/types.js';
import { buildSummary } from './status.js';

export interface ReportRow {
  tt: string;
  code: string;
  content: string;
  lead: string;
  status: string;
  percent: number | null;
  category: string;
  result: string;
  difficulties: string;
  proposals: string;
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

export interface ReportData {
  year: number;
  agency?: Agency;
  summary: Summary;
  rows: ReportRow[];
  updates: ReportUpdate[];
  generatedAt: number;
  sectionTitles: Record<string, string>;
}

/** Labels are passed in so the report reads in the requester's language. */
export interface ReportLabels {
  status: (s: string | null) => string;
  category: (c: string) => string;
  agencyLine: (agency: string, text: string) => string;
  /** "(nay: Sở NN&MT)" after a plan agency that was reorganised. */
  today: (agencies: string) => string;
}

export function buildReport(db: Db, input: { year: number; agencyCode?: string; now: number; timeZone: string; labels: ReportLabels }): ReportData {
  const catalog = loadCatalog(db);
  const index = indexAgencies(catalog.agencies);
  const summary = buildSummary(db, input.year, input.now, input.timeZone, catalog);
  const agency = input.agencyCode ? index.get(input.agencyCode) : undefined;
  const scope = agency ? new Set(tasksOfAgency(agency.code, catalog.tasks, index).map((x) => x.task.code)) : undefined;
  const short = (code: string) => index.get(code)?.short ?? code;
  const props = db
    .select()
    .from(proposals)
    .where(eq(proposals.year, input.year))
    .orderBy(asc(proposals.createdAt))
    .all();

  const rows: ReportRow[] = [];
  for (const tp of summary.tasks) {
    if (scope && !scope.has(tp.task.code)) continue;
    const lines = agency ? tp.lines.filter((l) => l.agencyCode === agency.code) : tp.lines.filter((l) => l.updateCount);
    const parts = lines.map((l) => ({ agency: short(l.agencyCode), note: splitNote(l.lastNote ?? ''), line: l }));
    const joinPart = (key: 'result' | 'difficulties' | 'proposals') =>
      parts.filter((p) => p.note[key]).map((p) => (parts.length > 1 || !agency ? input.labels.agencyLine(p.agency, p.note[key]) : p.note[key]));
    const difficulties = joinPart('difficulties');
    for (const p of parts) if (p.line.status === 'blocked' && !p.note.difficulties && p.line.statusNote) difficulties.push(input.labels.agencyLine(p.agency, p.line.statusNote));
    const taskProposals = props.filter((x) => x.taskCode === tp.task.code && (!agency || x.agencyCode === agency.code));
    rows.push({
      tt: tp.task.code,
      code: tp.task.code,
      content: tp.task.content,
      lead: leadCell(tp, short, input.labels),
      status: input.labels.status(tp.status),
      percent: tp.percent,
      category: input.labels.category(tp.category),
      result: joinPart('result').join('\n'),
      difficulties: difficulties.join('\n'),
      proposals: [...joinPart('proposals'), ...taskProposals.map((x) => input.labels.agencyLine(x.agencyCode ? short(x.agencyCode) : '', x.text))].join('\n'),
    });
  }

  const names = userNames(db);
  // Labels go through i18next; a year holds ~100,000 updates but only four statuses.
  const statusLabels = new Map<string | null, string | null>();
  const statusOf = (s: string | null) => {
    if (!statusLabels.has(s)) statusLabels.set(s, s ? input.labels.status(s) : null);
    return statusLabels.get(s)!;
  };
  // ~100,000 rows a year at full scale: a raw statement with just the columns the sheet shows.
  const all = db.$client
    .prepare(
      `select created_at createdAt, task_code taskCode, agency_code agencyCode, user_id userId, status, percent, note, via,
              edited_at editedAt, withdrawn_at withdrawnAt
       from updates where year = ? ${agency ? 'and agency_code = ?' : ''} order by created_at, id`,
    )
    .all(...(agency ? [input.year, agency.code] : [input.year])) as Array<{
    createdAt: number; taskCode: string; agencyCode: string; userId: number; status: string | null; percent: number | null;
    note: string | null; via: string; editedAt: number | null; withdrawnAt: number | null;
  }>;
  return {
    year: input.year,
    agency,
    summary,
    rows,
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

/** The plan's lead cell, with today's agencies after it when the reorganisation changed them. */
function leadCell(tp: TaskProgress, short: (c: string) => string, labels: ReportLabels): string {
  const plan = tp.task.leadText.split('\n').map((l) => l.replace(/^- /, '').replace(/[;.]$/, '')).join('; ');
  const today = tp.expected.map(short);
  const planShort = tp.task.lead.map(short);
  return today.length && today.join() !== planShort.join() ? `${plan}\n${labels.today(today.join(', '))}` : plan;
}
