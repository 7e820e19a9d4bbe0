import { owes, tasksOfAgency, type AgencyIndex, type AgencyTask } from '../domain/agencies.js';
import { clip } from '../text/clip.js';
import { aggregatePercent, CATEGORIES, isOverdue, linePercent, percentText, progressBar, type Line, type Summary, type TaskProgress } from '../domain/progress.js';
import type { Agency, Section, Task } from '../domain/types.js';
import type { TFunction } from '../i18n.js';
import { formatDateTime, isoToVn } from '../text/dates.js';
import { esc, mono } from '../conversation/rich.js';
import { shortTitle } from './plan.js';
import { dueText, STATUS_ICON, statusLabel } from './progress-reports.js';

export interface StatusContext {
  index: AgencyIndex;
  sections: readonly Section[];
  timeZone: string;
  t: TFunction;
  nameOf: (userId: number) => string;
}

const NOTE_PREVIEW = 160;
const preview = (s: string | null) => esc(s ? clip(s, NOTE_PREVIEW) : '');

/** A year that is over is not "this year", and is not counted as days overdue. */
const isPastYear = (s: Summary) => s.year < Number(s.today.slice(0, 4));
const noUpdate = (s: Summary, t: TFunction) => (isPastYear(s) ? t('status.no_update_in', { year: s.year }) : t('status.no_update'));

function header(s: Summary, c: StatusContext, scope: string): string[] {
  const { t } = c;
  const countdown =
    isPastYear(s) ? t('status_view.past_year', { year: s.year, date: isoToVn(s.reportDue) })
    : s.daysLeft > 0 ? t('status_view.days_left', { count: s.daysLeft, date: isoToVn(s.reportDue) })
    : s.daysLeft === 0 ? t('status_view.due_today', { date: isoToVn(s.reportDue) })
    : t('status_view.overdue', { count: -s.daysLeft, date: isoToVn(s.reportDue) });
  return [`**${t('status_view.title', { year: s.year, scope })}**`, countdown];
}

function countsLine(counts: Record<string, number>): string {
  return (['done', 'in_progress', 'blocked', 'not_started'] as const).map((k) => `${STATUS_ICON[k]}${counts[k] ?? 0}`).join(' ');
}

export function renderOverall(s: Summary, c: StatusContext): string {
  const { t } = c;
  const lines = header(s, c, t('status_view.whole_plan'));
  lines.push('', `${t('status_view.overall')} ${mono(progressBar(s.percent))}`, countsLine(s.statusCounts), '', `**${t('status_view.by_section')}**`);
  for (const sec of s.bySection) lines.push(`${mono(`${sec.section.padEnd(3)} ${progressBar(sec.percent)}`)} ${countsLine(sec.counts)}`);
  lines.push('', `**${t('status_view.by_deadline')}**`);
  for (const cat of CATEGORIES) lines.push(`• ${t(`category.${cat}`)}: **${s.categories[cat]}**`);
  lines.push(t('status_view.categories_note'));
  lines.push(
    s.overdue.length
      ? t('status_view.overdue_tasks', { count: s.overdue.length, codes: s.overdue.map((tp) => tp.task.code).join(', ') })
      : t('status_view.overdue_none'),
  );
  lines.push(...blockedLines(s, c, () => true, BLOCKED_SHOWN), ...silentLines(s, c), ...incompleteLines(s, c));
  lines.push('', t('status_view.footer'));
  return lines.join('\n');
}

/**
 * The whole plan's /tinhhinh lists this many blocked lines at most, in plan order. After years of
 * use there are hundreds (620 in the bench's five-year history: 20 messages, most of the answer's
 * cost); the rest are counted by section, each with the command that lists them all.
 */
export const BLOCKED_SHOWN = 15;

function blockedLines(s: Summary, c: StatusContext, filter: (tp: { task: Task; line: Line }) => boolean = () => true, max = Infinity): string[] {
  const list = s.blocked.filter(filter);
  if (!list.length) return [];
  const out = ['', `**${c.t('status_view.blocked', { count: list.length })}**`];
  for (const { task, line } of list.slice(0, max)) {
    out.push(`• **${task.code}** — ${esc(c.index.get(line.agencyCode)?.short ?? line.agencyCode)}: ${preview(line.statusNote)}`);
  }
  if (list.length > max) {
    const bySection = new Map<string, number>();
    for (const { task } of list) bySection.set(task.section, (bySection.get(task.section) ?? 0) + 1);
    const sections = [...bySection].map(([code, count]) => c.t('status_view.blocked_in_section', { code, count })).join(', ');
    out.push(c.t('status_view.blocked_more', { count: list.length - max, sections }));
  }
  return out;
}

