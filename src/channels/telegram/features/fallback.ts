import { Composer } from 'telegraf';
import { message } from 'telegraf/filters';
import type { BotContext } from '../context.js';
import { replyRich } from '../reply.js';

/** Last in the chain: whatever no feature handled gets a short pointer to /help. */
export const fallback = new Composer<BotContext>();

fallback.on(message('text'), async (ctx) => {
  const text = ctx.message.text;
  const isCommand = ctx.message.entities?.[0]?.type === 'bot_command' && ctx.message.entities[0].offset === 0;
  const repliesToBot = ctx.message.reply_to_message?.from?.id === ctx.botInfo.id;
  // In groups, stay quiet about ordinary talk (privacy mode off, or a command for another bot).
  if (ctx.chat.type !== 'private' && !repliesToBot) {
    if (!isCommand) return;
    const addressee = text.split(/\s/)[0]!.split('@')[1];
    if (addressee && addressee.toLowerCase() !== ctx.botInfo.username.toLowerCase()) return;
  }
  return replyRich(ctx, ctx.t(isCommand ? 'fallback.unknown_command' : 'fallback.text'));
});

fallback.on('callback_query', (ctx) => ctx.answerCbQuery(ctx.t('fallback.stale_button'), { show_alert: true }));
