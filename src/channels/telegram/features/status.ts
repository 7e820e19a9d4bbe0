// The coordinator's view of where the plan stands; officers see their own agency.
import { Composer, Markup } from 'telegraf';
import { setTaskDeadline, type SetDeadlineInput, type SetDeadlineOutcome } from '../../../core/deadlines.js';
import { buildSummary } from '../../../core/status.js';
import { approvedAgencies } from '../../../db/queries/officers.js';
import { loadCatalog } from '../../../db/queries/plan.js';
import { userNames } from '../../../db/queries/users.js';
import type { NotesFor } from '../../../db/queries/updates.js';
import { matchAgency } from '../../../domain/agency-match.js';
import { indexAgencies } from '../../../domain/agencies.js';
import { reportDueDate, reportDueIso } from '../../../domain/reporting.js';
import { parseSection, parseTaskCode } from '../../../domain/task-code.js';
import type { Task } from '../../../domain/types.js';
import { renderAgencyStatus, renderOverall, renderSection, renderTaskProgress, type StatusContext } from '../../../render/status.js';
import { isoToVn, vnToIso, yearAt } from '../../../text/dates.js';
import { esc } from '../../../conversation/rich.js';
import { clip } from '../../../text/clip.js';
import { COMMANDS } from '../commands.js';
import type { BotContext } from '../context.js';
import { commandArgs, replyRich } from '../reply.js';
import { chatAgencyOf, displayName } from '../reporting-helpers.js';

export const status = new Composer<BotContext>();

status.command([...COMMANDS.status], async (ctx) => {
  const { now, config } = ctx.deps;
  let args = commandArgs(ctx);
  let year = yearAt(now(), config.timeZone);
  const y = /(?:^|\s)(20\d\d)$/.exec(args);
  if (y) {
    year = Number(y[1]);
    args = args.slice(0, y.index).trim();
  }
  if (args.length > 200) return replyRich(ctx, ctx.t('tasks.filter_too_long'));
  const catalog = loadCatalog(ctx.db);
  const index = indexAgencies(catalog.agencies);
  // Each view reads only the notes it shows.
  const summaryFor = (notes: NotesFor) => buildSummary(ctx.db, year, now(), config.timeZone, catalog, notes);
  const nameOf = userNames(ctx.db);
  const c: StatusContext = { index, sections: catalog.sections, timeZone: config.timeZone, t: ctx.t, nameOf };
  const agencyView = (code: string) => renderAgencyStatus(summaryFor({ agencyCode: code }), index.get(code)!, catalog.tasks, c);

  if (!ctx.isCoordinator) {
    const mine = approvedAgencies(ctx.db, ctx.from.id);
    const chatAgency = chatAgencyOf(ctx);
    const agencies = chatAgency && mine.includes(chatAgency) ? [chatAgency] : mine;
    if (!agencies.length) return replyRich(ctx, ctx.t('status_view.not_registered'));
    if (!args) return replyRich(ctx, agencies.map(agencyView).join('\n\n'));
    // An officer narrows their own agency's view; they never get another agency's, and a filter
    // they typed is never silently dropped.
    const section = parseSection(args);
    if (section) {
      return replyRich(ctx, agencies.map((a) => renderAgencyStatus(summaryFor({ agencyCode: a }), index.get(a)!, catalog.tasks, c, section)).join('\n\n'));
    }
    const code = parseTaskCode(args);
    if (code && catalog.tasks.some((t) => t.code === code)) return replyRich(ctx, renderTaskProgress(summaryFor({ taskCode: code }), code, c));
    const m = matchAgency(args, catalog.agencies);
    if (m.kind === 'one' && agencies.includes(m.agency.code)) return replyRich(ctx, agencyView(m.agency.code));
    if (m.kind === 'one') return replyRich(ctx, ctx.t('status_view.own_agency_only', { agency: esc(m.agency.short) }));
    return replyRich(ctx, ctx.t('status_view.officer_filter', { query: esc(clip(args, 100)) }));
  }
  if (!args) {
    const chatAgency = chatAgencyOf(ctx);
    if (chatAgency) return replyRich(ctx, agencyView(chatAgency));
    return replyRich(ctx, renderOverall(summaryFor({}), c));
  }
  const section = parseSection(args);
  if (section) return replyRich(ctx, renderSection(summaryFor({}), catalog.sections.find((s) => s.code === section)!, c));
  const code = parseTaskCode(args);
  if (code && catalog.tasks.some((t) => t.code === code)) return replyRich(ctx, renderTaskProgress(summaryFor({ taskCode: code }), code, c));
  const m = matchAgency(args, catalog.agencies);
  if (m.kind === 'one') return replyRich(ctx, agencyView(m.agency.code));
  if (m.kind === 'many') {
    return replyRich(ctx, ctx.t('status_view.ambiguous', { query: esc(args), names: m.candidates.map((a) => esc(a.short)).join(', ') }));
  }
  return replyRich(ctx, ctx.t('tasks.nothing_found', { query: esc(args) }));
});

status.command([...COMMANDS.deadline], async (ctx) => {
  if (!ctx.isCoordinator) return replyRich(ctx, ctx.t('register.coordinators_only'));
  const [codeArg = '', dateArg = '', ...rest] = commandArgs(ctx).split(/\s+/);
  const task = loadCatalog(ctx.db).tasks.find((t) => t.code === parseTaskCode(codeArg));
  const iso = vnToIso(dateArg);
  if (!task || !iso || rest.length) return replyRich(ctx, ctx.t('deadline.usage'));
  return answerDeadline(ctx, setTaskDeadline(ctx.deps, deadlineInput(ctx, task, iso)), task);
});

