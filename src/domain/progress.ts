// Where the plan stands in a year: the numbers behind /status, the digest and the report.
// Pure functions over plain data, so all three say the same thing.
import { currentLeads, owingAgencies, type AgencyIndex } from './agencies.js';
import { deriveTaskStatus, type Status } from './status.js';
import type { SectionCode } from './plan-schema.js';
import type { Agency, Task } from './types.js';

/** The state of one task × agency × year line. */
export interface Line {
  taskCode: string;
  agencyCode: string;
  status: Status | null;
  percent: number | null;
  lastAt: number;
  lastNote: string | null;
  /** When the current status began (for "done on time"). */
  statusAt: number | null;
  /** The note that set the current status (a blocked line's reason). */
  statusNote: string | null;
  lastUserId: number;
  updateCount: number;
}

export type DeadlineCategory = 'done_on_time' | 'done_late' | 'in_progress_on_time' | 'in_progress_late' | 'not_started';
export const CATEGORIES: DeadlineCategory[] = ['done_on_time', 'done_late', 'in_progress_on_time', 'in_progress_late', 'not_started'];

export interface TaskProgress {
  task: Task;
  /** Agencies that lead the task today and so must report on it. */
  expected: string[];
  /** One line per expected agency (status null when it has not reported), then any other reporter. */
  lines: Line[];
  /** Agencies that owe a report on it (owingAgencies) and gave one this year. */
  owedReporters: string[];
  /** Agencies that owe a report on it (owingAgencies: its leads, and a leading group's members) without a line of their own this year. */
  unreported: string[];
  /** Its blocked lines, as the summary lists them. */
  blocked: Array<{ task: Task; line: Line }>;
  /** Of the lines its figure rests on (decidingLines), how many carry a figure. */
  coverage: { withFigure: number; expected: number };
  status: Status;
  /** Null when none of the deciding lines has a figure. */
  percent: number | null;
  due: string;
  category: DeadlineCategory;
  /** Past `due` and not done (not started ones included). */
  overdue: boolean;
}

export interface Summary {
  year: number;
  today: string;
  reportDue: string;
  daysLeft: number;
  tasks: TaskProgress[];
  bySection: Array<{ section: SectionCode; counts: Record<Status, number>; percent: number }>;
  categories: Record<DeadlineCategory, number>;
  /** Tasks past their due date and not done. */
  overdue: TaskProgress[];
  /** Lead lines with a reported figure, of all lead lines: how much of `percent` rests on reports. */
  coverage: { withFigure: number; expected: number };
  statusCounts: Record<Status, number>;
  blocked: Array<{ task: Task; line: Line }>;
  /** Agencies that owe a report on some task (owingAgencies) and reported on none this year. */
  silent: Agency[];
  /**
   * Agencies that reported on some of the tasks they owe a report on this year but not on all, with
   * the codes still without a report, most first: "who has not reported?" goes further than `silent`.
   */
  incomplete: Array<{ agency: Agency; tasks: string[] }>;
  percent: number;
}

/** Active agencies leading a task, directly or through a predecessor (not through a group). */
export function expectedAgencies(task: Task, agencies: readonly Agency[], index: AgencyIndex): string[] {
  const leads = new Set(currentLeads(task, index));
  // In registry order, so lists read the same everywhere.
  return agencies.filter((a) => leads.has(a.code)).map((a) => a.code);
}

/**
 * The one rule for percentages (README, "How the figures are computed"), applied when a report
 * is folded into its line: "done" is 100; "not started" is 0; "in progress" and "blocked" take the
 * reported percentage, or keep the previous one when none was given — a blocker does not erase
 * progress, and a report without a figure does not invent one. Except 100 for "in progress": work
 * in progress is not at 100 % (typed, "đang 100%" is asked about as a contradiction), so a line
 * reopened after "done" with "đang" and no figure has none until one is reported. "Blocked" keeps
 * it ("vướng 100%" is accepted: the work is done and waits, e.g. for an approval).
 */
export function nextPercent(previous: number | null, status: Status, reported: number | null): number | null {
  if (status === 'done') return 100;
  if (status === 'not_started') return 0;
  return reported ?? (status === 'in_progress' && previous === 100 ? null : previous);
}

/** A line's percentage, or null when nobody has reported a figure for it (shown as "—", never as 0 or 50). */
export function linePercent(l: Pick<Line, 'status' | 'percent'>): number | null {
  if (!l.status) return null;
  if (l.status === 'done') return 100;
  return l.percent;
}

