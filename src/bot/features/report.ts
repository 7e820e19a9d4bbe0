// Officers report progress three ways — /update, buttons, or a reply to the bot — and all three
// end in `submit`, which calls the one core function that records a report.
import { Composer, Markup } from 'telegraf';
import { message } from 'telegraf/filters';
import type { InlineKeyboardMarkup, Message } from 'telegraf/types';
import { findTask, reportableAgencies, submitReport, type ReportOutcome } from '../../core/reporting.js';
import { approvedAgencies } from '../../db/queries/officers.js';
import { loadCatalog } from '../../db/queries/plan.js';
import { botMessage, rememberBotMessage } from '../../db/queries/updates.js';
import { indexAgencies, tasksOfAgency } from '../../domain/agencies.js';
import { parseReportText, STATUS_SHORT, STATUSES, statusFromShort, type ParsedReport, type Status } from '../../domain/status.js';
import { parseTaskCode } from '../../domain/task-code.js';
import type { Task } from '../../domain/types.js';
import { renderSaved, statusLabel } from '../../render/reporting.js';
import { shortTitle } from '../../render/plan.js';
import { escapeHtml } from '../../text/html.js';
import { COMMANDS } from '../commands.js';
import type { BotContext } from '../context.js';
import { commandArgs, replyHtml } from '../reply.js';
import { chatAgencyOf, displayName, filesOf, isFaceless, parseCommand } from '../reporting-helpers.js';

export const reporting = new Composer<BotContext>();

reporting.command([...COMMANDS.update], (ctx) => onUpdateCommand(ctx, commandArgs(ctx)));

// A document or photo whose caption is an /update command, or that replies to the bot.
reporting.on([message('document'), message('photo')], async (ctx, next) => {
  const caption = ctx.message.caption ?? '';
  const cmd = parseCommand(caption, ctx.botInfo.username);
  if (cmd && (COMMANDS.update as readonly string[]).includes(cmd.command)) return onUpdateCommand(ctx, cmd.args);
  if (ctx.message.reply_to_message?.from?.id === ctx.botInfo.id) return onReplyToBot(ctx, caption);
  return next();
});

reporting.on(message('text'), async (ctx, next) => {
  if (ctx.message.reply_to_message?.from?.id !== ctx.botInfo.id || ctx.message.text.startsWith('/')) return next();
  return onReplyToBot(ctx, ctx.message.text);
});

// up:t:<code> — a task was chosen; offer the statuses.
reporting.action(/^up:t:([IVX]{1,3}(?:\.\d{1,2}){1,2})$/, async (ctx) => {
  const task = await allowedTask(ctx, ctx.match[1]!);
  if (!task) return;
  await ctx.answerCbQuery();
  await replyHtml(ctx, ctx.t('report.choose_status', { code: task.code, title: escapeHtml(shortTitle(task.content)) }), {
    keyboard: statusKeyboard(ctx, task.code),
    quote: false,
  });
});

// up:s:<code>:<status> — a status was chosen; ask for the note with a reply prompt.
reporting.action(/^up:s:([IVX]{1,3}(?:\.\d{1,2}){1,2}):([npdb])$/, async (ctx) => {
  const task = await allowedTask(ctx, ctx.match[1]!);
  const status = statusFromShort(ctx.match[2]!);
  if (!task || !status) return;
  await ctx.answerCbQuery();
  await promptForNote(ctx, task, { status, percent: null, note: '' });
});

// up:c:<agency> — the agency a waiting report is for; the report itself waits in the database.
reporting.action(/^up:c:([A-Z_]{1,20})$/, async (ctx) => {
  const msg = ctx.callbackQuery.message;
  const pending = msg ? botMessage(ctx.db, msg.chat.id, msg.message_id) : undefined;
  if (!pending || pending.kind !== 'prompt' || pending.forUserId !== ctx.from.id || !pending.note) {
    return ctx.answerCbQuery(ctx.t('report.button_not_yours'), { show_alert: true });
  }
  await ctx.answerCbQuery();
  await submit(ctx, {
    taskCode: pending.taskCode,
    report: { status: pending.status, percent: pending.percent, note: pending.note },
    via: 'button',
    agencyCode: ctx.match[1]!,
  });
});

