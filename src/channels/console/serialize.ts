// The console serializer: a Reply → the plain-text messages a terminal prints. Emphasis becomes
// ANSI bold where the output is a terminal (nothing otherwise), choices become numbered lines after
// the text ("1. …") that the person answers by typing the number, and text is split at line
// boundaries within a limit. The same messages are what the outbox stores for a console chat.
import { parseRich, type Rich } from '../../conversation/rich.js';
import type { ChoiceAnswer, Reply } from '../../conversation/reply.js';
import type { ChannelMessage } from '../../delivery/say.js';
import { textParts, withoutControls, type TextPayload } from '../text/conversation.js';

export const CONSOLE_LIMIT = 4000;

export interface ConsoleFormat {
  /** Longest message, in characters (default 4,000). */
  limit?: number;
  /** Bold as ANSI escapes, for a terminal. */
  ansi?: boolean;
}

/** What a printed console message carries besides its text (the outbox payload of a console chat). */
export type ConsolePayload = TextPayload;

/**
 * Rich text as terminal text: plain, with bold (and code) as ANSI bold when asked. Control
 * characters a person typed are dropped, so a note cannot move the cursor, recolour or ring.
 */
export function richToConsole(r: Rich, ansi = false): string {
  return parseRich(r)
    .map((s) => {
      const text = withoutControls(s.text);
      return ansi && (s.styles.includes('bold') || s.styles.includes('code')) ? `\x1b[1m${text}\x1b[22m` : text;
    })
    .join('');
}

/**
 * A Reply as console messages: the file first (written to the files folder when printed), then
 * the text with its numbered choices, split within the limit; the choices and the question go
 * with the last part. `replace` needs nothing: a terminal cannot edit, the new text is printed.
 */
export function toConsoleMessages(reply: Reply, f: ConsoleFormat = {}): ChannelMessage[] {
  const out: ChannelMessage[] = [];
  if (reply.file) {
    const payload: ConsolePayload = { text: '', ...(reply.file.caption ? { caption: richToConsole(reply.file.caption, f.ansi) } : {}) };
    out.push({ method: reply.file.kind, payload: { ...payload }, file: reply.file.bytes, fileName: reply.file.name });
  }
  for (const payload of textParts(reply, f.limit ?? CONSOLE_LIMIT, (r) => richToConsole(r, f.ansi))) out.push({ method: 'text', payload: { ...payload } });
  return out;
}

/** The answer to a choice, as the short line printed under it; nothing when it says nothing. */
export function choiceAnswerLine(a: ChoiceAnswer | undefined, ansi = false): string | undefined {
  if (!a?.text) return undefined;
  return `${a.alert ? '⚠ ' : '› '}${richToConsole(a.text, ansi)}`;
}
