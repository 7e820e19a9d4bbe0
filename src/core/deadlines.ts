// A task's due date in a year and whether it is overdue — the one place every view and job asks —
// and the coordinator setting or moving it, with the agencies concerned told through the outbox.
import { loadCatalog, type Catalog } from '../db/queries/plan.js';
import { deadlineOf, deadlinesFor, setDeadline } from '../db/queries/deadlines.js';
import { applyOnce, type LatestLine } from '../db/queries/progress-reports.js';
import type { Db } from '../db/open.js';
import { isApplied } from '../db/queries/inbox.js';
import { outboxKeysStartingWith } from '../db/queries/outbox.js';
import { say } from '../delivery/say.js';
import type { AppDeps } from '../deps.js';
import { indexAgencies } from '../domain/agencies.js';
import { dueDateOf, expectedAgencies, isOverdue, summarize, type TaskProgress } from '../domain/progress.js';
import { reportDueIso } from '../domain/yearly-report.js';
import type { Status } from '../domain/status.js';
import type { Agency, Task } from '../domain/types.js';
import { agencyRecipients, defaultT } from '../jobs/deps.js';
import { shortTitle } from '../render/plan.js';
import { dayAt, isoToVn } from '../text/dates.js';
import { esc } from '../conversation/rich.js';

export interface DueDate {
  /** 'yyyy-mm-dd'. */
  date: string;
  /** Set with /deadline; otherwise the yearly report date applies. */
  byCoordinator: boolean;
}

export interface YearDeadlines {
  year: number;
  /** The yearly report date, 'yyyy-mm-dd' (10/12). */
  reportDue: string;
  /** The coordinator's dates by task code, as `summarize` takes them. */
  set: ReadonlyMap<string, string>;
  dueOf(taskCode: string): DueDate;
  /** A line or task of this year past its due date and not done (a line never reported counts). */
  overdue(taskCode: string, status: Status | null, today: string): boolean;
}

/** Every task's due date in `year`: the coordinator's date, or 10/12 of that year. */
export function deadlinesOfYear(db: Db, year: number): YearDeadlines {
  const set = deadlinesFor(db, year);
  const reportDue = reportDueIso(year);
  return {
    year,
    reportDue,
    set,
    dueOf: (code) => ({ date: dueDateOf(set, code, reportDue), byCoordinator: set.has(code) }),
    overdue: (code, status, today) => isOverdue(status, dueDateOf(set, code, reportDue), today),
  };
}

/** One task's standing in a year by the same rule as /status: status across its leads, due date, overdue. */
export function taskProgress(d: YearDeadlines, catalog: Catalog, task: Task, lines: readonly LatestLine[], now: number, timeZone: string): TaskProgress {
  const year = d.year;
  return summarize({
    tasks: [task],
    agencies: catalog.agencies,
    lines: lines.filter((l) => l.taskCode === task.code),
    deadlines: d.set,
    year,
    today: dayAt(now, timeZone),
    dayOf: (ms) => dayAt(ms, timeZone),
    reportDue: d.reportDue,
  }).tasks[0]!;
}

/** How one lead agency was told: through its linked groups, or its officers privately; 0 and 0 when it could not be. */
export interface Told {
  agency: Agency;
  groups: number;
  officers: number;
}

/** The year Kế hoạch 457 was signed: no deadline can fall before it. */
const PLAN_FIRST_YEAR = 2024;

export type SetDeadlineOutcome =
  | { kind: 'unchanged'; year: number; due: string }
  /**
   * Asked first: a date after the yearly report date, or a date in next year's reporting year
   * (1/1/2027 typed in November 2026 sets the 2027 deadline, not 2026's). A date already past is
   * not asked — recording that a deadline was missed is ordinary — but the answer says so.
   * `previous` is the stored date then.
   */
  | { kind: 'confirm'; reason: 'after_report' | 'next_year'; year: number; due: string; reportDue: string; previous: string | null }
  /** A year the plan cannot have a deadline in (before 2024, or beyond next year). */
  | { kind: 'out_of_range'; from: number; to: number }
  /** A confirmation whose premise changed: the stored date is no longer the one it was asked over. */
  | { kind: 'stale'; year: number; current: string | null }
  /** `previous` is the coordinator's earlier date (null: the default applied); undefined on a replay. */
  | { kind: 'saved'; year: number; due: string; previous?: string | null; told: Told[]; replayed: boolean; past?: boolean };