/**
 * An aggregate percentage (a task over its lead lines, a section or the plan over its tasks):
 * the average where a part without a figure counts as 0, so the figure rises only with progress
 * someone reported. Null when no part has a figure at all.
 */
export function aggregatePercent(parts: ReadonlyArray<number | null>): number | null {
  if (!parts.some((p) => p !== null)) return null;
  return average(parts.map((p) => p ?? 0));
}

/** A task's due date in a year: the coordinator's date when one was set, else the yearly report date. */
export function dueDateOf(deadlines: ReadonlyMap<string, string>, taskCode: string, reportDue: string): string {
  return deadlines.get(taskCode) ?? reportDue;
}

/**
 * The QĐ 42/2014 category of a task or a line against its due date ('yyyy-mm-dd'): done on time
 * or late by the day it was done (`doneDay`), in progress within or past the due date, or not
 * started (blocked counts as in progress: work began).
 */
export function deadlineCategory(status: Status | null, doneDay: string | null, due: string, today: string): DeadlineCategory {
  if (status === 'done') return doneDay !== null && doneDay <= due ? 'done_on_time' : 'done_late';
  if (!status || status === 'not_started') return 'not_started';
  return today <= due ? 'in_progress_on_time' : 'in_progress_late';
}

/** Past its due date ('yyyy-mm-dd', inclusive) and not done: overdue, whatever else was reported. */
export function isOverdue(status: Status | null, due: string, today: string): boolean {
  return status !== 'done' && today > due;
}

export interface SummaryInput {
  tasks: readonly Task[];
  agencies: readonly Agency[];
  lines: readonly Line[];
  /** Due dates set by the coordinator, 'yyyy-mm-dd' by task code. */
  deadlines: ReadonlyMap<string, string>;
  year: number;
  /** Today in the configured zone, 'yyyy-mm-dd'. */
  today: string;
  /** 'yyyy-mm-dd' of a timestamp in the configured zone. */
  dayOf: (ms: number) => string;
  reportDue: string;
}

export function summarize(input: SummaryInput): Summary {
  return summarizeTasks(taskProgresses(input), input);
}

/** Each task's standing — its lines (leads first), status, figure, due date, category — for `tasks` (all of the input's by default). */
export function taskProgresses(input: SummaryInput, tasks: readonly Task[] = input.tasks): TaskProgress[] {
  const index = new Map(input.agencies.map((a) => [a.code, a]));
  // Each task's lines looked up once, not by scanning the year's 1,860 lines for each of 31 tasks.
  const linesByTask = new Map<string, Line[]>();
  for (const l of input.lines) {
    const list = linesByTask.get(l.taskCode);
    if (list) list.push(l);
    else linesByTask.set(l.taskCode, [l]);
  }
  return tasks.map((task) => progressOf(task, input, index, linesByTask.get(task.code) ?? []));
}

/**
 * The plan's figures from each task's standing, in plan order: what is computed from more than one
 * task. Kept apart from taskProgresses so that a task's standing can be kept while nothing of it
 * changed (core/status.ts), and only the figures across tasks are added up again.
 */
export function summarizeTasks(tasks: readonly TaskProgress[], input: Omit<SummaryInput, 'tasks' | 'lines'>): Summary {
  const statusCounts = countBy(tasks.map((t) => t.status));
  const categories = Object.fromEntries(CATEGORIES.map((c) => [c, tasks.filter((t) => t.category === c).length])) as Record<DeadlineCategory, number>;
  const sections = [...new Set(tasks.map((t) => t.task.section))];
  const bySection = sections.map((section) => {
    const inSection = tasks.filter((t) => t.task.section === section);
    return { section, counts: countBy(inSection.map((t) => t.status)), percent: aggregatePercent(inSection.map((t) => t.percent)) ?? 0 };
  });
  // What each task's standing already holds (progressOf) is only gathered here: after a report,
  // the other tasks' standings are kept, and this runs over 31 of them, not over their lines.
  const blocked = tasks.flatMap((t) => t.blocked);
  // Reported: on a task it owes a report on. An agency that only reported as a coordinating one
  // has reported none of its lead tasks, and is silent (attack review).
  const reported = new Set<string>();
  for (const t of tasks) for (const a of t.owedReporters) reported.add(a);
  // Who owes a report and gave none: in registry order, as every agency list.
  const owing = new Set(tasks.flatMap((t) => t.unreported));
  const silent = input.agencies.filter((a) => owing.has(a.code) && !reported.has(a.code));
  const gaps = new Map<string, string[]>();
  for (const t of tasks) {
    for (const code of t.unreported) {
      if (!reported.has(code)) continue;
      const list = gaps.get(code);
      if (list) list.push(t.task.code);
      else gaps.set(code, [t.task.code]);
    }
  }
  // Most missing first; equal counts in registry order, as every agency list.
  const incomplete = input.agencies
    .filter((a) => gaps.has(a.code))
    .map((a) => ({ agency: a, tasks: gaps.get(a.code)! }))
    .sort((a, b) => b.tasks.length - a.tasks.length);
  return {
    year: input.year,
    today: input.today,
    reportDue: input.reportDue,
    daysLeft: daysBetween(input.today, input.reportDue),
    tasks: [...tasks],
    bySection,
    categories,
    overdue: tasks.filter((t) => t.overdue),
    // The lines the figures rest on: each task's leads, or for a task led only by a group (I.1,
    // "Các Sở, ban, ngành") whoever reported on it — the same lines progressOf averages.
    coverage: {
      withFigure: tasks.reduce((n, t) => n + t.coverage.withFigure, 0),
      expected: tasks.reduce((n, t) => n + t.coverage.expected, 0),
    },
    statusCounts,
    blocked,
    silent,
    incomplete,
    percent: aggregatePercent(tasks.map((t) => t.percent)) ?? 0,
  };
}