function silentLines(s: Summary, c: StatusContext): string[] {
  // "năm 2025", not "năm nay": the same view shows a past year (/tinhhinh 2025).
  if (!s.silent.length) return ['', c.t('status_view.nobody_silent', { year: s.year })];
  return ['', `**${c.t('status_view.silent', { count: s.silent.length, year: s.year })}**`, s.silent.map((a) => esc(a.short)).join(', ')];
}

/** Agencies named in the whole plan's list of those still missing reports on some of their tasks. */
export const INCOMPLETE_SHOWN = 15;

function incompleteLines(s: Summary, c: StatusContext): string[] {
  if (!s.incomplete.length) return [];
  const out = ['', `**${c.t('status_view.incomplete', { count: s.incomplete.length })}**`];
  for (const { agency, tasks } of s.incomplete.slice(0, INCOMPLETE_SHOWN)) {
    out.push(c.t('status_view.incomplete_line', { agency: esc(agency.short), count: tasks.length, codes: tasks.join(', ') }));
  }
  if (s.incomplete.length > INCOMPLETE_SHOWN) out.push(c.t('status_view.incomplete_more', { count: s.incomplete.length - INCOMPLETE_SHOWN }));
  return out;
}

function taskLine(tp: TaskProgress): string {
  // Past its due date and not done, not started ones included.
  const overdue = tp.overdue ? ` ⏰` : '';
  // "II.2 ⬜ — Xây dựng…": no figure, no second dash.
  const pct = tp.percent === null ? '' : ` ${percentText(tp.percent)}`;
  return `• **${tp.task.code}** ${STATUS_ICON[tp.status]}${pct} — ${esc(shortTitle(tp.task.content, 60))}${overdue}`;
}

export function renderSection(s: Summary, section: Section, c: StatusContext): string {
  const sec = s.bySection.find((x) => x.section === section.code)!;
  const lines = header(s, c, c.t('status_view.section', { code: section.code }));
  lines.push(esc(section.title), '', `${mono(progressBar(sec.percent))} ${countsLine(sec.counts)}`, '');
  for (const tp of s.tasks.filter((x) => x.task.section === section.code)) lines.push(taskLine(tp));
  lines.push(...blockedLines(s, c, (b) => b.task.section === section.code));
  return lines.join('\n');
}

export interface AgencyLine extends AgencyTask {
  tp: TaskProgress;
  /** The agency's line on the task this year; undefined when it has not reported ("no update"). */
  line: Line | undefined;
}

/**
 * The tasks an agency answers for in a year (domain/agencies.ts tasksOfAgency, with those it
 * reported on) and its line on each: what /tinhhinh lists for an agency and counts as "no update",
 * and what the status page (channels/web/) shows in an agency's cells and its "not reported" list.
 */
export function agencyLines(s: Summary, agencyCode: string, tasks: readonly Task[], index: AgencyIndex): AgencyLine[] {
  const reported = new Set(s.tasks.filter((t) => t.lines.some((l) => l.agencyCode === agencyCode && l.updateCount)).map((t) => t.task.code));
  return tasksOfAgency(agencyCode, tasks, index, reported).map((x) => {
    const tp = s.tasks.find((p) => p.task.code === x.task.code)!;
    const line = tp.lines.find((l) => l.agencyCode === agencyCode);
    return { ...x, tp, line: line?.updateCount ? line : undefined };
  });
}