export interface SetDeadlineInput {
  task: Task;
  /** 'yyyy-mm-dd'; its year is the reporting year it applies to. */
  due: string;
  by: { id: number; name: string };
  eventId: number;
  /** Present when the coordinator pressed "confirm": the date stored when they were asked. */
  confirmed?: { expected: string | null };
}

/**
 * Sets or moves a task's due date, once per Telegram update: the row and the notices to each lead
 * agency (its groups, or its officers privately) are written in one transaction with the update's
 * applied mark, so a replay after a crash changes nothing and tells nobody twice.
 */
export function setTaskDeadline(d: AppDeps, input: SetDeadlineInput): SetDeadlineOutcome {
  const { db } = d;
  const { task, due } = input;
  const year = Number(due.slice(0, 4));
  const reportDue = reportDueIso(year);
  if (isApplied(db, input.eventId)) return { kind: 'saved', year, due, told: toldBefore(db, input.eventId), replayed: true };
  const today = dayAt(d.now(), d.config.timeZone);
  const thisYear = Number(today.slice(0, 4));
  // The plan was signed in 2024; a deadline beyond next year is a typo (01/01/1000, 31/12/9999).
  if (year < PLAN_FIRST_YEAR || year > thisYear + 1) return { kind: 'out_of_range', from: PLAN_FIRST_YEAR, to: thisYear + 1 };
  // better-sqlite3 is synchronous: nothing runs between these reads and the transaction below.
  const current = deadlineOf(db, task.code, year)?.dueDate ?? null;
  if (current === due) return { kind: 'unchanged', year, due };
  if (input.confirmed && input.confirmed.expected !== current) return { kind: 'stale', year, current };
  if (!input.confirmed) {
    const reason = due > reportDue ? 'after_report' : year > thisYear ? 'next_year' : null;
    if (reason) return { kind: 'confirm', reason, year, due, reportDue, previous: current };
  }
  const now = d.now();
  const r = applyOnce(
    db,
    input.eventId,
    (tx) => {
      setDeadline(tx, task.code, year, due, input.by.id, now);
      return notifyLeads(d, input, year, current ?? reportDue, current !== null, now);
    },
    now,
  );
  d.kick();
  if (!r.applied) return { kind: 'saved', year, due, told: toldBefore(db, input.eventId), replayed: true };
  return { kind: 'saved', year, due, previous: current, told: r.value, replayed: false, past: due < today };
}

const noticeKey = (updateId: number, agencyCode: string, kind: 'group' | 'officer', chatId: number) => `deadline:${updateId}:${agencyCode}:${kind}:${chatId}`;

function notifyLeads(d: AppDeps, input: SetDeadlineInput, year: number, previous: string, moved: boolean, now: number): Told[] {
  const { agencies } = loadCatalog(d.db);
  const index = indexAgencies(agencies);
  const t = defaultT(d);
  return expectedAgencies(input.task, agencies, index).map((code) => {
    const agency = index.get(code)!;
    const text = t(moved ? 'deadline.notice_moved' : 'deadline.notice_set', {
      code: input.task.code,
      year,
      agency: esc(agency.name),
      title: esc(shortTitle(input.task.content, 120)),
      date: isoToVn(input.due),
      previous: isoToVn(previous),
      who: esc(input.by.name),
    });
    const told: Told = { agency, groups: 0, officers: 0 };
    for (const target of agencyRecipients(d.db, code)) {
      say(d, { chatId: target.id, threadId: target.threadId }, { text }, { key: noticeKey(input.eventId, code, target.kind, target.id), kind: 'deadline' });
      if (target.kind === 'group') told.groups++;
      else told.officers++;
    }
    return told;
  });
}

/** Who a change already applied was told, read back from the notices it queued. */
function toldBefore(db: Db, updateId: number): Told[] {
  const keys = outboxKeysStartingWith(db, `deadline:${updateId}:`);
  const agencies = new Map(loadCatalog(db).agencies.map((a) => [a.code, a]));
  const out = new Map<string, Told>();
  for (const key of keys) {
    const [, , code, kind] = key.split(':');
    const agency = agencies.get(code!);
    if (!agency) continue;
    const told = out.get(agency.code) ?? { agency, groups: 0, officers: 0 };
    if (kind === 'group') told.groups++;
    else told.officers++;
    out.set(agency.code, told);
  }
  return [...out.values()];
}