/** The lines that decide a task's status and figure: its leads', or everyone's when only a group leads it. */
export function decidingLines(t: Pick<TaskProgress, 'expected' | 'lines'>): Line[] {
  if (!t.expected.length) return t.lines;
  const leads = new Set(t.expected);
  return t.lines.filter((l) => leads.has(l.agencyCode));
}

function progressOf(task: Task, input: SummaryInput, index: AgencyIndex, reported: Line[]): TaskProgress {
  const expected = expectedAgencies(task, input.agencies, index);
  const blank = (agencyCode: string): Line => ({
    taskCode: task.code, agencyCode, status: null, percent: null, lastAt: 0, lastNote: null, statusAt: null, statusNote: null, lastUserId: 0, updateCount: 0,
  });
  const byAgency = new Map(reported.map((l) => [l.agencyCode, l]));
  const leads = new Set(expected);
  const expectedLines = expected.map((c) => byAgency.get(c) ?? blank(c));
  const others = reported.filter((l) => !leads.has(l.agencyCode));
  // With named leads, their lines decide. A task led only by groups (I.1: "Các Sở, ban, ngành",
  // an ongoing duty) counts whoever reported, but no one agency can declare it done for all.
  const deciding = expected.length ? expectedLines : others;
  let status = deriveTaskStatus(deciding);
  if (!expected.length && status === 'done') status = 'in_progress';
  const percent = aggregatePercent(deciding.map(linePercent));
  const due = dueDateOf(input.deadlines, task.code, input.reportDue);
  const doneAt = status === 'done' ? Math.max(...deciding.map((l) => l.statusAt ?? 0)) : 0;
  const category = deadlineCategory(status, status === 'done' ? input.dayOf(doneAt) : null, due, input.today);
  const lines = [...expectedLines, ...others];
  const owing = owingAgencies(task, input.agencies, index, leads);
  return {
    task, expected, lines,
    owedReporters: owing.filter((c) => byAgency.has(c)),
    unreported: owing.filter((c) => !byAgency.has(c)),
    blocked: lines.filter((l) => l.status === 'blocked').map((line) => ({ task, line })),
    coverage: { withFigure: deciding.filter((l) => linePercent(l) !== null).length, expected: deciding.length },
    status, percent, due, category, overdue: isOverdue(status, due, input.today),
  };
}

function countBy(statuses: Status[]): Record<Status, number> {
  const out: Record<Status, number> = { not_started: 0, in_progress: 0, done: 0, blocked: 0 };
  for (const s of statuses) out[s]++;
  return out;
}

const average = (xs: number[]) => (xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : 0);

/** Whole days from one 'yyyy-mm-dd' to another (negative when past). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** "▓▓▓▓░░░░░░ 40%": a bar that reads the same on every phone, in any font; "—" when no figure was reported. */
export function progressBar(percent: number | null, width = 10): string {
  if (percent === null) return `${'░'.repeat(width)} —`;
  const filled = Math.round((Math.max(0, Math.min(100, percent)) / 100) * width);
  return `${'▓'.repeat(filled)}${'░'.repeat(width - filled)} ${percent}%`;
}

/** "40%", or "—" for a line or task without a reported figure. */
export const percentText = (percent: number | null): string => (percent === null ? '—' : `${percent}%`);
