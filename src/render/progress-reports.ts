import { owes, owingAgencies, type AgencyIndex, type AgencyTask } from '../domain/agencies.js';
import { linePercent, nextPercent, type Line } from '../domain/progress.js';
import type { Status } from '../domain/status.js';
import type { Agency, Task } from '../domain/types.js';
import type { HistoryEntry, LatestLine, ProgressReportRow } from '../db/queries/progress-reports.js';
import type { TFunction } from '../i18n.js';
import { formatDateTime } from '../text/dates.js';
import { clip } from '../text/clip.js';
import { esc, mono } from '../conversation/rich.js';
import { shortTitle } from './plan.js';

export const STATUS_ICON: Record<Status, string> = { not_started: '⬜', in_progress: '🔄', done: '✅', blocked: '⛔' };

export function statusLabel(status: Status | null, percent: number | null, t: TFunction): string {
  if (!status) return t('status.none');
  // Blocked keeps the progress made before the blocker, so it shows it too.
  const pct = (status === 'in_progress' || status === 'blocked') && percent !== null ? ` (${percent}%)` : '';
  return `${STATUS_ICON[status]} ${t(`status.${status}`)}${pct}`;
}

export interface Author {
  name: string;
}

export function renderSaved(
  u: ProgressReportRow,
  task: Task,
  agency: Agency,
  author: Author,
  files: number,
  timeZone: string,
  t: TFunction,
  edited = false,
  /** The line after this update (line_state): the figure shown follows the one percentage rule. */
  line?: Pick<Line, 'status' | 'percent'> | null,
): string {
  // A figure the report gives is shown as given (an edit of an older report: the line's figure is a
  // later report's). "Blocked" or "in progress" without one keep the line's (nextPercent, folded in).
  // An edit without a figure shows none: which figure it kept at its own time is not the line's now.
  const own = u.status ? nextPercent(null, u.status, u.percent) : null;
  const shown = u.percent !== null || edited ? own : line && line.status === u.status ? linePercent(line) : own;
  const kept = !edited && u.percent === null && shown !== null && (u.status === 'in_progress' || u.status === 'blocked');
  const state = u.status
    ? t('report.status', { status: statusLabel(u.status, shown, t) }) + (kept ? ` __${t('report.percent_kept')}__` : '')
    : t('report.note_only') + (line?.status ? ` ${t('report.line_now', { status: statusLabel(line.status, linePercent(line), t) })}` : '');
  const lines = [
    `${edited ? '✏️' : '✅'} **${t(edited ? 'report.revised' : 'report.saved', { code: task.code })}**`,
    `__${esc(shortTitle(task.content, 90))}__`,
    t('report.line', { agency: esc(agency.short), year: u.year }),
    state,
    '',
    `**${t('report.note')}**`,
    esc(u.note ?? ''),
  ];
  if (files) lines.push(t('report.files', { count: files }));
  lines.push('', `__${esc(author.name)} · ${formatDateTime(u.createdAt, timeZone)}${u.editedAt && !edited ? ` · ${t('history.edited')}` : ''}__`);
  lines.push(t('report.followup'));
  return lines.join('\n');
}

export function renderHistory(
  task: Task,
  entries: readonly HistoryEntry[],
  page: { index: number; pages: number; total: number },
  index: AgencyIndex,
  timeZone: string,
  t: TFunction,
): string {
  const lines = [`**${t('history.title', { code: task.code, count: page.total })}**`, esc(shortTitle(task.content))];
  if (!entries.length) lines.push('', t('history.empty'));
  for (const e of entries) {
    const agency = esc(index.get(e.agencyCode)?.short ?? e.agencyCode);
    const flags = [e.editedAt ? t('history.edited_times', { count: e.revisions }) : '', e.withdrawnAt ? t('history.withdrawn') : '']
      .filter(Boolean)
      .join(', ');
    lines.push(
      '',
      `**${formatDateTime(e.createdAt, timeZone)}** · ${agency} · ${esc(e.authorName)}${flags ? ` __(${flags})__` : ''}`,
      `${e.status ? statusLabel(e.status, e.percent, t) : t('history.note')} · ${t(`history.via.${e.via}`)} · ${t('history.year', { year: e.year })}`,
    );
    const note = e.withdrawnAt ? `~~${esc(e.note ?? '')}~~` : esc(e.note ?? '');
    lines.push(note);
    for (const f of e.files) lines.push(`📎 ${t(`history.file.${f.kind}`)}: ${mono(f.fileName ?? f.fileId)}`);
  }
  if (page.pages > 1) lines.push('', t('history.page', { page: page.index + 1, pages: page.pages }));
  return lines.join('\n');
}

