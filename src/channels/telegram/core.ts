// Telegram → the conversation core → Telegram: builds a Request from an update (who, where, what),
// runs the use case the router names, and turns its Outcome into Bot API calls. Updates the core
// has no use case for go on to the channel's own handlers (group membership, edits, the fallback).
import type { Message } from 'telegraf/types';
import { chatId } from '../../db/queries/chats.js';
import { rememberMessageAbout } from '../../core/progress-reports.js';
import { findUseCase, type Routes } from '../../conversation/router.js';
import type { Actor, Conversation, Input, Outcome, Request } from '../../conversation/types.js';
import type { Reply } from '../../conversation/reply.js';
import type { BotContext } from './context.js';
import { replyRich } from './reply.js';
import { displayName, filesOf, isFaceless, parseCommand, textOf } from './reporting-helpers.js';
import { keyboardOf, richToHtml } from './serialize.js';

/** What the person did, in the core's terms; undefined when it is nothing the core reads. */
export function inputOf(ctx: BotContext): Input | undefined {
  const cq = ctx.callbackQuery;
  if (cq) {
    if (!('data' in cq) || typeof cq.data !== 'string') return undefined;
    const msg = cq.message;
    return { kind: 'choice', data: cq.data, on: msg ? { chatId: msg.chat.id, messageId: msg.message_id } : null };
  }
  const msg = ctx.message as Message | undefined;
  if (!msg || !ctx.chat) return undefined;
  const text = textOf(msg);
  if (text === undefined) return undefined;
  const files = filesOf(msg);
  const cmd = parseCommand(text, ctx.botInfo.username);
  if (cmd) return { kind: 'command', command: cmd.command, args: cmd.args, files, messageId: msg.message_id };
  // A text starting with "/" that is not ours (a command for another bot) is nothing to answer.
  if (text.trim().startsWith('/')) return undefined;
  const replyTo = (msg as Message.TextMessage).reply_to_message;
  const answers = replyTo?.from?.id === ctx.botInfo.id ? { chatId: msg.chat.id, messageId: replyTo.message_id } : null;
  return { kind: 'text', text, answers, files, messageId: msg.message_id };
}

/**
 * The person, by internal id (set by `identify` in create-bot.ts): the same person on every
 * channel they linked. A bot's messages are never stored as a person: it keeps its Telegram id,
 * which is what a Telegram id maps to (chats.ts). `ref` stays the Telegram id: mentions point
 * there. `isCoordinator` holds when any of the person's identities is a configured coordinator.
 */
export function actorOf(ctx: BotContext): Actor {
  const from = ctx.from!;
  return {
    id: (ctx.state.personId as number | undefined) ?? from.id,
    name: displayName(from),
    firstName: from.first_name,
    ref: String(from.id),
    locale: ctx.locale,
    isCoordinator: ctx.isCoordinator,
    faceless: isFaceless(ctx),
  };
}

/** The chat, by internal id (chatId in db/queries/chats.ts: a Telegram chat's is its Telegram id unless taken). */
export function conversationOf(ctx: BotContext): Conversation {
  const chat = ctx.chat!;
  const title = 'title' in chat ? chat.title : null;
  return {
    channel: 'telegram',
    id: chatId(ctx.deps.db, 'telegram', String(chat.id), { type: chat.type, title }, ctx.deps.now()),
    kind: chat.type === 'private' ? 'private' : 'group',
    title,
    threadId: (ctx.message as Message | undefined)?.message_thread_id ?? null,
  };
}

/** The middleware that hands updates to the core; placed before the channel's own handlers. */
export function coreRouter(routes: Routes) {
  return async (ctx: BotContext, next: () => Promise<void>) => {
    if (!ctx.from || !ctx.chat) return next();
    const input = inputOf(ctx);
    const run = input && findUseCase(routes, input);
    if (!input || !run) return next();
    const req: Request = { actor: actorOf(ctx), conversation: conversationOf(ctx), input, eventId: ctx.update.update_id, deps: ctx.deps, botHandle: ctx.botInfo.username, t: ctx.t };
    const outcome = await run(req);
    await deliver(ctx, outcome, input.kind === 'choice');
  };
}

async function deliver(ctx: BotContext, o: Outcome, isChoice: boolean) {
  if (isChoice) {
    if (o.closeChoices) {
      try {
        await ctx.editMessageReplyMarkup(undefined);
      } catch (err) {
        ctx.deps.log.debug({ err }, 'could not remove the choices of an answered message');
      }
    }
    // A press is always answered, or the person's client shows a spinner.
    await ctx.answerCbQuery(o.answer?.text, o.answer?.alert ? { show_alert: true } : undefined);
  }
  for (const r of o.replies) await send(ctx, r, isChoice);
}

async function send(ctx: BotContext, r: Reply, isChoice: boolean) {
  let sent: Message | undefined;
  if (r.file) {
    const extra = r.file.caption ? { caption: richToHtml(r.file.caption), parse_mode: 'HTML' as const } : {};
    const source = { source: r.file.bytes, filename: r.file.name };
    sent = r.file.kind === 'photo' ? await ctx.replyWithPhoto(source, extra) : await ctx.replyWithDocument(source, extra);
    if (r.text) sent = await replyRich(ctx, r.text, { keyboard: keyboardOf(r.choices), quote: r.quote });
  } else if (r.question) {
    // A force-reply prompt: the person's client opens a reply to it, which works in privacy mode.
    sent = await ctx.reply(richToHtml(r.text), {
      parse_mode: 'HTML',
      reply_markup: { force_reply: true, selective: true, ...(r.question.placeholder ? { input_field_placeholder: r.question.placeholder } : {}) },
    });
  } else if (r.replace && isChoice) {
    try {
      const edited = await ctx.editMessageText(richToHtml(r.text), { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, reply_markup: keyboardOf(r.choices) });
      sent = typeof edited === 'object' ? (edited as Message) : undefined;
    } catch {
      sent = await replyRich(ctx, r.text, { keyboard: keyboardOf(r.choices), quote: false });
    }
  } else {
    sent = await replyRich(ctx, r.text, { keyboard: keyboardOf(r.choices), quote: isChoice ? false : r.quote });
  }
  if (sent && r.about) {
    rememberMessageAbout(ctx.deps.db, { chatId: sent.chat.id, messageId: sent.message_id }, r.about, ctx.deps.now(), ctx.deps.log);
  }
}
