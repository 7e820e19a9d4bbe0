import { Composer, Markup } from 'telegraf';
import { clip } from '../../../text/clip.js';
import { deadlinesOfYear, taskProgress } from '../../../core/deadlines.js';
import { indexAgencies } from '../../../domain/agencies.js';
import { PLAN } from '../../../domain/plan-data.js';
import { parseTaskCode, suggestCodes } from '../../../domain/task-code.js';
import { loadCatalog } from '../../../db/queries/plan.js';
import { renderTask } from '../../../render/plan.js';
import { renderTaskStatus } from '../../../render/reporting.js';
import { latestLines, rememberBotMessage } from '../../../db/queries/updates.js';
import { userNames } from '../../../db/queries/users.js';
import { dayAt, isoToVn, yearAt } from '../../../text/dates.js';
import { esc } from '../../../conversation/rich.js';
import { COMMANDS } from '../commands.js';
import type { BotContext } from '../context.js';
import { commandArgs, replyRich } from '../reply.js';

export const taskDetail = new Composer<BotContext>();

taskDetail.command([...COMMANDS.task], async (ctx) => {
  const arg = commandArgs(ctx);
  if (!arg) return replyRich(ctx, ctx.t('task.usage'));
  return showTask(ctx, arg);
});

export async function showTask(ctx: BotContext, input: string) {
  const catalog = loadCatalog(ctx.db);
  const code = parseTaskCode(input);
  const task = code ? catalog.tasks.find((x) => x.code === code) : undefined;
  if (!task) {
    const known = catalog.tasks.map((x) => x.code);
    const near = suggestCodes(code, known);
    const heading = code ? PLAN.headings.find((h) => h.code === code) : undefined;
    const key = heading || near.some((c) => code && c.startsWith(code + '.')) ? 'task.is_group' : 'task.not_found';
    const shown = clip(input, 40);
    return replyRich(ctx, ctx.t(key, { code: esc(code ?? shown), near: near.join(', '), first: near[0] }));
  }
  const { config, now } = ctx.deps;
  const year = yearAt(now(), config.timeZone);
  const lines = latestLines(ctx.db, year, { taskCodes: [task.code] }, {});
  const deadlines = deadlinesOfYear(ctx.db, year);
  const due = deadlines.dueOf(task.code);
  const progress = taskProgress(ctx.db, catalog, task, lines, year, now(), config.timeZone);
  const html = renderTask(
    task,
    {
      section: catalog.sections.find((s) => s.code === task.section)!,
      heading: task.parentCode ? PLAN.headings.find((h) => h.code === task.parentCode) : undefined,
      reportYear: year,
      dueDate: isoToVn(due.date),
      dueByCoordinator: due.byCoordinator,
      overdue: progress.overdue,
    },
    indexAgencies(catalog.agencies),
    ctx.t,
  );
  const today = dayAt(now(), config.timeZone);
  const status = renderTaskStatus(task, lines, indexAgencies(catalog.agencies), year, config.timeZone, ctx.t, userNames(ctx.db), (l) =>
    deadlines.overdue(task.code, l.status, today),
  );
  const keyboard = Markup.inlineKeyboard([
    [Markup.button.callback(ctx.t('task.button_update'), `up:t:${task.code}`), Markup.button.callback(ctx.t('task.button_history'), `hi:${task.code}:*:0`)],
  ]).reply_markup;
  const sent = await replyRich(ctx, `${html}\n\n${status}\n${ctx.t('task.reply_hint')}`, { keyboard });
  // Replying to this message is a report on the task.
  if (sent) rememberBotMessage(ctx.db, { chatId: sent.chat.id, messageId: sent.message_id, taskCode: task.code, kind: 'task', createdAt: now() });
}
