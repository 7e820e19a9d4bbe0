// Builders for the updates Telegram sends, shaped as the Bot API documents them.
import { BOT_USER } from './bot-api-stub.js';

export interface TgUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export const COORDINATOR: TgUser = { id: 900001, is_bot: false, first_name: 'Thảo', last_name: 'Nguyễn', username: 'thao_skhcn' };
export const OFFICER: TgUser = { id: 900101, is_bot: false, first_name: 'Minh', last_name: 'Trần', username: 'minh_syt' };
export const STRANGER: TgUser = { id: 900999, is_bot: false, first_name: 'Khách' };

export const privateChat = (u: TgUser) => ({ id: u.id, type: 'private' as const, first_name: u.first_name });
export const groupChat = (id = -1001234567890, title = 'Sở Y tế — KH457') => ({ id, type: 'supergroup' as const, title });

let messageId = 10_000;
export const nextMessageId = () => ++messageId;

/** Entities as Telegram computes them: a leading /command gets a bot_command entity (UTF-16 length). */
export function commandEntities(text: string) {
  const m = /^\/[A-Za-z0-9_]+(@\w+)?/.exec(text);
  return m ? [{ type: 'bot_command', offset: 0, length: m[0].length }] : undefined;
}

type MessageOptions = { from?: TgUser; chat?: Record<string, unknown>; replyTo?: Record<string, unknown> };

/** The fields every incoming message has, plus what makes it a text or a document. */
function incoming<B extends Record<string, unknown>>(body: B, opts: MessageOptions) {
  const from = opts.from ?? OFFICER;
  return {
    message: {
      message_id: nextMessageId(),
      date: Math.floor(Date.now() / 1000),
      chat: opts.chat ?? privateChat(from),
      from,
      ...body,
      ...(opts.replyTo ? { reply_to_message: opts.replyTo } : {}),
    },
  };
}

export function message(text: string, opts: MessageOptions = {}) {
  const entities = commandEntities(text);
  return incoming({ text, ...(entities ? { entities } : {}) }, opts);
}

export function callback(data: string, opts: { from?: TgUser; chat?: Record<string, unknown>; messageId?: number } = {}) {
  const from = opts.from ?? OFFICER;
  return {
    callback_query: {
      id: String(nextMessageId()),
      from,
      chat_instance: '1',
      data,
      message: { message_id: opts.messageId ?? 1, date: 0, chat: opts.chat ?? privateChat(from), from: BOT_USER, text: '…' },
    },
  };
}

export function edited(original: { message: Record<string, any> }, text: string) {
  const entities = commandEntities(text);
  const { entities: _old, ...rest } = original.message;
  return { edited_message: { ...rest, text, edit_date: Math.floor(Date.now() / 1000), ...(entities ? { entities } : {}) } };
}

export function document(caption: string, opts: MessageOptions = {}) {
  const entities = commandEntities(caption);
  const file = { file_id: `BQACAgUAAx${nextMessageId()}`, file_unique_id: `AgAD${nextMessageId()}`, file_name: 'bao-cao-2026.pdf', mime_type: 'application/pdf' };
  return incoming({ document: file, caption, ...(entities ? { caption_entities: entities } : {}) }, opts);
}

/** The bot's message as it appears inside reply_to_message. */
export function botMessageRef(chatId: number, messageId: number, text = '…') {
  return { message_id: messageId, date: 0, chat: { id: chatId, type: chatId < 0 ? 'supergroup' : 'private' }, from: BOT_USER, text };
}