// dl:<y|n>:<task>:<yyyymmdd>:<stored yyyymmdd | ->: confirm or cancel a due date after 10/12 (≤ 64 bytes).
// The data is user-controlled: the presser is checked again, the task and date re-validated, and
// the stored date must still be the one the question was asked over.
status.action(/^dl:([yn]):([^:]{1,20}):(\d{8}):(\d{8}|-)$/, async (ctx) => {
  if (!ctx.isCoordinator) return ctx.answerCbQuery(ctx.t('register.coordinators_only'), { show_alert: true });
  const [, choice, code, date, stored] = ctx.match as unknown as [string, 'y' | 'n', string, string, string];
  const task = loadCatalog(ctx.db).tasks.find((t) => t.code === code);
  const iso = compactToIso(date);
  const expected = stored === '-' ? null : compactToIso(stored);
  if (!task || !iso || (stored !== '-' && !expected)) return ctx.answerCbQuery(ctx.t('deadline.invalid_button'), { show_alert: true });
  await dropButtons(ctx);
  if (choice === 'n') {
    await ctx.answerCbQuery(ctx.t('deadline.cancelled_short'));
    return replyRich(ctx, ctx.t('deadline.cancelled', { code: task.code }), { quote: false });
  }
  const outcome = setTaskDeadline(ctx.deps, { ...deadlineInput(ctx, task, iso), confirmed: { expected } });
  if (outcome.kind === 'out_of_range') return ctx.answerCbQuery(ctx.t('deadline.out_of_range', { from: outcome.from, to: outcome.to }), { show_alert: true });
  if (outcome.kind === 'unchanged') return ctx.answerCbQuery(ctx.t('deadline.unchanged', { code: task.code, year: outcome.year, date: isoToVn(iso) }), { show_alert: true });
  if (outcome.kind === 'stale') {
    const current = shownDate(ctx.t, outcome.current, outcome.year);
    return ctx.answerCbQuery(ctx.t('deadline.stale', { code: task.code, year: outcome.year, current }), { show_alert: true });
  }
  await ctx.answerCbQuery();
  return answerDeadline(ctx, outcome, task);
});

function deadlineInput(ctx: BotContext, task: Task, due: string): SetDeadlineInput {
  return { task, due, by: { id: ctx.from!.id, name: displayName(ctx.from!) }, telegramUpdateId: ctx.update.update_id };
}

async function answerDeadline(ctx: BotContext, o: SetDeadlineOutcome, task: Task) {
  const t = ctx.t;
  switch (o.kind) {
    case 'unchanged':
      return replyRich(ctx, t('deadline.unchanged', { code: task.code, year: o.year, date: isoToVn(o.due) }));
    case 'stale':
      return replyRich(ctx, t('deadline.stale', { code: task.code, year: o.year, current: shownDate(t, o.current, o.year) }));
    case 'confirm': {
      const data = (c: 'y' | 'n') => `dl:${c}:${task.code}:${o.due.replaceAll('-', '')}:${o.previous ? o.previous.replaceAll('-', '') : '-'}`;
      const keyboard = Markup.inlineKeyboard([
        [Markup.button.callback(t('deadline.button_confirm'), data('y')), Markup.button.callback(t('deadline.button_cancel'), data('n'))],
      ]).reply_markup;
      const key = o.reason === 'after_report' ? 'deadline.confirm' : `deadline.confirm_${o.reason}`;
      return replyRich(ctx, t(key, {
        code: task.code, year: o.year, date: isoToVn(o.due), report: isoToVn(o.reportDue), current: shownDate(t, o.previous, o.year),
      }), { keyboard });
    }
    case 'out_of_range':
      return replyRich(ctx, t('deadline.out_of_range', { from: o.from, to: o.to }));
    case 'saved': {
      const lines = [
        o.previous
          ? t('deadline.moved', { code: task.code, year: o.year, date: isoToVn(o.due), previous: isoToVn(o.previous) })
          : t('deadline.set', { code: task.code, year: o.year, date: isoToVn(o.due) }),
      ];
      if (o.due > reportDueIso(o.year)) lines.push(t('deadline.after_report', { report: reportDueDate(o.year) }));
      if (o.past) lines.push(t('deadline.already_past'));
      const reached = o.told.filter((x) => x.groups || x.officers);
      const unreached = o.told.filter((x) => !x.groups && !x.officers);
      if (reached.length) {
        const list = reached.map((x) =>
          x.groups ? t('deadline.via_groups', { agency: esc(x.agency.short), count: x.groups }) : t('deadline.via_officers', { agency: esc(x.agency.short), count: x.officers }),
        );
        lines.push(t('deadline.told', { list: list.join('; ') }));
      }
      if (unreached.length) lines.push(t('deadline.not_told', { list: unreached.map((x) => esc(x.agency.short)).join(', ') }));
      if (!o.told.length) lines.push(t(o.replayed ? 'deadline.told_none' : 'deadline.no_leads'));
      return replyRich(ctx, lines.join('\n'));
    }
  }
}

/** A stored due date, or "the yearly report date 10/12/Y" when none was set. */
function shownDate(t: BotContext['t'], iso: string | null, year: number): string {
  return iso ? isoToVn(iso) : t('deadline.default_due', { date: reportDueDate(year) });
}

/** 'yyyymmdd' from a button → 'yyyy-mm-dd', or null when it is not a real date. */
function compactToIso(s: string): string | null {
  return vnToIso(`${s.slice(6, 8)}/${s.slice(4, 6)}/${s.slice(0, 4)}`);
}

/** The question was answered: its buttons go, so the message no longer invites a press. */
async function dropButtons(ctx: BotContext) {
  try {
    await ctx.editMessageReplyMarkup(undefined);
  } catch (err) {
    ctx.deps.log.debug({ err }, 'could not remove the deadline buttons');
  }
}
