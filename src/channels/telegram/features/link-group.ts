// Binding group chats to agencies, and following Telegram when a group changes under us.
import { Composer, Markup } from 'telegraf';
import { linkChat, type Binding, type LinkOutcome } from '../../../core/chats.js';
import type { TFunction } from '../../../i18n.js';
import { notifyCoordinators } from '../../../jobs/deps.js';
import { migrateChat, setChatActive, upsertChat } from '../../../db/queries/chats.js';
import { markPrivateChatOpen } from '../../../db/queries/users.js';
import { esc } from '../../../conversation/rich.js';
import { COMMANDS } from '../commands.js';
import type { BotContext } from '../context.js';
import { commandArgs, replyRich } from '../reply.js';
import { displayName, isFaceless } from '../reporting-helpers.js';
import { confirmKeyboard } from './confirm.js';

export const linkGroup = new Composer<BotContext>();

linkGroup.command([...COMMANDS.linkgroup], async (ctx) => {
  if (isFaceless(ctx)) return replyRich(ctx, ctx.t('report.faceless'));
  const query = commandArgs(ctx);
  if (!query && ctx.chat.type !== 'private') return replyRich(ctx, ctx.t('link.usage'));
  return answer(ctx, link(ctx, query));
});

linkGroup.action(/^lk:([A-Z_]{1,20})$/, async (ctx) => {
  await ctx.answerCbQuery();
  return answer(ctx, link(ctx, '', ctx.match[1]!));
});

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

function link(ctx: BotContext, query: string, agencyCode?: string) {
  const chat = ctx.chat as { id: number; type: string; title?: string };
  return linkChat(ctx.db, {
    chat,
    query,
    agencyCode,
    userId: ctx.from!.id,
    isCoordinator: ctx.isCoordinator,
    telegramUpdateId: ctx.update.update_id,
    now: ctx.deps.now(),
  });
}

/** "Sở Y tế", "the coordination group", or "no agency", escaped for HTML. */
export function bindingLabel(t: TFunction, b: Binding): string {
  if (b.coordination) return t('link.label_coordination');
  return b.agency ? `**${esc(b.agency.name)}**` : t('link.label_none');
}

async function answer(ctx: BotContext, o: LinkOutcome) {
  const t = ctx.t;
  switch (o.kind) {
    case 'linked': {
      await replyRich(ctx, o.to.coordination ? t('link.coordination') : t('link.linked', { agency: esc(o.to.agency!.name) }));
      // The coordinator learns of every group that starts speaking for an agency.
      const td = ctx.deps.i18n.t(ctx.deps.config.defaultLocale);
      const chat = ctx.chat as { id: number; title?: string };
      notifyCoordinators(ctx.deps, `link:${ctx.update.update_id}`, td('link.linked_for_coordinator', {
        title: esc(chat.title ?? String(chat.id)), to: bindingLabel(td, o.to), who: esc(displayName(ctx.from!)),
      }), 'link');
      return;
    }
    case 'unchanged':
      return replyRich(ctx, t('link.unchanged', { to: bindingLabel(t, o.to) }));
    case 'confirm':
      return replyRich(ctx, t('link.confirm', { from: bindingLabel(t, o.from), to: bindingLabel(t, o.to) }), {
        keyboard: confirmKeyboard(ctx, o.confirmationId, 'link.confirm_yes'),
      });
    case 'not_group':
      return replyRich(ctx, t('link.not_group'));
    case 'not_allowed':
      if (o.why === 'coordination') return replyRich(ctx, t('link.coordinators_only'));
      if (o.why === 'leave') return replyRich(ctx, t('link.not_yours', { from: esc(o.from.agency!.name) }));
      return replyRich(ctx, t('link.not_allowed', { agency: esc(o.to.agency?.name ?? '') }));
    case 'not_found':
      return replyRich(ctx, t('register.not_found'));
    case 'choose':
      return replyRich(ctx, t('register.choose'), {
        keyboard: Markup.inlineKeyboard(o.candidates.slice(0, 10).map((a) => [Markup.button.callback(a.short, `lk:${a.code}`)])).reply_markup,
      });
  }
}
