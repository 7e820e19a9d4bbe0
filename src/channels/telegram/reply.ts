import type { InlineKeyboardMarkup } from 'telegraf/types';
import type { Rich } from '../../conversation/rich.js';
import { htmlMessages } from './serialize.js';
import type { BotContext } from './context.js';

export interface ReplyOptions {
  keyboard?: InlineKeyboardMarkup;
  /** In groups, answer as a reply so the thread stays readable for everyone. */
  quote?: boolean;
}

/** Sends rich text as Telegram HTML, in several messages past 4,096 characters; buttons go on the last. */
export async function replyRich(ctx: BotContext, text: Rich, opts: ReplyOptions = {}) {
  const chunks = htmlMessages(text);
  const quoteId = opts.quote !== false && ctx.chat?.type !== 'private' ? ctx.message?.message_id : undefined;
  let last;
  for (const [i, chunk] of chunks.entries()) {
    const isLast = i === chunks.length - 1;
    last = await ctx.reply(chunk, {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      ...(i === 0 && quoteId ? { reply_parameters: { message_id: quoteId, allow_sending_without_reply: true } } : {}),
      ...(isLast && opts.keyboard ? { reply_markup: opts.keyboard } : {}),
    });
  }
  return last;
}

