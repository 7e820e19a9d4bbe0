// Reminders to agencies that have not reported this year, and escalation to the coordinator.
import { deadlinesOfYear } from '../core/deadlines.js';
import { loadCatalog } from '../db/queries/plan.js';
import { latestLines, lastActivityByAgency } from '../db/queries/progress-reports.js';
import { markEscalated, recordReminder, reminderReached, unescalatedReminders, type ReminderRow } from '../db/queries/reminders.js';
import { inTransaction } from '../db/tx.js';
import { CHOICES } from '../conversation/choices.js';
import { say } from '../delivery/say.js';
import { phrasingOf } from '../conversation/channels.js';
import { chatAddress } from '../db/queries/chats.js';
import type { TFunction } from '../i18n.js';
import { indexAgencies, owingAgencies } from '../domain/agencies.js';
import { daysBetween } from '../domain/progress.js';
import { reportDueIso } from '../domain/yearly-report.js';
import { shortTitle } from '../render/plan.js';
import { dueText } from '../render/progress-reports.js';
import { dayAt, formatDate, isoToVn, yearAt } from '../text/dates.js';
import { esc } from '../conversation/rich.js';
import { agencyRecipients, defaultT, notifyCoordinators, type JobDeps } from './deps.js';

/** Saturdays, Sundays and configured holidays (dd/mm) are quiet days. */
export function isQuietDay(day: string, holidays: readonly string[]): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  const [, m, d] = day.split('-');
  return weekday === 0 || weekday === 6 || holidays.includes(`${d}/${m}`);
}

/** In the last seven days before the report date, reminders go out every working day. */
export function inFinalWeek(day: string): boolean {
  const left = daysBetween(day, reportDueIso(Number(day.slice(0, 4))));
  return left >= 0 && left <= 7;
}

export interface ReminderRun {
  skipped?: 'quiet_day' | 'not_final_week';
  reminded: string[];
  /** Agencies named to the coordinator as silent after a reminder that reached them. */
  escalated: string[];
  /** Agencies named to the coordinator because no reminder reached them. */
  refused: string[];
}

/**
 * Sends each agency with unreported tasks one reminder for the day: to its linked groups, or
 * privately to its officers who started the bot. Buttons open the report flow for each task.
 */
export function runReminders(d: JobDeps, trigger: 'weekly' | 'daily'): ReminderRun {
  const now = d.now();
  const day = dayAt(now, d.config.timeZone);
  if (isQuietDay(day, d.config.holidays)) return { skipped: 'quiet_day', reminded: [], escalated: [], refused: [] };
  if (trigger === 'daily' && !inFinalWeek(day)) return { skipped: 'not_final_week', reminded: [], escalated: [], refused: [] };
  const year = yearAt(now, d.config.timeZone);
  const catalog = loadCatalog(d.db);
  const index = indexAgencies(catalog.agencies);
  const lines = latestLines(d.db, year, {}, {}); // which lines have a report; no notes needed
  const reported = new Set(lines.map((l) => `${l.taskCode}|${l.agencyCode}`));
  const owed = new Map<string, string[]>();
  for (const task of catalog.tasks) {
    for (const a of owingAgencies(task, catalog.agencies, index)) {
      if (!reported.has(`${task.code}|${a}`)) owed.set(a, [...(owed.get(a) ?? []), task.code]);
    }
  }
  const due = isoToVn(reportDueIso(year));
  const deadlines = deadlinesOfYear(d.db, year);
  // Never reported, so overdue once the task's due date has passed.
  const overdue = (code: string) => deadlines.overdue(code, null, day);
  const reminded: string[] = [];
  const unreachable: string[] = [];
  for (const [agencyCode, owedCodes] of owed) {
    const agency = index.get(agencyCode)!;
    // Overdue ones first, each group in plan order.
    const codes = [...owedCodes.filter(overdue), ...owedCodes.filter((c) => !overdue(c))];
    const late = codes.filter(overdue).length;
    const targets = agencyRecipients(d.db, agencyCode);
    // An agency nobody can be reached at is not recorded as reminded: the escalation says "not
    // responding after being reminded", which it never was.
    if (!targets.length) {
      unreachable.push(agencyCode);
      continue;
    }

    // "Press a task below" on Telegram, "type its number" on a text channel: one text per phrasing.
    const textFor = (t: TFunction) => [
      `**${t('reminder.title', { agency: esc(agency.name) })}**`,
      t('reminder.body', { count: codes.length, date: due }),
      ...(late ? [t('reminder.overdue', { count: late })] : []),
      '',
      ...codes.map(
        (c) =>
          `• **${c}** ${esc(shortTitle(catalog.tasks.find((x) => x.code === c)!.content, 70))} — ${dueText({ date: isoToVn(deadlines.dueOf(c).date), overdue: overdue(c) }, t)}`,
      ),
      '',
      t('reminder.howto'),
    ].join('\n');
    // The choices open the same report flow as /update.
    const choices = chunk(codes.map((c) => ({ label: `📝 ${c}`, data: CHOICES.reportTask.encode({ task: c }) })), 3);
    // Channels that count every message (Zalo): without the task lines, which the choices already name.
    const shortFor = (t: TFunction) => [`**${t('reminder.title', { agency: esc(agency.name) })}**`, t('reminder.body', { count: codes.length, date: due }), ...(late ? [t('reminder.overdue', { count: late })] : []), t('reminder.howto')].join('\n');
    // The reminder and its messages in one transaction: a reminder is never on record without what
    // was sent for it, which is how the escalation knows whether it reached anyone.
    const firstToday = inTransaction(d.db, () => {
      if (!recordReminder(d.db, { agencyCode, year, day, taskCodes: codes, sentAt: now })) return false;
      for (const target of targets) {
        const tt = d.i18n.t(d.config.defaultLocale, phrasingOf(chatAddress(d.db, target.id).channel));
        say(d, { chatId: target.id, threadId: target.threadId }, { text: textFor(tt), short: shortFor(tt), choices }, { key: `reminder:${agencyCode}:${day}:${target.id}`, kind: 'reminder' });
      }
      return true;
    });
    if (!firstToday) continue;
    reminded.push(agencyCode);
  }
  if (unreachable.length) {
    d.log.warn({ agencies: unreachable }, 'agencies owing a report with no linked group or reachable officer to remind');
    // The coordinator is told too, with the weekly reminders (not every day of the final week).
    if (trigger === 'weekly') {
      const names = unreachable.map((c) => esc(index.get(c)!.short)).join(', ');
      notifyCoordinators(d, `unreachable:${day}`, defaultT(d)('escalation.unreachable', { count: unreachable.length, names }), 'escalation');
    }
  }
  const { silent, refused } = escalate(d, year, day);
  d.kick();
  return { reminded, escalated: silent, refused };
}

