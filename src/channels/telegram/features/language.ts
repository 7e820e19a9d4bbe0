import { Composer, Markup } from 'telegraf';
import { setUserLocale } from '../../../db/queries/users.js';
import { isLocale } from '../../../i18n.js';
import { COMMANDS } from '../commands.js';
import type { BotContext } from '../context.js';
import { commandArgs, replyRich } from '../reply.js';

export const language = new Composer<BotContext>();

// Each language is named in itself (both locales hold the same names), so anyone can find theirs.
const choices = (ctx: BotContext) =>
  Markup.inlineKeyboard([[Markup.button.callback(ctx.t('lang.name_vi'), 'lang:vi'), Markup.button.callback(ctx.t('lang.name_en'), 'lang:en')]]).reply_markup;

language.command([...COMMANDS.lang], async (ctx) => {
  const arg = commandArgs(ctx).toLowerCase();
  if (!arg) return replyRich(ctx, ctx.t('lang.current'), { keyboard: choices(ctx) });
  if (!isLocale(arg)) return replyRich(ctx, ctx.t('lang.unknown'), { keyboard: choices(ctx) });
  return switchTo(ctx, arg);
});

language.action(/^lang:(\w{2})$/, async (ctx) => {
  const locale = ctx.match[1];
  if (!isLocale(locale)) return ctx.answerCbQuery();
  await ctx.answerCbQuery();
  await switchTo(ctx, locale);
});

async function switchTo(ctx: BotContext, locale: 'vi' | 'en') {
  setUserLocale(ctx.db, ctx.from!.id, locale);
  ctx.locale = locale;
  ctx.t = ctx.deps.i18n.t(locale);
  return replyRich(ctx, ctx.t('lang.changed'));
}
