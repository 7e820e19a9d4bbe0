// Officers report progress three ways — /update, buttons, or a reply to the bot — and all three
// end in `submit`, which calls the one core function that records a report.
import { Composer, Markup } from 'telegraf';
import { message } from 'telegraf/filters';
import type { InlineKeyboardMarkup, Message } from 'telegraf/types';
import { consumePrompt, reportableAgencies, splitTaskCode, submitReport, type ReportOutcome } from '../../../core/reporting.js';
import { approvedAgencies } from '../../../db/queries/officers.js';
import { loadCatalog } from '../../../db/queries/plan.js';
import { botMessage, rememberBotMessage } from '../../../db/queries/updates.js';
import { indexAgencies, tasksOfAgency } from '../../../domain/agencies.js';
import {
  isConsistent,
  parseReportText,
  STATUS_SHORT,
  STATUSES,
  statusFromShort,
  type ParsedReport,
  type Question,
  type Status,
} from '../../../domain/status.js';
import { parseTaskCode } from '../../../domain/task-code.js';
import type { Task } from '../../../domain/types.js';
import { renderSaved, STATUS_ICON, statusLabel } from '../../../render/reporting.js';
import { shortTitle } from '../../../render/plan.js';
import { esc, mention } from '../../../conversation/rich.js';
import { richToHtml } from '../serialize.js';
import { COMMANDS } from '../commands.js';
import type { BotContext } from '../context.js';
import { commandArgs, replyRich } from '../reply.js';
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
  await replyRich(ctx, ctx.t('report.choose_status', { code: task.code, title: esc(shortTitle(task.content)) }), {
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
  const pending = await ownWaitingReport(ctx);
  if (!pending) return;
  if (!pending.note) return ctx.answerCbQuery(ctx.t('report.button_not_yours'), { show_alert: true });
  await ctx.answerCbQuery();
  await submit(ctx, {
    taskCode: pending.taskCode,
    report: { status: pending.status, percent: pending.percent, note: pending.note },
    via: 'button',
    agencyCode: ctx.match[1]!,
    consume: pending.ref,
  });
});

// up:k:<status><percent>:<via> — the officer chose what they meant; the note waits in the database.
reporting.action(/^up:k:([npdbo])(\d{1,3}|-):([crb])$/, async (ctx) => {
  const pending = await ownWaitingReport(ctx);
  if (!pending) return;
  const report: ParsedReport = {
    status: ctx.match[1] === 'o' ? null : statusFromShort(ctx.match[1]!)!,
    percent: ctx.match[2] === '-' ? null : Number(ctx.match[2]),
    note: pending.note ?? '',
  };
  if (pending.note === null || !isConsistent(report)) return ctx.answerCbQuery(ctx.t('report.invalid_button'), { show_alert: true });
  const task = await allowedTask(ctx, pending.taskCode);
  if (!task) return;
  await ctx.answerCbQuery();
  if (!report.note) {
    if (!consumePrompt(ctx.db, pending.ref.chatId, pending.ref.messageId, 'prompt')) return replyRich(ctx, ctx.t('report.already_answered'));
    return promptForNote(ctx, task, report, pending.agencyCode ?? undefined);
  }
  const via = ({ c: 'command', r: 'reply', b: 'button' } as const)[ctx.match[3] as 'c' | 'r' | 'b'];
  const outcome = await submit(ctx, { taskCode: task.code, report, via, agencyCode: pending.agencyCode ?? undefined, consume: pending.ref });
  // Asked on (which agency, say): this question is answered; the new prompt holds the report.
  if (outcome.kind !== 'saved' && outcome.kind !== 'already_handled') consumePrompt(ctx.db, pending.ref.chatId, pending.ref.messageId, 'prompt');
});