export function renderMyTasks(
  agency: Agency,
  tasks: readonly AgencyTask[],
  lines: readonly LatestLine[],
  year: number,
  timeZone: string,
  t: TFunction,
  nameOf: (userId: number) => string,
  /** Each task's due date this year and whether the agency's line is overdue (core/deadlines.ts). */
  due: (taskCode: string, status: Status | null) => { date: string; overdue: boolean },
): string {
  const out = [`**${t('mytasks.title', { agency: esc(agency.name), year })}**`];
  const byTask = new Map(lines.filter((l) => l.agencyCode === agency.code).map((l) => [l.taskCode, l]));
  const missing: string[] = [];
  const late: string[] = [];
  for (const { task, role } of tasks) {
    const line = byTask.get(task.code);
    // Only what it owes a report on (owes: led, or led by a group it is in), as the coordinator counts it.
    if (!line && owes(role)) missing.push(task.code);
    const d = due(task.code, line?.status ?? null);
    if (d.overdue) late.push(task.code);
    const state = line ? statusLabel(line.status, line.percent, t) : t('status.no_update');
    const when = line ? ` · ${formatDateTime(line.lastAt, timeZone)} · ${esc(nameOf(line.lastUserId))}` : '';
    out.push(
      `• **${task.code}** ${esc(shortTitle(task.content, 60))} __(${t(`tasks.role.${role}`)})__`,
      `   ${state}${when}`,
      `   ${dueText(d, t)}`,
    );
  }
  out.push('', missing.length ? t('mytasks.missing', { count: missing.length, codes: missing.join(', ') }) : t('mytasks.all_reported'));
  if (late.length) out.push(t('mytasks.overdue', { count: late.length, codes: late.join(', ') }));
  // The example names one of the agency's own tasks: the first still missing, or its first.
  out.push(t('mytasks.howto', { code: missing[0] ?? tasks[0]?.task.code ?? 'II.3' }));
  return out.join('\n');
}

/** How many leads' and coordinating agencies' lines a task card lists (the most recent); the others are counted. */
const LEADS_SHOWN = 12;
const COORDINATING_SHOWN = 8;

export function renderTaskStatus(
  task: Task,
  lines: readonly LatestLine[],
  index: AgencyIndex,
  year: number,
  timeZone: string,
  t: TFunction,
  nameOf: (userId: number) => string,
  /** Whether a line is past the task's due date and not done (core/deadlines.ts). */
  overdue: (line: LatestLine) => boolean,
): string {
  // Leads first; coordinating agencies' lines after them, marked — they never decide the task's
  // status. On a phone a task card stays one message: up to LEADS_SHOWN leads are listed (a task has
  // one to three in the Plan; handed to every commune it has dozens) and the coordinating agencies
  // up to COORDINATING_SHOWN; the rest are counted (the five-year bench has 60 of each kind, which
  // was two messages of 4,096 characters). /tinhhinh <task> lists every line.
  // Who owes a report is the one rule (owingAgencies): today's leads, and the members of a group
  // that leads (I.1 is every department's). The others reporting are coordinating.
  const owing = owingAgencies(task, [...index.values()], index);
  const owingSet = new Set(owing);
  const isCoordinating = (l: LatestLine) => owingSet.size > 0 && !owingSet.has(l.agencyCode);
  const own = lines.filter((l) => l.taskCode === task.code);
  // Which lines are listed does not depend on who reads (the card is kept for everyone): those
  // blocked, then those overdue — what holds the task up — then the most recent.
  const rank = (l: LatestLine) => (l.status === 'blocked' ? 0 : overdue(l) ? 1 : 2);
  const leading = mostTelling(own.filter((l) => !isCoordinating(l)), LEADS_SHOWN, rank);
  const coordinating = mostTelling(own.filter(isCoordinating), COORDINATING_SHOWN, rank);
  const mine = [...leading.shown, ...coordinating.shown];
  const out = [`**${t('task.status_title', { year })}**`];
  if (!mine.length) out.push(t('task.status_none'));
  for (const l of mine) {
    const role = isCoordinating(l) ? ` __(${t('tasks.role.coordinating')})__` : '';
    out.push(
      `${esc(index.get(l.agencyCode)?.short ?? l.agencyCode)}${role}: ${statusLabel(l.status, l.percent, t)} · ${formatDateTime(l.lastAt, timeZone)} · ${esc(nameOf(l.lastUserId))}${overdue(l) ? ` ${t('deadline.overdue_mark')}` : ''}`,
    );
    // What holds a blocked line up, in the blocker's words (clipped): the reason the coordinator asks.
    if (l.status === 'blocked' && l.statusNote) out.push(`   __${esc(clip(l.statusNote.replace(/\s+/g, ' ').trim(), 100))}__`);
  }
  if (leading.more) out.push(t('task.status_more_leads', { count: leading.more }));
  // "Who has not reported?", named: every agency that owes a report on the task and has none this year.
  const reported = new Set(own.map((l) => l.agencyCode));
  const missing = owing.filter((c) => !reported.has(c));
  if (missing.length) out.push(t('task.status_missing', { count: missing.length, names: missing.map((c) => esc(index.get(c)?.short ?? c)).join(', ') }));
  if (coordinating.more) out.push(t('task.status_more', { count: coordinating.more }));
  return out.join('\n');
}

/** The `max` lines of lowest rank, the most recent first within one, in the order given; and how many are left out. */
function mostTelling(lines: readonly LatestLine[], max: number, rank: (l: LatestLine) => number): { shown: LatestLine[]; more: number } {
  if (lines.length <= max) return { shown: [...lines], more: 0 };
  const kept = new Set([...lines].sort((a, b) => rank(a) - rank(b) || b.lastAt - a.lastAt).slice(0, max));
  return { shown: lines.filter((l) => kept.has(l)), more: lines.length - max };
}

/** "hạn 30/06/2026 ⏰ quá hạn": a line's due date, 'dd/mm/yyyy' given, and its overdue mark. */
export function dueText(d: { date: string; overdue: boolean }, t: TFunction): string {
  return `${t('deadline.due_short', { date: d.date })}${d.overdue ? ` ${t('deadline.overdue_mark')}` : ''}`;
}
