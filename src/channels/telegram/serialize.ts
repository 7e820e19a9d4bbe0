// The Telegram serializer: rich text → Telegram HTML, and a Reply → Bot API messages within
// Telegram's limits. The only place that knows Telegram's markup and its 4,096-character limit.
import type { InlineKeyboardMarkup } from 'telegraf/types';
import { parseRich, richToPlain, type Rich, type Style } from '../../conversation/rich.js';
import type { Choice, Reply } from '../../conversation/reply.js';
import { clip } from '../../text/clip.js';
import { escapeHtml } from './html.js';
import { splitMessage } from './split-html.js';

const TAG: Record<Style, string> = { bold: 'b', italic: 'i', strike: 's', code: 'code' };
const escText = (s: string) => s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));

/**
 * Rich text as Telegram HTML. Tags nest in the order the emphasis was opened; a style closed out
 * of order closes the tags inside it and opens them again, so the markup is always balanced.
 */
export function richToHtml(r: Rich): string {
  let out = '';
  let stack: Style[] = [];
  for (const span of parseRich(r)) {
    let keep = 0;
    while (keep < stack.length && keep < span.styles.length && stack[keep] === span.styles[keep]) keep++;
    for (let i = stack.length - 1; i >= keep; i--) out += `</${TAG[stack[i]!]}>`;
    for (let i = keep; i < span.styles.length; i++) out += `<${TAG[span.styles[i]!]}>`;
    stack = [...span.styles];
    const text = escText(span.text);
    // A mention is a link Telegram turns into a notification; only numeric ids are Telegram users.
    out += span.mention && /^\d{1,15}$/.test(span.mention) ? `<a href="tg://user?id=${span.mention}">${text}</a>` : text;
  }
  for (let i = stack.length - 1; i >= 0; i--) out += `</${TAG[stack[i]!]}>`;
  return out;
}

/**
 * Rich text as Telegram HTML, cut into messages of at most 4,096 characters. The last few results
 * are kept: a card or a status kept under the plan data revision (core/plan-memo.ts) is the same
 * string each time it is asked for, and serializing a coordinator's /status is as costly as making it.
 */
export function htmlMessages(r: Rich): readonly string[] {
  let chunks = serialized.get(r);
  if (chunks) return chunks;
  chunks = Object.freeze(splitMessage(richToHtml(r)));
  serialized.set(r, chunks);
  if (serialized.size > SERIALIZED_KEPT) serialized.delete(serialized.keys().next().value!);
  return chunks;
}
const SERIALIZED_KEPT = 16;
const serialized = new Map<string, readonly string[]>();

/** A button's answer (answerCbQuery) is plain text of at most 200 characters. */
export const toastText = (r: Rich): string => clip(richToPlain(r), 200);

export function keyboardOf(choices: Choice[][] | undefined): InlineKeyboardMarkup | undefined {
  if (!choices?.length) return undefined;
  return { inline_keyboard: choices.map((row) => row.map((c) => ({ text: c.label, callback_data: c.data }))) };
}

export interface TelegramMessage {
  /** What the message is; the transport calls sendMessage, sendPhoto or sendDocument for it. */
  method: 'text' | 'photo' | 'document';
  payload: Record<string, unknown>;
  file?: Buffer;
  fileName?: string;
}

/**
 * A Reply as the messages the bot sends on its own (through the outbox): text split within 4,096
 * characters with the choices on the last part, then the file. Replies to a person in a
 * conversation go through the channel's context instead (reply.ts), which can also quote and edit.
 */
export function toTelegramMessages(reply: Reply): TelegramMessage[] {
  const out: TelegramMessage[] = [];
  if (reply.file) {
    out.push({
      method: reply.file.kind,
      payload: reply.file.caption ? { caption: richToHtml(reply.file.caption), parse_mode: 'HTML' } : {},
      file: reply.file.bytes,
      fileName: reply.file.name,
    });
  }
  if (reply.text) {
    const parts = htmlMessages(reply.text);
    const keyboard = keyboardOf(reply.choices);
    parts.forEach((text, i) =>
      out.push({
        method: 'text',
        payload: {
          text,
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          ...(i === parts.length - 1 && keyboard ? { reply_markup: keyboard } : {}),
        },
      }),
    );
  }
  return out;
}

export { escapeHtml };