// up:k:r — "no, I will type it again"; up:k:x — cancel. Nothing is saved either way.
reporting.action(/^up:k:([rx])$/, async (ctx) => {
  const pending = await ownWaitingReport(ctx);
  if (!pending) return;
  if (pending.note === null) return ctx.answerCbQuery(ctx.t('report.invalid_button'), { show_alert: true });
  if (!consumePrompt(ctx.db, pending.ref.chatId, pending.ref.messageId, 'prompt')) return ctx.answerCbQuery(ctx.t('report.already_answered'), { show_alert: true });
  await ctx.answerCbQuery();
  if (ctx.match[1] === 'x') return replyRich(ctx, ctx.t('report.cancelled'));
  const task = loadCatalog(ctx.db).tasks.find((t) => t.code === pending.taskCode)!;
  return promptForNote(ctx, task, { status: null, percent: null, note: '' }, pending.agencyCode ?? undefined, 'report.ask_retype');
});

/** The waiting report behind a pressed button, if it is the presser's and still waiting; otherwise answers why not. */
async function ownWaitingReport(ctx: BotContext) {
  const msg = ctx.callbackQuery?.message;
  const row = msg ? botMessage(ctx.db, msg.chat.id, msg.message_id) : undefined;
  if (!row || row.forUserId !== ctx.from!.id || (row.kind !== 'prompt' && row.kind !== 'summary')) {
    await ctx.answerCbQuery(ctx.t('report.button_not_yours'), { show_alert: true });
    return undefined;
  }
  if (row.kind !== 'prompt') {
    await ctx.answerCbQuery(ctx.t('report.already_answered'), { show_alert: true });
    return undefined;
  }
  return { ...row, ref: { chatId: row.chatId, messageId: row.messageId } };
}

async function onUpdateCommand(ctx: BotContext, args: string) {
  if (isFaceless(ctx)) return replyRich(ctx, ctx.t('report.faceless'));
  if (!args.trim()) return offerTasks(ctx);
  const catalog = loadCatalog(ctx.db);
  const found = splitTaskCode(catalog, args);
  if (!found.task) {
    return replyRich(ctx, ctx.t('report.unknown_task', { code: esc(found.typed.slice(0, 40)), near: found.near.join(', ') }));
  }
  const rest = found.rest.replace(/^[\s.,:;!?…–—-]+$/u, '').trim();
  if (!rest) {
    const task = await allowedTask(ctx, found.task.code);
    if (!task) return;
    return replyRich(ctx, ctx.t('report.choose_status', { code: task.code, title: esc(shortTitle(task.content)) }), {
      keyboard: statusKeyboard(ctx, task.code),
    });
  }
  const parsed = parseReportText(rest, undefined, 'command');
  if (!parsed.ok) return replyRich(ctx, ctx.t(`report.${parsed.error}`));
  return decide(ctx, found.task.code, parsed.report, parsed.question, { via: 'command' });
}

async function onReplyToBot(ctx: BotContext, text: string) {
  const msg = ctx.message as Message;
  const replyTo = (msg as Message.TextMessage).reply_to_message!;
  const about = botMessage(ctx.db, msg.chat.id, replyTo.message_id);
  if (!about) return replyRich(ctx, ctx.t('report.reply_not_about_task'));
  if (isFaceless(ctx)) return replyRich(ctx, ctx.t('report.faceless'));
  const ownPrompt = about.kind === 'prompt' && about.forUserId === ctx.from!.id;
  // A reply to a question that waits for a button is the report typed again: it replaces the waiting one.
  const retyped = ownPrompt && about.note !== null;
  if (retyped) consumePrompt(ctx.db, about.chatId, about.messageId, 'prompt');
  const asked = ownPrompt && !retyped;
  const parsed = parseReportText(text, asked ? { status: about.status, percent: about.percent } : undefined);
  if (!parsed.ok) return replyRich(ctx, ctx.t(`report.${parsed.error}`));
  return decide(ctx, about.taskCode, parsed.report, parsed.question, {
    via: asked ? 'button' : 'reply',
    agencyCode: ownPrompt ? (about.agencyCode ?? undefined) : undefined,
  });
}

