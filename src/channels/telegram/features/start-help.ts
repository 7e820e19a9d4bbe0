import { Composer } from 'telegraf';
import { markPrivateChatOpen } from '../../../db/queries/users.js';
import { esc } from '../../../conversation/rich.js';
import { COMMANDS } from '../commands.js';
import type { BotContext } from '../context.js';
import { replyRich } from '../reply.js';

export const startHelp = new Composer<BotContext>();

startHelp.start(async (ctx) => {
  // Only after Start may the bot write to this person privately (reminders, approvals).
  if (ctx.chat.type === 'private') markPrivateChatOpen(ctx.db, ctx.from.id, true);
  await replyRich(ctx, [ctx.t('start.greeting', { name: esc(ctx.from.first_name) }), '', helpText(ctx)].join('\n'));
});

startHelp.command([...COMMANDS.help], (ctx) => replyRich(ctx, helpText(ctx)));

function helpText(ctx: BotContext): string {
  const bot = ctx.botInfo.username;
  return [ctx.t('help.intro'), '', ctx.t('help.commands'), '', ctx.t('help.reporting'), '', ctx.t('help.coordination'), '', ctx.t('help.groups', { bot })].join('\n');
}
