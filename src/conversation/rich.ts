// Rich text: what the bot says, with light emphasis, in a form no channel owns. The core, the
// renderers, the jobs and the locales write it; each channel turns it into its own messages
// (Telegram: HTML; the console and Zalo: plain text). The markup is small on purpose, and close
// to what translators know from Markdown:
//
//   **bold**   __italic__   ~~struck out~~   `code`   @[name](ref) a person, ref = their id on the channel
//
// A backslash makes the next character plain. Everything that came from a person (a note, a
// name, a chat title) goes through `esc` exactly once, so nobody can type emphasis or a mention.
// Unclosed emphasis ends at the end of the text: a typo in a locale cannot break a message.

export type Rich = string;

const SPECIAL = /[\\*_~`@[\]]/g;

/** Text from outside (a note, a name, a title) made safe to place inside rich text. */
export function esc(s: string): Rich {
  return s.replace(SPECIAL, '\\$&');
}

export const bold = (r: Rich): Rich => `**${r}**`;
export const italic = (r: Rich): Rich => `__${r}__`;
export const strike = (r: Rich): Rich => `~~${r}~~`;
/** Monospace; the content is escaped plain text (code spans hold no emphasis). */
export const mono = (plain: string): Rich => `\`${plain.replace(/[\\`]/g, '\\$&')}\``;
/** A person named in the text; channels that can, make it a link that notifies them. */
export const mention = (name: string, ref: string): Rich => `@[${esc(name)}](${ref.replace(/[\\)]/g, '\\$&')})`;

export type Style = 'bold' | 'italic' | 'strike' | 'code';

/** One piece of rich text: plain characters with the styles around them, or a mention. */
export type Span = { text: string; styles: readonly Style[]; mention?: string };

const TOGGLES: Record<string, Style> = { '**': 'bold', __: 'italic', '~~': 'strike' };

// Runs of characters that cannot start markup are copied in one step (most of a message), not one
// character at a time: this parse runs on every answer.
const TEXT_RUN = /[^\\`*_~@]+/y;
const CODE_RUN = /[^\\`]+/y;

/**
 * Rich text as spans, each with the styles open around it in the order they were opened (so a
 * channel can nest its tags the same way). Never throws: anything that is not markup is text.
 */
export function parseRich(r: Rich): Span[] {
  const spans: Span[] = [];
  const open: Style[] = [];
  let text = '';
  const flush = () => {
    if (text) spans.push({ text, styles: [...open] });
    text = '';
  };
  const toggle = (s: Style) => {
    flush();
    const at = open.indexOf(s);
    if (at >= 0) open.splice(at, 1);
    else open.push(s);
  };
  for (let i = 0; i < r.length; i++) {
    const inCode = open.includes('code');
    const run = inCode ? CODE_RUN : TEXT_RUN;
    run.lastIndex = i;
    if (run.test(r)) {
      text += r.slice(i, run.lastIndex);
      i = run.lastIndex - 1;
      continue;
    }
    const c = r[i]!;
    if (c === '\\' && i + 1 < r.length) {
      text += r[++i];
      continue;
    }
    if (c === '`') {
      toggle('code');
      continue;
    }
    if (inCode) {
      text += c;
      continue;
    }
    const pair = r.slice(i, i + 2);
    const style = TOGGLES[pair];
    if (style) {
      toggle(style);
      i++;
      continue;
    }
    if (pair === '@[') {
      const m = parseMention(r, i);
      if (m) {
        flush();
        spans.push({ text: m.name, styles: [...open], mention: m.ref });
        i = m.end - 1;
        continue;
      }
    }
    text += c;
  }
  flush();
  return spans;
}

/** `@[name](ref)` starting at `i`, with backslash escapes inside; undefined when malformed. */
function parseMention(r: Rich, i: number): { name: string; ref: string; end: number } | undefined {
  let j = i + 2;
  let name = '';
  for (; j < r.length && r[j] !== ']'; j++) name += r[j] === '\\' && j + 1 < r.length ? r[++j] : r[j];
  if (r[j] !== ']' || r[j + 1] !== '(') return undefined;
  let ref = '';
  for (j += 2; j < r.length && r[j] !== ')'; j++) ref += r[j] === '\\' && j + 1 < r.length ? r[++j] : r[j];
  if (r[j] !== ')' || !ref) return undefined;
  return { name, ref, end: j + 1 };
}

/** What rich text reads as without emphasis: for plain-text channels, button answers, logs. */
export function richToPlain(r: Rich): string {
  return parseRich(r).map((s) => s.text).join('');
}