interface Submission {
  taskCode: string;
  report: ParsedReport;
  via: 'command' | 'button' | 'reply';
  agencyCode?: string;
  consume?: { chatId: number; messageId: number };
}

/** Saves what is certain; asks first about anything that is not — nothing is stored until the officer chooses. */
async function decide(ctx: BotContext, taskCode: string, report: ParsedReport, question: Question | null, s: Omit<Submission, 'report' | 'taskCode'>) {
  if (!question) return submit(ctx, { ...s, taskCode, report });
  const task = await allowedTask(ctx, taskCode);
  if (!task) return;
  const t = ctx.t;
  const single = question.choices.length === 1;
  const label = (r: ParsedReport) => choiceLabel(r, question, t);
  const parts = [`❓ **${task.code}** ${esc(shortTitle(task.content, 60))}`];
  if (question.typed) parts.push(t('report.ask_typed', { typed: esc(question.typed.slice(0, 60)) }));
  if (question.conflict) parts.push(t('report.ask_conflict'));
  if (question.figures.length) parts.push(t('report.ask_figure', { figures: question.figures.map((f) => `${f}%`).join(', ') }));
  if (question.doubt) parts.push(t('report.ask_doubt'));
  parts.push(single ? t('report.ask_confirm', { status: label(report), code: task.code }) : t('report.ask_choose', { code: task.code }));
  if (report.note) parts.push(t('report.ask_note_excerpt', { note: esc(excerpt(report.note, 300)) }));
  if (filesOf(ctx.message as Message | undefined).length) {
    // A file cannot wait in the database with the question: ask for it again with a clear caption.
    return replyRich(ctx, [...parts, t('report.ask_resend_file', { code: task.code })].join('\n'));
  }
  parts.push(`__${t('report.ask_nothing_saved')}__`);
  const viaChar = { command: 'c', reply: 'r', button: 'b' }[s.via];
  const data = (r: ParsedReport) => `up:k:${r.status ? STATUS_SHORT[r.status] : 'o'}${r.percent ?? '-'}:${viaChar}`;
  const rows = single
    ? [[Markup.button.callback(t('report.choice_yes'), data(report)), Markup.button.callback(t('report.choice_retype'), 'up:k:r')]]
    : [...question.choices.map((r) => [Markup.button.callback(label(r), data(r))]), [Markup.button.callback(t('report.choice_cancel'), 'up:k:x')]];
  const sent = await replyRich(ctx, parts.join('\n'), { keyboard: Markup.inlineKeyboard(rows).reply_markup });
  if (sent) {
    rememberBotMessage(ctx.db, {
      chatId: sent.chat.id, messageId: sent.message_id, taskCode: task.code, agencyCode: s.agencyCode ?? null, kind: 'prompt',
      status: report.status, percent: report.percent, note: report.note, forUserId: ctx.from!.id, createdAt: ctx.deps.now(),
    });
  }
}

/** "🔄 Đang thực hiện (56%)", "✅ Hoàn thành (100%)", "📝 Chỉ ghi nội dung": one choice on a button. */
function choiceLabel(r: ParsedReport, q: Question, t: BotContext['t']): string {
  if (!r.status) return t('report.choice_note_only');
  if (r.status === 'done') return `${STATUS_ICON.done} ${t('status.done')} (100%)`;
  const base = statusLabel(r.status, r.percent, t);
  return r.percent === null && q.figures.length && r.status !== 'not_started' ? `${base} · ${t('report.choice_no_figure')}` : base;
}

const excerpt = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

async function submit(ctx: BotContext, s: Submission): Promise<ReportOutcome> {
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
    consume: s.consume,
    now: now(),
    timeZone: config.timeZone,
  });
  await respond(ctx, outcome, s);
  return outcome;
}

