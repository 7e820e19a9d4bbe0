import { Composer, Markup } from 'telegraf';
import { matchAgency } from '../../../domain/agency-match.js';
import { indexAgencies, tasksOfAgency } from '../../../domain/agencies.js';
import { loadCatalog } from '../../../db/queries/plan.js';
import { renderAgencies, renderAgencyCard } from '../../../render/plan.js';
import { collator } from '../../../text/fold.js';
import { esc } from '../../../conversation/rich.js';
import { COMMANDS } from '../commands.js';
import type { BotContext } from '../context.js';
import { commandArgs, replyRich } from '../reply.js';

export const agenciesFeature = new Composer<BotContext>();

agenciesFeature.command([...COMMANDS.agencies], (ctx) => showAgencies(ctx, commandArgs(ctx)));

agenciesFeature.action(/^ag:([A-Z_]{1,20})$/, async (ctx) => {
  await ctx.answerCbQuery();
  await showAgencies(ctx, ctx.match[1]!);
});

async function showAgencies(ctx: BotContext, query: string) {
  const catalog = loadCatalog(ctx.db);
  const index = indexAgencies(catalog.agencies);
  if (!query) {
    const rows = catalog.agencies
      .map((agency) => {
        const held = tasksOfAgency(agency.code, catalog.tasks, index);
        return {
          agency,
          lead: held.filter((h) => h.role === 'lead').length,
          coordinating: held.filter((h) => h.role === 'coordinating').length,
        };
      })
      .sort((a, b) => collator.compare(a.agency.name, b.agency.name));
    return replyRich(ctx, renderAgencies(rows, index, ctx.t));
  }
  if (query.length > 200) return replyRich(ctx, ctx.t('tasks.filter_too_long'));
  const match = matchAgency(query, catalog.agencies);
  if (match.kind === 'one') {
    const tasks = tasksOfAgency(match.agency.code, catalog.tasks, index);
    return replyRich(ctx, renderAgencyCard(match.agency, tasks, index, ctx.t));
  }
  if (match.kind === 'many') {
    const buttons = match.candidates.slice(0, 8).map((a) => [Markup.button.callback(a.short, `ag:${a.code}`)]);
    return replyRich(ctx, ctx.t('agency.ambiguous', { query: esc(query), count: match.candidates.length }), {
      keyboard: Markup.inlineKeyboard(buttons).reply_markup,
    });
  }
  return replyRich(ctx, ctx.t('agency.not_found', { query: esc(query) }));
}
