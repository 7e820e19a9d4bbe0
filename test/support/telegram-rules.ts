// What Telegram refuses, so the stand-in refuses it too: a message the real Bot API would answer
// with 400 must fail in every test, not pass silently. Written from the Bot API documentation
// (formatting options, sendMessage, InlineKeyboardButton).

// Tags Telegram's HTML parse mode accepts; anything else is "can't parse entities".
const TAGS = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'a', 'code', 'pre', 'tg-spoiler', 'span', 'blockquote', 'tg-emoji']);
const NAMED = new Set(['lt', 'gt', 'amp', 'quot']);

/** The text as Telegram shows it after parsing HTML, or why it cannot be parsed. */
export function parseTelegramHtml(html: string): { text: string } | { error: string } {
  const stack: string[] = [];
  let text = '';
  let i = 0;
  while (i < html.length) {
    const c = html[i]!;
    if (c === '<') {
      const end = html.indexOf('>', i);
      if (end < 0) return { error: "can't parse entities: unclosed start tag" };
      const m = /^<(\/?)([a-zA-Z-]+)(\s[^>]*)?>$/.exec(html.slice(i, end + 1));
      if (!m || !TAGS.has(m[2]!.toLowerCase())) return { error: `can't parse entities: unsupported start tag "${html.slice(i, end + 1)}"` };
      const name = m[2]!.toLowerCase();
      if (m[1]) {
        if (stack.pop() !== name) return { error: `can't parse entities: unmatched end tag "${name}"` };
      } else stack.push(name);
      i = end + 1;
    } else if (c === '&') {
      const m = /^&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]+);/.exec(html.slice(i, i + 12));
      if (!m || (!m[1]!.startsWith('#') && !NAMED.has(m[1]!))) return { error: "can't parse entities: unsupported entity" };
      text += 'x';
      i += m[0].length;
    } else if (c === '>') {
      return { error: "can't parse entities: unexpected '>'" };
    } else {
      text += c;
      i++;
    }
  }
  if (stack.length) return { error: `can't parse entities: unclosed tag "${stack.at(-1)}"` };
  return { text };
}

/** The 400 description Telegram would give for this call, or null when it would accept it. */
export function telegramRefusal(method: string, p: Record<string, any>): string | null {
  const keyboard = p.reply_markup && typeof p.reply_markup === 'object' ? p.reply_markup.inline_keyboard : undefined;
  if (Array.isArray(keyboard)) {
    for (const b of keyboard.flat()) {
      if (typeof b?.callback_data === 'string' && (Buffer.byteLength(b.callback_data) > 64 || !b.callback_data.length)) return 'Bad Request: BUTTON_DATA_INVALID';
      if (typeof b?.text !== 'string' || !b.text.trim()) return 'Bad Request: text buttons are unallowed in the inline keyboard';
    }
  }
  const field = method === 'sendMessage' || method === 'editMessageText' ? 'text' : method === 'sendDocument' || method === 'sendPhoto' ? 'caption' : null;
  if (!field || typeof p[field] !== 'string') return field === 'text' ? 'Bad Request: message text is empty' : null;
  const raw = p[field] as string;
  const parsed = p.parse_mode === 'HTML' ? parseTelegramHtml(raw) : { text: raw };
  if ('error' in parsed) return `Bad Request: ${parsed.error}`;
  const limit = field === 'text' ? 4096 : 1024;
  if (field === 'text' && !parsed.text.trim()) return 'Bad Request: message text is empty';
  if ([...parsed.text].length > limit) return field === 'text' ? 'Bad Request: message is too long' : 'Bad Request: message caption is too long';
  return null;
}