async function respond(ctx: BotContext, o: ReportOutcome, s: Submission) {
  const t = ctx.t;
  switch (o.kind) {
    case 'saved': {
      const html = renderSaved(o.update, o.task, o.agency, { name: displayName(ctx.from!) }, filesOf(ctx.message as Message).length, ctx.deps.config.timeZone, t, false, o.line);
      // One tap withdraws exactly this report (undo.ts).
      const keyboard = Markup.inlineKeyboard([[Markup.button.callback(t('report.undo_button'), `un:${o.update.id}`)]]).reply_markup;
      const sent = await replyRich(ctx, html, { keyboard });
      if (sent) rememberBotMessage(ctx.db, { chatId: sent.chat.id, messageId: sent.message_id, taskCode: o.task.code, agencyCode: o.agency.code, kind: 'summary', createdAt: ctx.deps.now() });
      return;
    }
    case 'already_handled':
      return replyRich(ctx, t('report.already_answered'));
    case 'unknown_task':
      return replyRich(ctx, t('report.unknown_task', { code: esc(o.input.slice(0, 40)), near: o.near.join(', ') }));
    case 'not_registered':
      return replyRich(ctx, t('report.not_registered'));
    case 'not_allowed':
      return replyRich(ctx, t('report.not_allowed', {
        code: o.task.code,
        agencies: o.agencies.map((a) => esc(a.short)).join(', ') || '—',
      }));
    case 'choose_agency': {
      const sent = await replyRich(ctx, t('report.choose_agency', { code: o.task.code }), {
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
      return replyRich(ctx, t('report.empty_note', { code: o.task.code }));
    case 'note_too_long':
      return replyRich(ctx, t('report.note_too_long', { max: o.max }));
  }
}

/** Asks for the note as a reply, which works in privacy mode; the choice so far is kept with the prompt. */
async function promptForNote(ctx: BotContext, task: Task, report: ParsedReport, agencyCode?: string, key = 'report.ask_note') {
  const who = mention(displayName(ctx.from!), String(ctx.from!.id));
  const sent = await ctx.reply(
    richToHtml(ctx.t(key, { mention: who, code: task.code, status: statusLabel(report.status, report.percent, ctx.t) })),
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
    if (ctx.callbackQuery) await ctx.answerCbQuery(ctx.t(key, vars), { show_alert: true });
    else await replyRich(ctx, ctx.t(key, vars));
    return undefined;
  };
  if (!task) return refuse('report.invalid_button');
  if (isFaceless(ctx)) return refuse('report.faceless');
  const index = indexAgencies(catalog.agencies);
  const allowed = reportableAgencies(ctx.db, catalog, index, { userId: ctx.from!.id, isCoordinator: ctx.isCoordinator }, task, chatAgencyOf(ctx));
  if (allowed.length) return task;
  const mine = approvedAgencies(ctx.db, ctx.from!.id);
  if (!mine.length && !ctx.isCoordinator) return refuse('report.not_registered');
  return refuse('report.not_allowed', { code: task.code, agencies: mine.map((c) => esc(index.get(c)?.short ?? c)).join(', ') || '—' });
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
  if (!agencies.length && !ctx.isCoordinator) return replyRich(ctx, ctx.t('report.not_registered'));
  const tasks = agencies.length
    ? [...new Map(agencies.flatMap((a) => tasksOfAgency(a, catalog.tasks, index)).map((x) => [x.task.code, x.task])).values()]
    : catalog.tasks;
  const rows = tasks.length > 8
    ? chunk(tasks.map((t) => Markup.button.callback(t.code, `up:t:${t.code}`)), 4)
    : tasks.map((t) => [Markup.button.callback(`${t.code} ${shortTitle(t.content, 40)}`, `up:t:${t.code}`)]);
  return replyRich(ctx, ctx.t('report.choose_task', { count: tasks.length }), { keyboard: Markup.inlineKeyboard(rows).reply_markup });
}

function chunk<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}