async function onUpdateCommand(ctx: BotContext, args: string) {
  if (isFaceless(ctx)) return replyHtml(ctx, ctx.t('report.faceless'));
  const [first = '', ...restWords] = args.trim().split(/(\s+)/);
  if (!first) return offerTasks(ctx);
  const catalog = loadCatalog(ctx.db);
  const found = findTask(catalog, first);
  if (!('task' in found)) {
    return replyHtml(ctx, ctx.t('report.unknown_task', { code: escapeHtml(first.slice(0, 40)), near: found.near.join(', ') }));
  }
  const rest = restWords.join('').trim();
  if (!rest) {
    const task = await allowedTask(ctx, found.task.code);
    if (!task) return;
    return replyHtml(ctx, ctx.t('report.choose_status', { code: task.code, title: escapeHtml(shortTitle(task.content)) }), {
      keyboard: statusKeyboard(ctx, task.code),
    });
  }
  const parsed = parseReportText(rest);
  if (!parsed.ok) return replyHtml(ctx, ctx.t(`report.${parsed.error}`));
  return submit(ctx, { taskCode: found.task.code, report: parsed.report, via: 'command' });
}

async function onReplyToBot(ctx: BotContext, text: string) {
  const msg = ctx.message as Message;
  const replyTo = (msg as Message.TextMessage).reply_to_message!;
  const about = botMessage(ctx.db, msg.chat.id, replyTo.message_id);
  if (!about) return replyHtml(ctx, ctx.t('report.reply_not_about_task'));
  if (isFaceless(ctx)) return replyHtml(ctx, ctx.t('report.faceless'));
  const parsed = parseReportText(text);
  if (!parsed.ok) return replyHtml(ctx, ctx.t(`report.${parsed.error}`));
  const ownPrompt = about.kind === 'prompt' && about.forUserId === ctx.from!.id;
  const report: ParsedReport = ownPrompt && !parsed.report.status
    ? { status: about.status, percent: parsed.report.percent ?? about.percent, note: parsed.report.note }
    : parsed.report;
  if (report.status === 'done' && report.percent === null) report.percent = 100;
  return submit(ctx, {
    taskCode: about.taskCode,
    report,
    via: ownPrompt ? 'button' : 'reply',
    agencyCode: ownPrompt ? (about.agencyCode ?? undefined) : undefined,
  });
}

interface Submission {
  taskCode: string;
  report: ParsedReport;
  via: 'command' | 'button' | 'reply';
  agencyCode?: string;
}

async function submit(ctx: BotContext, s: Submission) {
  const { config, now, db } = ctx.deps;
  const msg = ctx.message as Message | undefined;
  const outcome = submitReport(db, {
    reporter: { userId: ctx.from!.id, isCoordinator: ctx.isCoordinator },
    chatId: ctx.chat!.id,
    chatAgency: chatAgencyOf(ctx),
    messageId: msg?.message_id ?? null,
    telegramUpdateId: ctx.update.update_id,
    via: s.via,
    taskCode: s.taskCode,
    report: s.report,
    agencyCode: s.agencyCode,
    files: filesOf(msg),
    now: now(),
    timeZone: config.timeZone,
  });
  return respond(ctx, outcome, s);
}

async function respond(ctx: BotContext, o: ReportOutcome, s: Submission) {
  const t = ctx.t;
  switch (o.kind) {
    case 'saved': {
      const html = renderSaved(o.update, o.task, o.agency, { name: displayName(ctx.from!) }, filesOf(ctx.message as Message).length, ctx.deps.config.timeZone, t);
      const sent = await replyHtml(ctx, html);
      if (sent) rememberBotMessage(ctx.db, { chatId: sent.chat.id, messageId: sent.message_id, taskCode: o.task.code, agencyCode: o.agency.code, kind: 'summary', createdAt: ctx.deps.now() });
      return;
    }
    case 'unknown_task':
      return replyHtml(ctx, t('report.unknown_task', { code: escapeHtml(o.input.slice(0, 40)), near: o.near.join(', ') }));
    case 'not_registered':
      return replyHtml(ctx, t('report.not_registered'));
    case 'not_allowed':
      return replyHtml(ctx, t('report.not_allowed', {
        code: o.task.code,
        agencies: o.agencies.map((a) => escapeHtml(a.short)).join(', ') || '—',
      }));
    case 'choose_agency': {
      const sent = await replyHtml(ctx, t('report.choose_agency', { code: o.task.code }), {
        keyboard: Markup.inlineKeyboard(o.candidates.slice(0, 20).map((a) => [Markup.button.callback(a.short, `up:c:${a.code}`)])).reply_markup,
      });
      if (sent) {
        rememberBotMessage(ctx.db, {
          chatId: sent.chat.id, messageId: sent.message_id, taskCode: o.task.code, kind: 'prompt',
          status: s.report.status, percent: s.report.percent, note: s.report.note || null, forUserId: ctx.from!.id, createdAt: ctx.deps.now(),
        });
      }
      return;
    }
    case 'empty_note':
      if (s.report.status) return promptForNote(ctx, o.task, s.report, s.agencyCode);
      return replyHtml(ctx, t('report.empty_note', { code: o.task.code }));
    case 'note_too_long':
      return replyHtml(ctx, t('report.note_too_long', { max: o.max }));
  }
}

