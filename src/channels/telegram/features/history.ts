import { Composer, Markup } from 'telegraf';
import { clip } from '../../../text/clip.js';
import { findTask } from '../../../core/reporting.js';
import { loadCatalog } from '../../../db/queries/plan.js';
import { taskHistory } from '../../../db/queries/updates.js';
import { matchAgency } from '../../../domain/agency-match.js';
import { indexAgencies } from '../../../domain/agencies.js';
import { renderHistory } from '../../../render/reporting.js';
import { esc } from '../../../conversation/rich.js';
import { COMMANDS } from '../commands.js';
import type { BotContext } from '../context.js';
import { commandArgs, replyRich } from '../reply.js';

export const history = new Composer<BotContext>();
const PAGE = 5;

history.command([...COMMANDS.history], async (ctx) => {
  const [code = '', ...rest] = commandArgs(ctx).split(/\s+/);
  if (!code) return replyRich(ctx, ctx.t('history.usage'));
  let agency: string | undefined;
  if (rest.join(' ').trim()) {
    const m = matchAgency(rest.join(' '), loadCatalog(ctx.db).agencies);
    if (m.kind !== 'one') return replyRich(ctx, ctx.t('agency.not_found', { query: esc(clip(rest.join(' '), 100)) }));
    agency = m.agency.code;
  }
  return show(ctx, code, agency, 0);
});

// hi:<code>:<agency or *>:<page>
history.action(/^hi:([IVX]{1,3}(?:\.\d{1,2}){1,2}):([A-Z_]{1,20}|\*):(\d{1,4})$/, async (ctx) => {
  await ctx.answerCbQuery();
  return show(ctx, ctx.match[1]!, ctx.match[2] === '*' ? undefined : ctx.match[2], Number(ctx.match[3]));
});

async function show(ctx: BotContext, code: string, agency: string | undefined, page: number) {
  const catalog = loadCatalog(ctx.db);
  const found = findTask(catalog, code);
  if (!('task' in found)) {
    return replyRich(ctx, ctx.t('history.unknown_task', { code: esc(clip(code, 40)), near: found.near.join(', ') }));
  }
  const task = found.task;
  const { total, entries } = taskHistory(ctx.db, task.code, { agencyCode: agency, offset: page * PAGE, limit: PAGE });
  const pages = Math.max(1, Math.ceil(total / PAGE));
  const html = renderHistory(task, entries, { index: page, pages, total }, indexAgencies(catalog.agencies), ctx.deps.config.timeZone, ctx.t);
  const nav = [];
  const key = `${task.code}:${agency ?? '*'}`;
  if (page > 0) nav.push(Markup.button.callback(ctx.t('history.newer'), `hi:${key}:${page - 1}`));
  if (page + 1 < pages) nav.push(Markup.button.callback(ctx.t('history.older'), `hi:${key}:${page + 1}`));
  return replyRich(ctx, html, nav.length ? { keyboard: Markup.inlineKeyboard([nav]).reply_markup } : {});
}
