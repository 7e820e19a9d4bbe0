import { Composer, Markup } from 'telegraf';
import { matchAgency } from '../../../domain/agency-match.js';
import { indexAgencies, tasksOfAgency } from '../../../domain/agencies.js';
import { parseSection, parseTaskCode } from '../../../domain/task-code.js';
import { loadCatalog, type Catalog } from '../../../db/queries/plan.js';
import { renderTaskList } from '../../../render/plan.js';
import { foldTokens } from '../../../text/fold.js';
import { esc } from '../../../conversation/rich.js';
import { COMMANDS } from '../commands.js';
import type { BotContext } from '../context.js';
import { commandArgs, replyRich } from '../reply.js';
import { showTask } from './task-detail.js';

export const tasksList = new Composer<BotContext>();

tasksList.command([...COMMANDS.tasks], (ctx) => listTasks(ctx, commandArgs(ctx)));

// Buttons offered when an agency name was ambiguous.
tasksList.action(/^tl:a:([A-Z_]{1,20})$/, async (ctx) => {
  await ctx.answerCbQuery();
  await listTasks(ctx, ctx.match[1]!);
});

export async function listTasks(ctx: BotContext, filter: string) {
  const catalog = loadCatalog(ctx.db);
  const index = indexAgencies(catalog.agencies);
  const t = ctx.t;
  if (!filter) {
    const header = `**${t('tasks.header_all', { count: catalog.tasks.length })}**`;
    return replyRich(ctx, renderTaskList(catalog.tasks.map((task) => ({ task })), catalog.sections, index, t, header));
  }
  if (filter.length > 200) return replyRich(ctx, t('tasks.filter_too_long'));

  const section = parseSection(filter);
  if (section) {
    const items = catalog.tasks.filter((task) => task.section === section).map((task) => ({ task }));
    const header = `**${t('tasks.header_section', { code: section, count: items.length })}**`;
    return replyRich(ctx, renderTaskList(items, catalog.sections, index, t, header));
  }

  const code = parseTaskCode(filter);
  if (code && catalog.tasks.some((task) => task.code === code)) return showTask(ctx, code);

  const agency = matchAgency(filter, catalog.agencies);
  if (agency.kind === 'one') {
    const items = tasksOfAgency(agency.agency.code, catalog.tasks, index);
    const header = `**${t('tasks.header_agency', { agency: esc(agency.agency.name), count: items.length })}**`;
    return replyRich(ctx, renderTaskList(items, catalog.sections, index, t, header));
  }

  const found = searchTasks(catalog, filter);
  if (found.length) {
    const header = `**${t('tasks.header_keyword', { keyword: esc(filter), count: found.length })}**`;
    return replyRich(ctx, renderTaskList(found.map((task) => ({ task })), catalog.sections, index, t, header));
  }

  if (agency.kind === 'many') {
    const buttons = agency.candidates.slice(0, 8).map((a) => [Markup.button.callback(a.short, `tl:a:${a.code}`)]);
    return replyRich(ctx, t('agency.ambiguous', { query: esc(filter), count: agency.candidates.length }), {
      keyboard: Markup.inlineKeyboard(buttons).reply_markup,
    });
  }
  return replyRich(ctx, t('tasks.nothing_found', { query: esc(filter) }));
}

/** Tasks whose content contains every word typed, diacritics ignored ("xuat khau" finds II.3). */
export function searchTasks(catalog: Catalog, query: string) {
  const words = foldTokens(query);
  if (!words.length) return [];
  return catalog.tasks.filter((task) => words.every((w) => task.searchText.includes(w)));
}