/** Asks for the note as a reply, which works in privacy mode; the choice so far is kept with the prompt. */
async function promptForNote(ctx: BotContext, task: Task, report: ParsedReport, agencyCode?: string) {
  const mention = `<a href="tg://user?id=${ctx.from!.id}">${escapeHtml(displayName(ctx.from!))}</a>`;
  const sent = await ctx.reply(
    ctx.t('report.ask_note', { mention, code: task.code, status: statusLabel(report.status, report.percent, ctx.t) }),
    { parse_mode: 'HTML', reply_markup: { force_reply: true, selective: true, input_field_placeholder: ctx.t('report.note_placeholder') } },
  );
  rememberBotMessage(ctx.db, {
    chatId: sent.chat.id, messageId: sent.message_id, taskCode: task.code, agencyCode: agencyCode ?? null, kind: 'prompt',
    status: report.status, percent: report.percent, forUserId: ctx.from!.id, createdAt: ctx.deps.now(),
  });
}

/** The task named by a button or command, if this person may report on it; otherwise says why. */
async function allowedTask(ctx: BotContext, code: string): Promise<Task | undefined> {
  const catalog = loadCatalog(ctx.db);
  const canonical = parseTaskCode(code);
  const task = catalog.tasks.find((t) => t.code === canonical);
  const refuse = async (key: string, vars: Record<string, string> = {}) => {
    if (ctx.callbackQuery) await ctx.answerCbQuery(ctx.t(key, vars).replace(/<[^>]+>/g, ''), { show_alert: true });
    else await replyHtml(ctx, ctx.t(key, vars));
    return undefined;
  };
  if (!task) return refuse('report.invalid_button');
  if (isFaceless(ctx)) return refuse('report.faceless');
  const index = indexAgencies(catalog.agencies);
  const allowed = reportableAgencies(ctx.db, catalog, index, { userId: ctx.from!.id, isCoordinator: ctx.isCoordinator }, task, chatAgencyOf(ctx));
  if (allowed.length) return task;
  const mine = approvedAgencies(ctx.db, ctx.from!.id);
  if (!mine.length && !ctx.isCoordinator) return refuse('report.not_registered');
  return refuse('report.not_allowed', { code: task.code, agencies: mine.map((c) => escapeHtml(index.get(c)?.short ?? c)).join(', ') || '—' });
}

function statusKeyboard(ctx: BotContext, code: string): InlineKeyboardMarkup {
  const button = (s: Status) => Markup.button.callback(statusLabel(s, null, ctx.t), `up:s:${code}:${STATUS_SHORT[s]}`);
  return Markup.inlineKeyboard([[button(STATUSES[1]), button(STATUSES[2])], [button(STATUSES[3]), button(STATUSES[0])]]).reply_markup;
}

/** /update with nothing else: the tasks this person can report on, as buttons. */
async function offerTasks(ctx: BotContext) {
  const catalog = loadCatalog(ctx.db);
  const index = indexAgencies(catalog.agencies);
  const chatAgency = chatAgencyOf(ctx);
  const mine = approvedAgencies(ctx.db, ctx.from!.id);
  const agencies = chatAgency && (ctx.isCoordinator || mine.includes(chatAgency)) ? [chatAgency] : mine;
  if (!agencies.length && !ctx.isCoordinator) return replyHtml(ctx, ctx.t('report.not_registered'));
  const tasks = agencies.length
    ? [...new Map(agencies.flatMap((a) => tasksOfAgency(a, catalog.tasks, index)).map((x) => [x.task.code, x.task])).values()]
    : catalog.tasks;
  const rows = tasks.length > 8
    ? chunk(tasks.map((t) => Markup.button.callback(t.code, `up:t:${t.code}`)), 4)
    : tasks.map((t) => [Markup.button.callback(`${t.code} ${shortTitle(t.content, 40)}`, `up:t:${t.code}`)]);
  return replyHtml(ctx, ctx.t('report.choose_task', { count: tasks.length }), { keyboard: Markup.inlineKeyboard(rows).reply_markup });
}

function chunk<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}