/** One agency's tasks and lines; `section` narrows it to one section of the plan. */
export function renderAgencyStatus(s: Summary, agency: Agency, tasks: readonly Task[], c: StatusContext, section?: string): string {
  const { t } = c;
  const lines = header(s, c, section ? `${esc(agency.name)} — ${t('status_view.section', { code: section })}` : esc(agency.name));
  const held = agencyLines(s, agency.code, tasks, c.index).filter((x) => !section || x.task.section === section);
  const missing: string[] = [];
  const late: string[] = [];
  for (const { task, role, tp, line } of held) {
    // This agency's line against the task's due date: not reported counts as not done.
    const overdue = isOverdue(line ? line.status : null, tp.due, s.today);
    if (overdue) late.push(task.code);
    const due = dueText({ date: isoToVn(tp.due), overdue }, t);
    lines.push('', `**${task.code}** ${esc(shortTitle(task.content, 70))} __(${t(`tasks.role.${role}`)})__`);
    if (!line) {
      // Counted only where it owes a report (led, or led by a group it is in), as everywhere else.
      if (owes(role)) missing.push(task.code);
      lines.push(`   ${noUpdate(s, t)} · ${due}`);
      continue;
    }
    lines.push(`   ${statusLabel(line.status, line.percent, t)} · ${formatDateTime(line.lastAt, c.timeZone)} · ${esc(c.nameOf(line.lastUserId))} · ${due}`);
    if (line.lastNote) lines.push(`   __${preview(line.lastNote)}__`);
  }
  // The agency's own figure, as its yearly report states it: every line it holds, a line without a
  // figure counting 0 (domain/progress.ts aggregatePercent).
  const own = aggregatePercent(held.map(({ line: l }) => (l ? linePercent(l) : null)));
  if (held.length) lines.push('', `${t('status_view.agency_overall')} ${mono(progressBar(own))}`);
  lines.push('', missing.length ? t('status_view.agency_missing', { count: missing.length, year: s.year, codes: missing.join(', ') }) : t('mytasks.all_reported'));
  if (late.length) lines.push(t('mytasks.overdue', { count: late.length, codes: late.join(', ') }));
  return lines.join('\n');
}

export function renderTaskProgress(s: Summary, code: string, c: StatusContext): string {
  const { t } = c;
  const tp = s.tasks.find((x) => x.task.code === code)!;
  const lines = header(s, c, t('status_view.task', { code }));
  lines.push(esc(shortTitle(tp.task.content, 120)), '');
  lines.push(`${statusLabel(tp.status, null, t)} · ${mono(progressBar(tp.percent))}`);
  // "Đang thực hiện quá hạn" says it already; the mark is for the categories that do not (not started).
  const sayOverdue = tp.overdue && tp.category !== 'in_progress_late' && tp.category !== 'done_late';
  lines.push(t('status_view.due', { date: isoToVn(tp.due), category: t(`category.${tp.category}`) }) + (sayOverdue ? ` ${t('deadline.overdue_mark')}` : ''));
  if (!tp.lines.length) lines.push('', t('task.status_none'));
  for (const l of tp.lines) {
    const name = esc(c.index.get(l.agencyCode)?.short ?? l.agencyCode);
    // A task led only by a group (I.1: "Các Sở, ban, ngành") has no named lead: every department
    // reporting on it leads it jointly; elsewhere a line that is not a lead's is a coordinating one.
    const role = tp.expected.includes(l.agencyCode) ? '' : ` __(${t(tp.expected.length ? 'status_view.also_reported' : 'tasks.role.lead_group')})__`;
    if (!l.updateCount) {
      lines.push('', `**${name}**${role}: ${noUpdate(s, t)}`);
      continue;
    }
    lines.push('', `**${name}**${role}: ${statusLabel(l.status, l.percent, t)}`);
    lines.push(`   ${formatDateTime(l.lastAt, c.timeZone)} · ${esc(c.nameOf(l.lastUserId))} · ${t('status_view.updates', { count: l.updateCount })}`);
    if (l.lastNote) lines.push(`   __${preview(l.lastNote)}__`);
  }
  // Those owing a report and without one (the summary's `unreported`: a group's members too, as for
  // I.1) that are not listed above, named.
  const listed = new Set(tp.lines.map((l) => l.agencyCode));
  const missing = tp.unreported.filter((code) => !listed.has(code));
  if (missing.length) lines.push('', t('task.status_missing', { count: missing.length, names: missing.map((code) => esc(c.index.get(code)?.short ?? code)).join(', ') }));
  return lines.join('\n');
}
