// Following Telegram when a chat changes under us: a group upgraded to a supergroup, the bot added
// to or removed from a chat. Binding a group to an agency (/linkgroup) is a use case
// (src/usecases/people.ts).
import { Composer } from 'telegraf';
import { migrateChat, setChatActive, upsertChat } from '../../../db/queries/chats.js';
import { markPrivateChatOpen } from '../../../db/queries/users.js';
import type { BotContext } from '../context.js';

export const linkGroup = new Composer<BotContext>();

// A group upgraded to a supergroup announces its new id in the old chat.
linkGroup.on('message', async (ctx, next) => {
  const msg = ctx.message as { migrate_to_chat_id?: number };
  if (msg.migrate_to_chat_id) {
    migrateChat(ctx.db, ctx.chat.id, msg.migrate_to_chat_id, ctx.deps.now());
    ctx.deps.log.info({ from: ctx.chat.id, to: msg.migrate_to_chat_id }, 'group migrated to a supergroup');
    return;
  }
  return next();
});

// Added to or removed from a chat: keep `active` true to life, so nothing is sent to a dead chat.
linkGroup.on('my_chat_member', async (ctx) => {
  const status = ctx.myChatMember.new_chat_member.status;
  const chat = ctx.myChatMember.chat as { id: number; type: string; title?: string };
  const present = status === 'member' || status === 'administrator';
  upsertChat(ctx.db, chat, ctx.deps.now(), {});
  setChatActive(ctx.db, chat.id, present, ctx.deps.now());
  // A person who blocks the bot can no longer get private reminders; unblocking and Start restore it.
  if (chat.type === 'private') markPrivateChatOpen(ctx.db, chat.id, present);
  ctx.deps.log.info({ chat: chat.id, status }, 'bot membership changed');
});