/**
 * Agencies reminded ESCALATE_DAYS ago or more and silent since are named to the coordinator, once.
 * "Reminded" means a reminder reached someone: an agency no reminder reached (the bot blocked by
 * its officer, removed from its group, a send that kept failing) is named apart, as one to contact
 * directly, since "not responding after being reminded" would be untrue of it.
 */
function escalate(d: JobDeps, year: number, day: string): { silent: string[]; refused: string[] } {
  const now = d.now();
  const cutoff = now - d.config.escalateDays * 86_400_000;
  const last = lastActivityByAgency(d.db);
  // Per agency, its reminders old enough and not answered by a report since, oldest first.
  const due = new Map<string, ReminderRow[]>();
  for (const r of unescalatedReminders(d.db, year)) {
    if (r.sentAt > cutoff || (last.get(r.agencyCode) ?? 0) > r.sentAt) continue;
    due.set(r.agencyCode, [...(due.get(r.agencyCode) ?? []), r]);
  }
  // A reminder not delivered by now (refused for good, or still retried ESCALATE_DAYS later) did
  // not reach the agency.
  const silent = new Map<string, number>();
  const refused = new Map<string, number>();
  for (const [code, rows] of due) {
    const reached = rows.find((r) => reminderReached(d.db, code, r.day));
    if (reached) silent.set(code, reached.sentAt);
    else refused.set(code, rows[0]!.sentAt);
  }
  if (!silent.size && !refused.size) return { silent: [], refused: [] };
  const catalog = loadCatalog(d.db);
  const t = defaultT(d);
  const listed = (agencies: Map<string, number>, key: string) =>
    [...agencies].map(([code, since]) => `• ${esc(catalog.agencies.find((x) => x.code === code)!.short)} — ${t(key, { date: formatDate(since, d.config.timeZone) })}`);
  const text = [
    ...(silent.size ? [`**${t('escalation.title', { count: silent.size, days: d.config.escalateDays })}**`, ...listed(silent, 'escalation.since')] : []),
    ...(silent.size && refused.size ? [''] : []),
    ...(refused.size ? [`**${t('escalation.refused_title', { count: refused.size })}**`, ...listed(refused, 'escalation.refused_since')] : []),
  ].join('\n');
  // Keyed by the agencies named: a second run the same day (the weekly and daily reminders) that
  // names others is said too, and the same names are not said twice.
  notifyCoordinators(d, `escalation:${day}:${[...silent.keys(), ...refused.keys()].sort().join(',')}`, text, 'escalation');
  markEscalated(d.db, [...silent.keys(), ...refused.keys()], year, now);
  return { silent: [...silent.keys()], refused: [...refused.keys()] };
}

function chunk<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}
